package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.HealthCheckTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A health-check failure trigger: {@code healthCheckFailure().every(Duration.ofSeconds(30))
 * .checks("pod_ready_rate > 80%", "error_rate < 1%")}. Immutable: each method returns a new
 * definition.
 */
public final class HealthCheckDefinition implements TriggerDefinition {
  private final Duration interval;
  private final List<Condition> checks;

  HealthCheckDefinition(Duration interval, List<Condition> checks) {
    this.interval = interval;
    this.checks = checks;
  }

  /** How often to check. */
  public HealthCheckDefinition every(Duration interval) {
    return new HealthCheckDefinition(Objects.requireNonNull(interval, "interval"), checks);
  }

  /** Conditions that all hold while healthy. */
  public HealthCheckDefinition checks(String... checks) {
    return new HealthCheckDefinition(interval, StepDefinition.compile(checks));
  }

  @Override
  public HealthCheckTrigger trigger() {
    return new HealthCheckTrigger(interval, checks);
  }
}
