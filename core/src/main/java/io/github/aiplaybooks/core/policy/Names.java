package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;

/** Checks that action names and rate-limit categories are names a condition can write. */
final class Names {
  private Names() {}

  /** Whether {@code name} is one identifier of the condition language (not a keyword). */
  static boolean isIdentifier(String name) {
    if (name.isEmpty() || !name.strip().equals(name)) {
      return false;
    }
    try {
      return Condition.compile(name).bareIdentifier().filter(name::equals).isPresent();
    } catch (ConditionException e) {
      return false;
    }
  }

  /** {@code name}, checked to be an identifier; the message names {@code field}. */
  static String requireIdentifier(String name, String field) {
    if (name == null) {
      throw new NullPointerException(field);
    }
    if (!isIdentifier(name)) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + name
              + "' is not a name a condition can write (a letter or _, then letters, digits, _,"
              + " and single . or - between them; not a keyword)");
    }
    return name;
  }
}
