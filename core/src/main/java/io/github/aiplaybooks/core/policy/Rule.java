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
