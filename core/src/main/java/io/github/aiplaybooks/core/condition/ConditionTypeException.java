package io.github.aiplaybooks.core.condition;

/**
 * Values that cannot be compared met: money with a duration, a string with a number, counts of
 * different units, a list where a single value is needed, a fact whose value does not match its
 * declared {@link FactType}. Conditions never turn a type error into {@code false}.
 *
 * <p>Thrown at compile time when the types are known from literals and declarations, otherwise at
 * evaluation time. Also thrown when a fact value cannot be a fact at all (a JSON object, a nested
 * list, a NaN), with {@link #column()} 0.
 */
public final class ConditionTypeException extends ConditionException {
  private static final long serialVersionUID = 1L;

  /** The stable code of this exception. */
  public static final String CODE = "CONDITION_TYPE";

  ConditionTypeException(String reason, String source, int column) {
    super(CODE, reason, source, column);
  }

  ConditionTypeException(String reason) {
    super(CODE, reason, null, 0);
  }
}
