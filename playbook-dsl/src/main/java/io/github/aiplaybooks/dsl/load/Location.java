package io.github.aiplaybooks.dsl.load;

/** A 1-based line and column in a playbook file. */
record Location(int line, int column) {
  static final Location START = new Location(1, 1);
}
