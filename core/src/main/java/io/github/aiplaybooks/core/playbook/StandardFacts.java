package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;

/**
 * The facts every playbook condition may read without declaring them, with their types. Trusted
 * code computes them (from the action, the cluster, the metrics and the clock), never the model.
 *
 * <p>What a condition in a step may read is, in this order of precedence: these standard facts
 * (their types win), the playbook's {@code inputs}, the trigger's context ({@link
 * Trigger#context()}), and the outputs of earlier steps; a verify step may also read {@link
 * #VERIFICATION}. Anything else is an error when the playbook is built, with a suggestion.
 *
 * <table>
 *   <caption>Standard facts</caption>
 *   <tr><th>group</th><th>facts</th></tr>
 *   <tr><td>{@link #POLICY}</td><td>action, severity, namespace, off_hours, blast_radius (pods),
 *       replicas, min_replicas, max_replicas, scale_up, scale_down, cost_increase, confidence,
 *       risk, savings, approval_not_required</td></tr>
 *   <tr><td>{@link #HEALTH}</td><td>pod_ready_rate, pod_crash_rate, error_rate, restart_count,
 *       latency_p50, latency_p90, latency_p95, latency_p99, api_latency</td></tr>
 *   <tr><td>{@link #VERIFICATION}</td><td>alert_cleared, metrics_normalized, no_new_errors (verify
 *       steps only)</td></tr>
 * </table>
 */
public final class StandardFacts {

  /** The facts the policy engine computes for an action. */
  public static final FactSchema POLICY =
      FactSchema.builder()
          .fact("action", FactType.STRING)
          .fact("severity", FactType.STRING)
          .fact("namespace", FactType.STRING)
          .fact("off_hours", FactType.BOOLEAN)
          .fact("blast_radius", FactType.count("pods"))
          .fact("replicas", FactType.NUMBER)
          .fact("min_replicas", FactType.NUMBER)
          .fact("max_replicas", FactType.NUMBER)
          .fact("scale_up", FactType.RATIO)
          .fact("scale_down", FactType.RATIO)
          .fact("cost_increase", FactType.RATIO)
          .fact("confidence", FactType.NUMBER)
          .fact("risk", FactType.STRING)
          .fact("savings", FactType.MONEY)
          .fact("approval_not_required", FactType.BOOLEAN)
          .build();

  /** A deployment's health, from metrics. */
  public static final FactSchema HEALTH =
      FactSchema.builder()
          .fact("pod_ready_rate", FactType.RATIO)
          .fact("pod_crash_rate", FactType.RATIO)
          .fact("error_rate", FactType.RATIO)
          .fact("restart_count", FactType.NUMBER)
          .fact("latency_p50", FactType.DURATION)
          .fact("latency_p90", FactType.DURATION)
          .fact("latency_p95", FactType.DURATION)
          .fact("latency_p99", FactType.DURATION)
          .fact("api_latency", FactType.DURATION)
          .build();

  /** The named checks of a verify step. */
  public static final FactSchema VERIFICATION =
      FactSchema.builder()
          .fact("alert_cleared", FactType.BOOLEAN)
          .fact("metrics_normalized", FactType.BOOLEAN)
          .fact("no_new_errors", FactType.BOOLEAN)
          .build();

  private StandardFacts() {}
}
