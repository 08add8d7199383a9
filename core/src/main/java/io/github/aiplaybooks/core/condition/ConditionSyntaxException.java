package io.github.aiplaybooks.core.condition;

/**
 * The text is not a condition, or a literal in it (a quantity, duration, rate or string) is
 * malformed. {@link #column()} says where; the message ends with a caret excerpt.
 *
 * <pre>{@code
 * try {
 *   Condition.compile("blast_radius < ");
 * } catch (ConditionSyntaxException e) {
 *   e.column(); // 16
 * }
 * }</pre>
 */
public final class ConditionSyntaxException extends ConditionException {
  private static final long serialVersionUID = 1L;

  /** The stable code of this exception. */
  public static final String CODE = "CONDITION_SYNTAX";

  ConditionSyntaxException(String reason, String source, int column) {
    super(CODE, reason, source, column);
  }
}
