package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.policy.ActionCatalog;
import io.github.aiplaybooks.core.policy.Policy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The facts every playbook condition may read without declaring them, with their types. Trusted
 * code computes them (from the action, the alert, the cluster, the metrics and the clock), never
 * the model: a condition that names one always reads the trusted value, whatever a step's {@code
 * extract} or {@code output} is called (see {@link Scope}).
 *
 * <p>{@link #POLICY} is the policy engine's own table ({@link Policy#standardFacts(ActionCatalog)})
 * plus three facts only playbooks read, so a condition means the same in a policy and in a
 * playbook: {@code action} is one of the catalog's actions (an alias reads as its canonical name;
 * {@code action IN ['restart_pd']} is an error when the playbook is built, with a suggestion), a
 * playbook built with its own {@link KnownActions} types {@code action} by those.
 *
 * <p>What a condition in a step may read is, in this order of precedence: these standard facts
 * (their types and their trusted values win), the trigger's context ({@link Trigger#context()}),
 * the playbook's {@code inputs}, and the outputs of earlier steps; a verify step may also read
 * {@link #VERIFICATION}. Anything else is an error when the playbook is built, with a suggestion.
 *
 * <table>
 *   <caption>Standard facts</caption>
 *   <tr><th>group</th><th>facts</th></tr>
 *   <tr><td>{@link #POLICY}, from the policy engine's table</td><td>action (one of the catalog's),
 *       severity, off_hours, blast_radius (count of pods), namespace, cluster, environment,
 *       replicas, target_replicas, scale_up, scale_down, cost_increase (ratio), savings (money),
 *       risk, confidence (ratio)</td></tr>
 *   <tr><td>{@link #POLICY}, playbooks only</td><td>min_replicas, max_replicas (numbers: a
 *       deployment's bounds, for scaling constraints), approval_not_required (boolean: the policy
 *       engine allows the action without a human)</td></tr>
 *   <tr><td>{@link #HEALTH}</td><td>pod_ready_rate, pod_crash_rate, error_rate (ratios),
 *       restart_count, latency_p50, latency_p90, latency_p95, latency_p99, api_latency
 *       (durations)</td></tr>
 *   <tr><td>{@link #VERIFICATION}</td><td>alert_cleared, metrics_normalized, no_new_errors (verify
 *       steps only)</td></tr>
 * </table>
 */
public final class StandardFacts {

  /** The facts only playbooks read, beside the policy engine's. */
  private static final FactSchema PLAYBOOK_ONLY =
      FactSchema.builder()
          .fact("min_replicas", FactType.NUMBER)
          .fact("max_replicas", FactType.NUMBER)
          .fact("approval_not_required", FactType.BOOLEAN)
          .build();

  /**
   * The facts the policy engine computes for an action ({@link Policy#standardFacts}, {@code
   * action} typed by {@link ActionCatalog#defaults()}), and the three playbooks add.
   */
  public static final FactSchema POLICY = policy(KnownActions.seedCatalog());

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

  /**
   * Whether {@code name} is a standard fact of any group: a step's output of that name never stands
   * in for it.
   */
  public static boolean isStandard(String name) {
    return POLICY.declares(name) || HEALTH.declares(name) || VERIFICATION.declares(name);
  }

  /** {@link #POLICY} with {@code action} typed by {@code actions}. */
  static FactSchema policy(KnownActions actions) {
    FactSchema.Builder b = Policy.standardFacts(ActionCatalog.defaults()).toBuilder();
    b.fact("action", actions.actionType());
    declareAll(b, PLAYBOOK_ONLY);
    return b.build();
  }

  /** The names of every group. */
  static Set<String> names() {
    Set<String> all = new LinkedHashSet<>(POLICY.names());
    all.addAll(HEALTH.names());
    all.addAll(VERIFICATION.names());
    return all;
  }

  static void declareAll(FactSchema.Builder b, FactSchema schema) {
    for (String n : schema.names()) {
      b.fact(n, schema.type(n).orElseThrow());
    }
  }
}
