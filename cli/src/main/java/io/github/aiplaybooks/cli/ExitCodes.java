package io.github.aiplaybooks.cli;

/** The exit codes of the {@code playbooks} command. */
final class ExitCodes {
  /** Success: the answer is on standard output (for {@code policy eval}, whatever the decision). */
  static final int OK = 0;

  /** Something went wrong that is not the input's fault. */
  static final int SOFTWARE = 1;

  /**
   * The input is invalid: a bad option, file, JSON value, condition, policy or playbook. The one
   * code for invalid input of every command. (Note: {@code PlaybookFiles.INVALID} is the same
   * value, kept by the playbook commands' owner for now; it is to become this constant.)
   */
  static final int INVALID_INPUT = 2;

  /** A condition needs a fact that the facts given do not have. */
  static final int MISSING_FACT = 3;

  private ExitCodes() {}
}
