package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether the proposed action needs a human ({@code check_approval_required}). Both lists
 * are any-of: an action is auto-approved when any {@code auto_approve_if} condition holds and no
 * {@code require_human_if} condition holds or might hold (a missing fact counts as "might": fail
 * closed).
 *
 * <p>These conditions are meant to add to the policy engine's decision, never to loosen it: the
 * engine that runs the step must ask {@code PolicyEngine.decide} first and never let {@code
 * auto_approve_if} turn its {@code REQUIRE_APPROVAL} or {@code DENY} into an approval. This spec
 * holds no policy, so it cannot enforce that itself. Its conditions are compiled against the step's
 * {@link Scope}: {@code severity} and {@code blast_radius} read the trusted facts even when an
 * earlier model step extracts fields of those names (readable as {@code classify.severity}).
 *
 * <pre>{@code
 * "5_approve": {"action": "check_approval_required",
 *   "auto_approve_if": ["severity == P0 AND off_hours == true", "blast_radius < 10_pods"],
 *   "require_human_if": ["blast_radius > 50_pods"]}
 * }</pre>
 *
 * @param autoApproveIf conditions any of which auto-approves
 * @param requireHumanIf conditions any of which requires a human
 */
public record ApproveSpec(List<Condition> autoApproveIf, List<Condition> requireHumanIf)
    implements StepSpec {

  /** Copies the lists. */
  public ApproveSpec {
    autoApproveIf = List.copyOf(Objects.requireNonNull(autoApproveIf, "autoApproveIf"));
    requireHumanIf = List.copyOf(Objects.requireNonNull(requireHumanIf, "requireHumanIf"));
  }

  /** The {@code auto_approve_if} list as one condition (their {@code OR}), if there is one. */
  public Optional<Condition> autoApproveCondition() {
    return autoApproveIf.isEmpty() ? Optional.empty() : Optional.of(Condition.anyOf(autoApproveIf));
  }

  /** The {@code require_human_if} list as one condition (their {@code OR}), if there is one. */
  public Optional<Condition> requireHumanCondition() {
    return requireHumanIf.isEmpty()
        ? Optional.empty()
        : Optional.of(Condition.anyOf(requireHumanIf));
  }

  @Override
  public List<ConditionGroup> conditionGroups() {
    List<ConditionGroup> groups = new ArrayList<>();
    ConditionGroup.addIfPresent(
        groups, "auto_approve_if", ConditionGroup.Combination.ANY_OF, autoApproveIf);
    ConditionGroup.addIfPresent(
        groups, "require_human_if", ConditionGroup.Combination.ANY_OF, requireHumanIf);
    return groups;
  }
}
