package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides by conditions, without the model ({@code rollback_decision}): roll back when any {@code
 * rollback_if} condition holds; proceed only {@code if} a condition holds.
 *
 * <pre>{@code
 * "3_decide": {"action": "rollback_decision",
 *   "rollback_if": ["error_rate_increase > 200%", "latency_increase > 100%", "pod_crash_rate > 20%"]}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class DecideSpec implements StepSpec {
  private final List<Condition> rollbackIf;
  private final Condition condition;

  private DecideSpec(Builder b) {
    this.rollbackIf = List.copyOf(b.rollbackIf);
    this.condition = b.condition;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    return new Builder().rollbackIf(rollbackIf).condition(condition);
  }

  /** Conditions any of which calls for a rollback ({@code rollback_if}). */
  public List<Condition> rollbackIf() {
    return rollbackIf;
  }

  /** The {@code rollback_if} list as one condition (their {@code OR}), if there is one. */
  public Optional<Condition> rollbackCondition() {
    return rollbackIf.isEmpty() ? Optional.empty() : Optional.of(Condition.anyOf(rollbackIf));
  }

  /** The condition to proceed ({@code if}). */
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  @Override
  public List<ConditionGroup> conditionGroups() {
    List<ConditionGroup> groups = new ArrayList<>();
    ConditionGroup.addIfPresent(
        groups, "rollback_if", ConditionGroup.Combination.ANY_OF, rollbackIf);
    ConditionGroup.addIfPresent(groups, "if", condition);
    return groups;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecideSpec
        && rollbackIf.equals(((DecideSpec) o).rollbackIf)
        && Objects.equals(condition, ((DecideSpec) o).condition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollbackIf, condition);
  }

  @Override
  public String toString() {
    return "DecideSpec{rollback_if=" + rollbackIf + ", if=" + condition + "}";
  }

  /** Builds a {@link DecideSpec}. Not thread-safe. */
  public static final class Builder {
    private List<Condition> rollbackIf = new ArrayList<>();
    private Condition condition;

    private Builder() {}

    /** Conditions any of which calls for a rollback. */
    public Builder rollbackIf(List<Condition> conditions) {
      this.rollbackIf = Checks.copy(conditions, "rollback_if");
      return this;
    }

    /** The condition to proceed; {@code null} for none. */
    public Builder condition(Condition condition) {
      this.condition = condition;
      return this;
    }

    /** The spec. A playbook checks the parameters when it is built. */
    public DecideSpec build() {
      return new DecideSpec(this);
    }
  }
}
