package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The model proposes a plan ({@code generate_scaling_plan}, {@code generate_savings_plan}) that
 * must satisfy every constraint (all of) and may choose among savings opportunities.
 *
 * <pre>{@code
 * "4_recommend": {"action": "generate_scaling_plan",
 *   "constraints": ["min_replicas >= 2", "max_replicas <= 100", "cost_increase < 20%"]}
 * "3_recommend": {"action": "generate_savings_plan",
 *   "opportunities": [{"type": "rightsize_pod", "savings": "$120/month"}]}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class PlanSpec implements LlmSpec {
  private final List<Condition> constraints;
  private final List<Opportunity> opportunities;
  private final String reasoning;
  private final String output;

  private PlanSpec(Builder b) {
    this.constraints = List.copyOf(b.constraints);
    this.opportunities = List.copyOf(b.opportunities);
    this.reasoning = b.reasoning;
    this.output = b.output;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    return new Builder()
        .constraints(constraints)
        .opportunities(opportunities)
        .reasoning(reasoning)
        .output(output);
  }

  /** Conditions every plan must satisfy (all of). */
  public List<Condition> constraints() {
    return constraints;
  }

  /** The savings opportunities to choose among. */
  public List<Opportunity> opportunities() {
    return opportunities;
  }

  @Override
  public Optional<String> reasoning() {
    return Optional.ofNullable(reasoning);
  }

  @Override
  public Optional<String> output() {
    return Optional.ofNullable(output);
  }

  @Override
  public List<ConditionGroup> conditionGroups() {
    List<ConditionGroup> groups = new ArrayList<>();
    ConditionGroup.addIfPresent(
        groups, "constraints", ConditionGroup.Combination.ALL_OF, constraints);
    return groups;
  }

  @Override
  public Set<String> outputs() {
    return output == null ? Set.of() : Set.of(output);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PlanSpec)) {
      return false;
    }
    PlanSpec s = (PlanSpec) o;
    return constraints.equals(s.constraints)
        && opportunities.equals(s.opportunities)
        && Objects.equals(reasoning, s.reasoning)
        && Objects.equals(output, s.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(constraints, opportunities, reasoning, output);
  }

  @Override
  public String toString() {
    return "PlanSpec{constraints="
        + constraints
        + ", opportunities="
        + opportunities
        + ", reasoning="
        + reasoning
        + ", output="
        + output
        + "}";
  }

  /** Builds a {@link PlanSpec}. Not thread-safe. */
  public static final class Builder {
    private List<Condition> constraints = new ArrayList<>();
    private List<Opportunity> opportunities = new ArrayList<>();
    private String reasoning;
    private String output;

    private Builder() {}

    /** Conditions every plan must satisfy. */
    public Builder constraints(List<Condition> constraints) {
      this.constraints = Checks.copy(constraints, "constraints");
      return this;
    }

    /** The savings opportunities. */
    public Builder opportunities(List<Opportunity> opportunities) {
      this.opportunities = Checks.copy(opportunities, "opportunities");
      return this;
    }

    /** What the model is asked to do; {@code null} for nothing said. */
    public Builder reasoning(String reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /** The name of the result; {@code null} for none. */
    public Builder output(String output) {
      this.output = output;
      return this;
    }

    /** The spec. A playbook checks the parameters when it is built. */
    public PlanSpec build() {
      return new PlanSpec(this);
    }
  }
}
