package io.github.aiplaybooks.core.condition;

/**
 * The result of {@link Condition#evaluate(Facts)} in three-valued (Kleene) logic: {@link #UNKNOWN}
 * means the result depends on a fact that is missing.
 *
 * <table>
 *   <caption>Kleene logic</caption>
 *   <tr><th>a</th><th>b</th><th>a AND b</th><th>a OR b</th><th>NOT a</th></tr>
 *   <tr><td>TRUE</td><td>UNKNOWN</td><td>UNKNOWN</td><td>TRUE</td><td>FALSE</td></tr>
 *   <tr><td>FALSE</td><td>UNKNOWN</td><td>FALSE</td><td>UNKNOWN</td><td>TRUE</td></tr>
 *   <tr><td>UNKNOWN</td><td>UNKNOWN</td><td>UNKNOWN</td><td>UNKNOWN</td><td>UNKNOWN</td></tr>
 * </table>
 *
 * <p>A policy fails closed with it: an automatic rule applies only on {@link #TRUE}; a rule that
 * requires a human applies on {@link #TRUE} or {@link #UNKNOWN}.
 *
 * <pre>{@code
 * Truth t = condition.evaluate(facts);
 * boolean autoApprove = t.isTrue();
 * boolean needsHuman = t.isPossible();
 * }</pre>
 */
public enum Truth {
  /** The condition does not hold. */
  FALSE,
  /** The condition holds. */
  TRUE,
  /** The result depends on a fact that is missing. */
  UNKNOWN;

  // Indexed by the evaluator's int codes: 0 = FALSE, 1 = TRUE, 2 = UNKNOWN (the ordinals).
  private static final Truth[] BY_CODE = values();

  static Truth ofCode(int code) {
    return BY_CODE[code];
  }

  /** {@link #TRUE} or {@link #FALSE}. */
  public static Truth of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** Whether this is {@link #TRUE}. */
  public boolean isTrue() {
    return this == TRUE;
  }

  /** Whether this is {@link #TRUE} or {@link #UNKNOWN}: the condition may hold. */
  public boolean isPossible() {
    return this != FALSE;
  }

  /** Kleene conjunction: {@code FALSE} wins, then {@code UNKNOWN}. */
  public Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
  }

  /** Kleene disjunction: {@code TRUE} wins, then {@code UNKNOWN}. */
  public Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : FALSE;
  }

  /** Kleene negation: {@code UNKNOWN} stays {@code UNKNOWN}. */
  public Truth not() {
    return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
  }

  /** {@code "true"}, {@code "false"} or {@code "unknown"}, for explanations. */
  String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
