package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.HealthCheckSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A {@code health_check} step: see {@link HealthCheckSpec}. */
public final class HealthCheckStep extends StepDefinition<HealthCheckStep> {
  private Duration interval;
  private List<Condition> checks;

  HealthCheckStep(String action, Duration interval, List<Condition> checks) {
    super(action);
    this.interval = Objects.requireNonNull(interval, "interval");
    this.checks = checks;
  }

  /** How often to check. */
  public HealthCheckStep every(Duration interval) {
    this.interval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** Conditions that all hold while healthy, replacing those given before. */
  public HealthCheckStep checks(String... checks) {
    this.checks = compile(checks);
    return this;
  }

  @Override
  public HealthCheckSpec spec() {
    return new HealthCheckSpec(interval, checks);
  }
}
