package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import java.util.Set;

/** One compiled item of a policy list: the condition it stands for and how to report it. */
final class Rule {
  /** An action no catalog has, for {@link #names}: what the rule says about any other action. */
  private static final String OTHER_ACTION = "\u0000another action";

  final RuleRef ref;
  final Condition condition;
  final boolean requiresApproval;

  /** For a bare action name: the canonical action it names; else {@code null}. */
  final String action;

  /** The reason given when the rule holds, worked out once. */
  final String holdsReason;

  /**
   * Whether the rule reads {@code scale_up} / {@code scale_down}: an automatic rule that does is
   * about scaling in that direction and allows only a request that scales that way (see {@link
   * Policy}).
   */
  final boolean readsScaleUp;

  final boolean readsScaleDown;

  /** Whether the rule reads {@code off_hours}, so its result may rest on the business hours. */
  final boolean readsOffHours;

  /**
   * The condition compiled with {@code action} as a plain string, so that it can be asked about an
   * action no catalog has; {@code null} if it does not compile so (then it names no action).
   */
  private final Condition withActionAsString;

  Rule(
      RuleRef ref,
      Condition condition,
      boolean requiresApproval,
      String action,
      FactSchema schema) {
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
    this.readsOffHours = condition.factNames().contains(PolicyFacts.OFF_HOURS);
    Condition untyped;
    try {
      untyped =
          Condition.compile(
              condition.source(),
              schema.toBuilder().fact(PolicyFacts.ACTION, FactType.STRING).build());
    } catch (ConditionException e) {
      untyped = null;
    }
    this.withActionAsString = untyped;
  }

  /** Whether the rule is about scaling: it reads {@code scale_up} or {@code scale_down}. */
  boolean readsScale() {
    return readsScaleUp || readsScaleDown;
  }

  /**
   * Whether the rule names the action {@code name} (spelt as any of {@code spellings}): it is the
   * bare action item, or, with every fact but {@code action} unknown, the condition is more likely
   * to hold for this action than for any action it does not mention (true rather than unknown or
   * false, or unknown rather than false). So {@code action IN ['delete_pvc', 'consolidate_lb']} and
   * {@code action == consolidate_lb AND blast_radius < 10_pods} name {@code consolidate_lb}, while
   * {@code action != delete_node}, {@code NOT action IN ['delete_node']} and {@code blast_radius <
   * 10_pods} name no action.
   */
  boolean names(String name, Set<String> spellings) {
    if (action != null) {
      return action.equals(name);
    }
    if (withActionAsString == null) {
      return false;
    }
    try {
      int best = -1;
      for (String s : spellings) {
        best = Math.max(best, rank(truthFor(s)));
      }
      return best > rank(truthFor(OTHER_ACTION));
    } catch (ConditionException e) {
      return false;
    }
  }

  private Truth truthFor(String actionName) {
    return withActionAsString.evaluate(Facts.builder().put(PolicyFacts.ACTION, actionName).build());
  }

  private static int rank(Truth t) {
    return t == Truth.TRUE ? 2 : t == Truth.UNKNOWN ? 1 : 0;
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
