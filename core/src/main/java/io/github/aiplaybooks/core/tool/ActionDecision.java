package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The final decision about one {@link PreparedAction}: the {@link
 * io.github.aiplaybooks.core.policy.PolicyEngine PolicyEngine}'s decision, combined with the step's
 * {@link ApprovalRules} and with the gate's own rule that a change without an inverse needs a human
 * ("Always create rollback plan before changes"). Only {@link MutationGate#decide} makes one, and
 * {@link MutationGate#execute} accepts it only for the action it was made for.
 */
public final class ActionDecision {
  /** The rule id when an action without an inverse needs a human. */
  public static final String NO_INVERSE = "gate.no_inverse";

  /** The rule id when the system could not be read for the action's facts. */
  public static final String UNREADABLE = "gate.facts_unreadable";

  /** The rule id when nothing carries out the action. */
  public static final String UNSUPPORTED = "gate.unsupported";

  private final PreparedAction prepared;
  private final Decision.Outcome outcome;
  private final Decision policyDecision;
  private final List<String> reasons;
  private final String rule;
  private final Facts facts;
  private final Instant decidedAt;

  ActionDecision(
      PreparedAction prepared,
      Decision.Outcome outcome,
      Decision policyDecision,
      List<String> reasons,
      String rule,
      Facts facts,
      Instant decidedAt) {
    this.prepared = Objects.requireNonNull(prepared, "prepared");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.policyDecision = policyDecision;
    this.reasons = List.copyOf(reasons);
    this.rule = Objects.requireNonNull(rule, "rule");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
  }

  /** The action decided about. */
  public PreparedAction prepared() {
    return prepared;
  }

  /** The final outcome. */
  public Decision.Outcome outcome() {
    return outcome;
  }

  /** Whether the action may run now. */
  public boolean isAllowed() {
    return outcome == Decision.Outcome.ALLOW;
  }

  /** Whether the action may run once a human approves it. */
  public boolean requiresApproval() {
    return outcome == Decision.Outcome.REQUIRE_APPROVAL;
  }

  /** Whether the action must not run. */
  public boolean isDenied() {
    return outcome == Decision.Outcome.DENY;
  }

  /** The policy engine's own decision; empty when the gate refused before asking it. */
  public Optional<Decision> policyDecision() {
    return Optional.ofNullable(policyDecision);
  }

  /** Every reason: the policy's first, then what the step's rules and the gate added. */
  public List<String> reasons() {
    return reasons;
  }

  /**
   * The rule that decided: a policy rule ({@code auto_approve[0]: restart_pod}), a step's ({@code
   * 5_approve.require_human_if[1]: blast_radius > 50_pods}) or the gate's ({@value #NO_INVERSE}).
   */
  public String rule() {
    return rule;
  }

  /** The facts the rules read: the trusted facts and the ones the policy computed. */
  public Facts facts() {
    return facts;
  }

  /** When it was decided, by the gate's clock. */
  public Instant decidedAt() {
    return decidedAt;
  }

  /** {@code REQUIRE_APPROVAL restart_pod by gate.no_inverse}. */
  @Override
  public String toString() {
    return outcome + " " + prepared.action() + " by " + rule;
  }
}
