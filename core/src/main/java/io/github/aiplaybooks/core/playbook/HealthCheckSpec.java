package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a deployment's health every {@link #interval()} ({@code health_check}); it is healthy when
 * all {@link #checks()} hold. A playbook without a trigger whose first step is this one gets a
 * {@link HealthCheckTrigger} with the same interval and checks.
 *
 * <pre>{@code
 * "1_detect": {"action": "health_check", "interval": "30s",
 *              "checks": ["pod_ready_rate > 80%", "error_rate < 1%", "latency_p99 < 500ms"]}
 * }</pre>
 *
 * @param interval how often to check; positive
 * @param checks conditions that all hold while healthy (all of); at least one
 */
public record HealthCheckSpec(Duration interval, List<Condition> checks) implements StepSpec {

  /** Copies the checks; a playbook reports an empty list or a non-positive interval. */
  public HealthCheckSpec {
    Objects.requireNonNull(interval, "interval");
    checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
  }

  @Override
  public List<ConditionGroup> conditionGroups() {
    List<ConditionGroup> groups = new ArrayList<>();
    ConditionGroup.addIfPresent(groups, "checks", ConditionGroup.Combination.ALL_OF, checks);
    return groups;
  }
}
