package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Identifiers;

/** Checks that action names and rate-limit categories are names a condition can write. */
final class Names {
  private Names() {}

  /** Whether {@code name} is one {@linkplain Identifiers identifier} (not a keyword). */
  static boolean isIdentifier(String name) {
    return Identifiers.isIdentifier(name);
  }

  /** {@code name}, checked to be an identifier; the message names {@code field}. */
  static String requireIdentifier(String name, String field) {
    return Identifiers.requireIdentifier(name, field);
  }
}
