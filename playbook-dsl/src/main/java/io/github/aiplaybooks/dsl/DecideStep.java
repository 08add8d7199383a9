package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.DecideSpec;

/** A {@code rollback_decision} step: see {@link DecideSpec}. */
public final class DecideStep extends StepDefinition<DecideStep> {
  private final DecideSpec.Builder b = DecideSpec.builder();

  DecideStep(String action) {
    super(action);
  }

  /** Conditions any of which calls for a rollback ({@code rollback_if}). */
  public DecideStep rollbackIf(String... conditions) {
    b.rollbackIf(compile(conditions));
    return this;
  }

  /** The condition to proceed ({@code if}). */
  public DecideStep onlyIf(String condition) {
    b.condition(Condition.compile(condition));
    return this;
  }

  @Override
  public DecideSpec spec() {
    return b.build();
  }
}
