package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Facts;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link PolicyEngine} decided about an {@link ActionRequest}: allow it, ask a human, or
 * refuse it; with every reason and the rule that decided.
 *
 * <pre>{@code
 * Decision d = engine.decide(request);
 * switch (d.outcome()) {
 *   case ALLOW -> execute(request);
 *   case REQUIRE_APPROVAL -> askHuman(request, d.reasons());
 *   case DENY -> refuse(d.reasons(), d.retryAt());
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class Decision {

  /** The three possible outcomes. */
  public enum Outcome {
    /** The action may run now. */
    ALLOW,
    /** The action may run once a human approves it. */
    REQUIRE_APPROVAL,
    /** The action must not run. */
    DENY
  }

  private final Outcome outcome;
  private final List<String> reasons;
  private final RuleRef rule;
  private final Instant retryAt;
  private final String action;
  private final Facts facts;
  private final Instant decidedAt;

  Decision(
      Outcome outcome,
      List<String> reasons,
      RuleRef rule,
      Instant retryAt,
      String action,
      Facts facts,
      Instant decidedAt) {
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.reasons = List.copyOf(reasons);
    this.rule = Objects.requireNonNull(rule, "rule");
    this.retryAt = retryAt;
    this.action = Objects.requireNonNull(action, "action");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
  }

  /** What was decided. */
  public Outcome outcome() {
    return outcome;
  }

  /** Whether the action may run now. */
  public boolean isAllowed() {
    return outcome == Outcome.ALLOW;
  }

  /** Whether the action may run once a human approves it. */
  public boolean requiresApproval() {
    return outcome == Outcome.REQUIRE_APPROVAL;
  }

  /** Whether the action must not run. */
  public boolean isDenied() {
    return outcome == Outcome.DENY;
  }

  /**
   * Every reason, for people: the rule that decided first, then every other rule that matched (and
   * for {@link Outcome#REQUIRE_APPROVAL}, automatic rules that also matched but lost).
   */
  public List<String> reasons() {
    return reasons;
  }

  /** The rule that decided. */
  public RuleRef rule() {
    return rule;
  }

  /**
   * For a denial by a rate limit, when the limit frees a slot; empty for any other decision and for
   * a limit of zero, which never does.
   */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  /** The action's canonical name, or the name as asked for when the catalog does not know it. */
  public String action() {
    return action;
  }

  /** The facts the rules read: the trusted facts and the computed facts they lacked. */
  public Facts facts() {
    return facts;
  }

  /** When the decision was made, by the engine's clock. */
  public Instant decidedAt() {
    return decidedAt;
  }

  /** {@code ALLOW restart_pod by auto_approve[0]: restart_pod}. */
  @Override
  public String toString() {
    return outcome
        + " "
        + action
        + " by "
        + rule
        + (retryAt == null ? "" : " (retry at " + retryAt + ")")
        + " "
        + reasons;
  }
}
