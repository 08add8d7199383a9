package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.DurationLiteral;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Starts a run when a deployment's health check fails: every {@link #interval()} the checks are
 * evaluated, and the run starts when any of them does not hold (they are healthy only when all
 * hold). The seed's Playbook 5 checks {@code pod_ready_rate > 80%}, {@code error_rate < 1%} and
 * {@code latency_p99 < 500ms} every 30 seconds.
 *
 * <p>Context: {@value #CONTEXT_TEXT}.
 *
 * @param interval how often to check; positive
 * @param checks conditions that all hold while the deployment is healthy; at least one
 */
public record HealthCheckTrigger(Duration interval, List<Condition> checks) implements Trigger {

  /** The context names, as text for documentation. */
  public static final String CONTEXT_TEXT = "cluster, region, namespace, deployment, service";

  static final List<String> CONTEXT = List.of(CONTEXT_TEXT.split(", "));

  /** Copies the checks. A playbook reports an empty or non-positive value when it is built. */
  public HealthCheckTrigger {
    Objects.requireNonNull(interval, "interval");
    checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
  }

  @Override
  public String type() {
    return "health_check";
  }

  /** The names every health-check run has: {@value #CONTEXT_TEXT}. */
  @Override
  public List<String> context() {
    return CONTEXT;
  }

  @Override
  public String describe() {
    return "health check every "
        + DurationLiteral.format(interval)
        + " fails: "
        + checks.stream().map(Condition::normalized).collect(Collectors.joining(", "));
  }
}
