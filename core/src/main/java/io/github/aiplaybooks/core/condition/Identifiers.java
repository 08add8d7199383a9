package io.github.aiplaybooks.core.condition;

/**
 * The one grammar of names in AI Playbooks: facts, symbols, actions, rate-limit categories,
 * playbook variables. An identifier starts with a letter or {@code _}, goes on with letters, digits
 * and {@code _}, and may hold a single {@code .} or {@code -} between two of those ({@code
 * kube-system}, {@code v2.1.0}, {@code get-metric-data}); it is not a keyword of the condition
 * language ({@code AND}, {@code OR}, {@code NOT}, {@code IN}, {@code true}, {@code false}, in any
 * case). Letters are ASCII.
 *
 * <pre>{@code
 * Identifiers.isIdentifier("blast_radius");   // true
 * Identifiers.isIdentifier("get-metric-data"); // true
 * Identifiers.isIdentifier("my fact");         // false: a blank
 * Identifiers.isIdentifier("and");             // false: a keyword
 * }</pre>
 */
public final class Identifiers {
  private Identifiers() {}

  /** Whether {@code s} is an identifier as described on this class; {@code false} for null. */
  public static boolean isIdentifier(String s) {
    return s != null
        && !s.isEmpty()
        && LiteralScanner.identifierEnd(s, 0) == s.length()
        && Lexer.keyword(s) == null;
  }

  /**
   * {@code name}, checked to be an identifier.
   *
   * @param field names the argument in the message, such as {@code "name"}
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is not an identifier, naming {@code field}
   */
  public static String requireIdentifier(String name, String field) {
    if (name == null) {
      throw new NullPointerException(field);
    }
    if (!isIdentifier(name)) {
      throw new IllegalArgumentException(field + ": '" + name + "' " + WHY_NOT);
    }
    return name;
  }

  /** Why a name is refused, for messages. */
  static final String WHY_NOT =
      "is not a name a condition can write (a letter or _, then letters, digits, _, and single ."
          + " or - between them; not a keyword such as AND or true)";
}
