package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.VerifySpec;
import java.util.List;

/** A {@code validate_remediation} step: see {@link VerifySpec}. */
public final class VerifyStep extends StepDefinition<VerifyStep> {
  private List<Condition> checks = List.of();

  VerifyStep(String action) {
    super(action);
  }

  /** Conditions or named checks ({@code alert_cleared}) that all hold when it worked. */
  public VerifyStep checks(String... checks) {
    this.checks = compile(checks);
    return this;
  }

  @Override
  public VerifySpec spec() {
    return new VerifySpec(checks);
  }
}
