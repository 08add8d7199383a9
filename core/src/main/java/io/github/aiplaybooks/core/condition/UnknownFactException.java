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

  UnknownFactException(
      String reason, String factName, String suggestion, String source, int column) {
    super(CODE, reason, source, column);
    this.factName = factName;
    this.suggestion = suggestion;
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
