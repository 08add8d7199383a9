package io.github.aiplaybooks.core.tool;

import java.util.Set;

/**
 * Carries out actions of the policy's catalog on a real system, the way the engine needs: first it
 * reads the system, without changing anything, to give the trusted facts the policy decides on and
 * the inverse that undoes the change; then, only when {@link MutationGate} hands it a permit, it
 * applies the change (or dry-runs it).
 *
 * <p>This is the SPI the Kubernetes and AWS adapters implement, so they stay thin: for {@code
 * scale_deployment}, {@link #prepare} reads the deployment's replicas and its pods (facts {@code
 * replicas}, {@code target_replicas}, {@code blast_radius}, {@code namespace}) and returns the
 * inverse "scale back to the current count"; {@link #apply} patches the replica count, passing the
 * permit's idempotency key on where the system takes one.
 *
 * <pre>{@code
 * final class RestartPod implements ActionAdapter {
 *   public Set<String> actions() { return Set.of("restart_pod"); }
 *   public Preparation prepare(PlannedAction a) {
 *     Pod pod = cluster.pod(a.target());
 *     return Preparation.builder()
 *         .facts(Facts.builder().put("blast_radius", 1).put("namespace", pod.namespace()).build())
 *         .inverse(null)      // a restart cannot be undone: the policy will ask a human
 *         .description("delete pod " + pod.name() + " so its controller recreates it")
 *         .build();
 *   }
 *   public ActionOutcome apply(MutationPermit permit) {
 *     cluster.deletePod(permit.planned().target());
 *     return ActionOutcome.applied("deleted pod " + permit.planned().target().name());
 *   }
 * }
 * }</pre>
 *
 * <p>Contract: {@link #prepare} changes nothing and throws if it cannot read the system (the action
 * is then refused: no facts, no decision); its facts must come from the system, the clock or the
 * action itself, never from model output. {@link #apply} is called only by the gate, after a policy
 * decision, at most once per idempotency key unless an earlier attempt threw; it throws or returns
 * an {@link ActionOutcome}. Inverses are applied through {@link #apply} too, with a permit of kind
 * {@link MutationPermit.Kind#ROLLBACK}, so list their actions in {@link #actions()} as well.
 * Implementations must be thread-safe.
 */
public interface ActionAdapter {

  /**
   * The actions this adapter carries out: canonical catalog names (aliases are resolved before),
   * and the actions of the inverses it returns.
   */
  Set<String> actions();

  /**
   * Reads the system for {@code action} without changing it: trusted facts, the inverse, a
   * description.
   *
   * @throws RuntimeException if the system cannot be read; the action is then refused
   */
  Preparation prepare(PlannedAction action);

  /**
   * Applies the permitted action, in the permit's mode. Called only when {@link #supportsDryRun()}
   * or the mode is {@link ExecutionMode#LIVE}.
   */
  ActionOutcome apply(MutationPermit permit);

  /**
   * Whether {@link #apply} can dry-run (validate without change); when not, a dry run does not call
   * it and reports what would have happened.
   */
  default boolean supportsDryRun() {
    return false;
  }
}
