package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.Opportunity;
import io.github.aiplaybooks.core.playbook.PlanSpec;
import java.util.List;

/**
 * A step where the model proposes a plan ({@code generate_scaling_plan}, {@code
 * generate_savings_plan}): see {@link PlanSpec}.
 */
public final class PlanStep extends StepDefinition<PlanStep> {
  private final PlanSpec.Builder b = PlanSpec.builder();

  PlanStep(String action) {
    super(action);
  }

  /** Conditions every plan must satisfy (all of). */
  public PlanStep constraints(String... conditions) {
    b.constraints(compile(conditions));
    return this;
  }

  /** Savings opportunities, such as {@code opportunity("rightsize_pod", "$120/month")}. */
  public PlanStep opportunities(Opportunity... opportunities) {
    b.opportunities(List.of(opportunities));
    return this;
  }

  /** What the model is asked to do. */
  public PlanStep reasoning(String reasoning) {
    b.reasoning(reasoning);
    return this;
  }

  /** The name later steps read the result by. */
  public PlanStep output(String name) {
    b.output(name);
    return this;
  }

  @Override
  public PlanSpec spec() {
    return b.build();
  }
}
