package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.Set;

/** One compiled item of a policy list: the condition it stands for and how to report it. */
final class Rule {
  final RuleRef ref;
  final Condition condition;
  final boolean requiresApproval;

  /** For a bare action name: the canonical action it names; else {@code null}. */
  final String action;

  /** The reason given when the rule holds, worked out once. */
  final String holdsReason;

  /**
   * Whether the rule reads {@code scale_up} / {@code scale_down}: such a rule is about scaling in
   * that direction and applies only to a request that scales that way (see {@link Policy}).
   */
  final boolean readsScaleUp;

  final boolean readsScaleDown;

  Rule(RuleRef ref, Condition condition, boolean requiresApproval, String action) {
    this.ref = ref;
    this.condition = condition;
    this.requiresApproval = requiresApproval;
    this.action = action;
    if (action != null) {
      this.holdsReason =
          ref.id()
              + ": the action is "
              + action
              + (action.equals(ref.text()) ? "" : " (written " + ref.text() + ")");
    } else {
      this.holdsReason = ref.id() + ": " + condition.normalized() + " holds";
    }
    this.readsScaleUp = condition.factNames().contains(PolicyFacts.SCALE_UP);
    this.readsScaleDown = condition.factNames().contains(PolicyFacts.SCALE_DOWN);
  }

  /** Whether the rule is about scaling: it reads {@code scale_up} or {@code scale_down}. */
  boolean readsScale() {
    return readsScaleUp || readsScaleDown;
  }

  /**
   * Whether the rule applies to a request that scales in {@code direction}: a rule about scaling
   * applies only when the request scales in a direction it reads, or when the direction is unknown
   * (then its missing facts make it fail closed).
   */
  boolean appliesTo(ScaleDirection direction) {
    if (!readsScale() || direction == ScaleDirection.UNKNOWN) {
      return true;
    }
    return (readsScaleUp && direction == ScaleDirection.UP)
        || (readsScaleDown && direction == ScaleDirection.DOWN);
  }

  /** Which way a request changes a replica count. */
  enum ScaleDirection {
    /** The action changes no replica count, or keeps it. */
    NONE,
    UP,
    DOWN,
    /** The action changes replicas, but the counts are not known. */
    UNKNOWN
  }

  /** Whether the rule reads no fact but {@code action}, so its result is known per action. */
  boolean readsOnlyAction() {
    Set<String> names = condition.factNames();
    return names.isEmpty() || (names.size() == 1 && names.contains(PolicyFacts.ACTION));
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
