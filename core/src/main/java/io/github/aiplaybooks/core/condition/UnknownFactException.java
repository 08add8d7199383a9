package io.github.aiplaybooks.core.condition;

import java.util.Optional;

/**
 * A condition needs a fact that is not there: not declared in the {@link FactSchema} it was
 * compiled against (thrown by {@link Condition#compile(String, FactSchema)}), or not in the {@link
 * Facts} given when its result depends on it (thrown by {@link Condition#test(Facts)}).
 *
 * <pre>{@code
 * try {
 *   Condition.compile("blast_radiu < 10_pods", FactSchema.of("blast_radius"));
 * } catch (UnknownFactException e) {
 *   e.factName();   // "blast_radiu"
 *   e.suggestion(); // Optional[blast_radius]
 * }
 * }</pre>
 */
public final class UnknownFactException extends ConditionException {
  private static final long serialVersionUID = 1L;

  /** The stable code of this exception. */
  public static final String CODE = "CONDITION_UNKNOWN_FACT";

  private final String factName;
  private final String suggestion;
  private final boolean mayBeSymbol;

  UnknownFactException(
      String reason, String factName, String suggestion, String source, int column) {
    this(reason, factName, suggestion, source, column, false);
  }

  UnknownFactException(
      String reason,
      String factName,
      String suggestion,
      String source,
      int column,
      boolean mayBeSymbol) {
    super(CODE, reason, source, column);
    this.factName = factName;
    this.suggestion = suggestion;
    this.mayBeSymbol = mayBeSymbol;
  }

  /**
   * Whether the name stands where a symbol may stand (on the right of {@code ==}, {@code !=} or
   * {@code IN}) and was refused only because it is spelt almost like a declared fact: quoting it
   * makes it a symbol.
   */
  public boolean mayBeSymbol() {
    return mayBeSymbol;
  }

  /** The name of the missing fact. */
  public String factName() {
    return factName;
  }

  /** The closest known fact name, if one is close enough to be a likely typo. */
  public Optional<String> suggestion() {
    return Optional.ofNullable(suggestion);
  }
}
