package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The conditions a playbook step adds to the policy for the actions it decides: an approve step's
 * {@code auto_approve_if} and {@code require_human_if}, an execute step's {@code auto_fix_if} and
 * {@code auto_apply_if}. {@link MutationGate#decide} combines them with the policy's decision so
 * that they <b>extend the policy and never loosen it</b>:
 *
 * <ol>
 *   <li>a policy {@code DENY} stays {@code DENY};
 *   <li>a {@code require_human_if} condition that holds, or cannot be decided (a missing fact),
 *       asks a human, even when the policy allows;
 *   <li>an <em>exclusive</em> group ({@code auto_fix_if}, {@code auto_apply_if}: "without asking
 *       only when") that does not hold asks a human, even when the policy allows;
 *   <li>a policy {@code REQUIRE_APPROVAL} from one of the policy's own rules stays;
 *   <li>a policy {@code REQUIRE_APPROVAL} only because no rule matched ({@code default.approval})
 *       becomes {@code ALLOW} when a step's auto condition holds, exactly as if the step's list
 *       were part of the policy;
 *   <li>otherwise the policy's outcome.
 * </ol>
 *
 * <p>So a require condition always beats an auto condition, and a step can never allow what the
 * policy refuses or sends to a human by one of its rules. Auto conditions read only trusted facts
 * (the ones the policy decided on); require conditions may also read what the model claimed, since
 * a claim can only make the run more careful.
 *
 * <pre>{@code
 * ApprovalRules rules = ApprovalRules.builder()
 *     .autoApproveIf("5_approve.auto_approve_if", approve.autoApproveIf())
 *     .requireHumanIf("5_approve.require_human_if", approve.requireHumanIf())
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class ApprovalRules {
  private static final ApprovalRules NONE = new ApprovalRules(List.of());

  /** How a group of conditions combines. */
  enum Kind {
    REQUIRE_ANY,
    AUTO_ANY,
    AUTO_ALL
  }

  /** One list of conditions from one step parameter, such as {@code 5_approve.auto_approve_if}. */
  record Group(String source, Kind kind, boolean exclusive, List<Condition> conditions) {}

  private final List<Group> groups;

  private ApprovalRules(List<Group> groups) {
    this.groups = List.copyOf(groups);
  }

  /** No conditions: the policy's decision as it is. */
  public static ApprovalRules none() {
    return NONE;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder(new ArrayList<>());
  }

  /** A builder holding these rules. */
  public Builder toBuilder() {
    return new Builder(new ArrayList<>(groups));
  }

  /** These rules and {@code other}'s. */
  public ApprovalRules and(ApprovalRules other) {
    List<Group> all = new ArrayList<>(groups);
    all.addAll(other.groups);
    return new ApprovalRules(all);
  }

  /** Whether there are no conditions. */
  public boolean isEmpty() {
    return groups.isEmpty();
  }

  List<Group> groups() {
    return groups;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ApprovalRules[");
    for (Group g : groups) {
      b.append(' ').append(g.source()).append('=').append(g.conditions());
    }
    return b.append(" ]").toString();
  }

  /** Builds {@link ApprovalRules}. Not thread-safe. */
  public static final class Builder {
    private final List<Group> groups;

    private Builder(List<Group> groups) {
      this.groups = groups;
    }

    /** Conditions any of which asks a human ({@code require_human_if}). */
    public Builder requireHumanIf(String source, List<Condition> conditions) {
      return add(source, Kind.REQUIRE_ANY, false, conditions);
    }

    /**
     * Conditions any of which allows what the policy sends to a human only by default ({@code
     * auto_approve_if}).
     */
    public Builder autoApproveIf(String source, List<Condition> conditions) {
      return add(source, Kind.AUTO_ANY, false, conditions);
    }

    /**
     * Conditions any of which must hold for the action to run without a human, and which allow it
     * when the policy sends it to a human only by default ({@code auto_fix_if}).
     */
    public Builder autoOnlyIfAny(String source, List<Condition> conditions) {
      return add(source, Kind.AUTO_ANY, true, conditions);
    }

    /**
     * Conditions all of which must hold for the action to run without a human, and which allow it
     * when the policy sends it to a human only by default ({@code auto_apply_if}).
     */
    public Builder autoOnlyIfAll(String source, List<Condition> conditions) {
      return add(source, Kind.AUTO_ALL, true, conditions);
    }

    private Builder add(String source, Kind kind, boolean exclusive, List<Condition> conditions) {
      Objects.requireNonNull(source, "source");
      List<Condition> copy = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
      if (!copy.isEmpty()) {
        groups.add(new Group(source, kind, exclusive, copy));
      }
      return this;
    }

    /** The rules. */
    public ApprovalRules build() {
      return new ApprovalRules(groups);
    }
  }
}
