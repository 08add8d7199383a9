package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.List;
import java.util.Objects;

/**
 * The conditions a step holds under one parameter, and how they combine. Playbooks write lists of
 * conditions; what a list means depends on its parameter:
 *
 * <table>
 *   <caption>How each parameter's list combines</caption>
 *   <tr><th>parameter</th><th>combination</th><th>why</th></tr>
 *   <tr><td>{@code auto_approve_if}</td><td>any of</td><td>each line is one case the seed
 *       auto-approves</td></tr>
 *   <tr><td>{@code require_human_if}</td><td>any of</td><td>any one case needs a human (fail
 *       closed)</td></tr>
 *   <tr><td>{@code rollback_if}</td><td>any of</td><td>any one regression is reason to roll
 *       back</td></tr>
 *   <tr><td>{@code auto_fix_if}</td><td>any of</td><td>each line is one kind of finding that may be
 *       fixed</td></tr>
 *   <tr><td>{@code auto_apply_if}</td><td>all of</td><td>the fail-closed reading of "savings &gt;
 *       $50/month, risk == low, approval_not_required": apply only when every line holds</td></tr>
 *   <tr><td>{@code constraints}</td><td>all of</td><td>a plan must satisfy every constraint</td></tr>
 *   <tr><td>{@code checks} (health check, verify)</td><td>all of</td><td>healthy or verified only
 *       when every check holds</td></tr>
 *   <tr><td>{@code if}</td><td>one</td><td>a single condition</td></tr>
 * </table>
 *
 * @param parameter the parameter's key, such as {@code auto_approve_if}
 * @param combination how the conditions combine
 * @param conditions the conditions as written, in order; not empty
 */
public record ConditionGroup(
    String parameter, Combination combination, List<Condition> conditions) {

  /** How the conditions of one parameter combine. */
  public enum Combination {
    /** The group holds when any condition holds. */
    ANY_OF,
    /** The group holds when every condition holds. */
    ALL_OF,
    /** The group is a single condition. */
    ONE
  }

  /** Checks and copies the components. */
  public ConditionGroup {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(combination, "combination");
    conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("conditions: a group needs at least one condition");
    }
  }

  /** The group as one condition: their {@code OR} or {@code AND}, or the single condition. */
  public Condition combined() {
    return combination == Combination.ALL_OF
        ? Condition.allOf(conditions)
        : Condition.anyOf(conditions);
  }

  /**
   * The JSON pointer of condition {@code index} relative to its step: {@code auto_approve_if/0}.
   */
  String pointer(int index) {
    return combination == Combination.ONE ? parameter : parameter + "/" + index;
  }

  static void addIfPresent(
      List<ConditionGroup> groups, String parameter, Combination c, List<Condition> conditions) {
    if (!conditions.isEmpty()) {
      groups.add(new ConditionGroup(parameter, c, conditions));
    }
  }

  static void addIfPresent(List<ConditionGroup> groups, String parameter, Condition condition) {
    if (condition != null) {
      groups.add(new ConditionGroup(parameter, Combination.ONE, List.of(condition)));
    }
  }
}
