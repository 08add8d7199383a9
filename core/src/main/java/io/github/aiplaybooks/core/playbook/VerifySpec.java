package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies that a remediation worked ({@code validate_remediation}): it did when all {@link
 * #checks()} hold. A check is a condition; the seed's named checks {@code alert_cleared}, {@code
 * metrics_normalized} and {@code no_new_errors} are boolean facts that trusted code computes (see
 * {@link StandardFacts#VERIFICATION}).
 *
 * @param checks conditions that all hold when the remediation worked (all of)
 */
public record VerifySpec(List<Condition> checks) implements StepSpec {

  /** Copies the checks. */
  public VerifySpec {
    checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
  }

  @Override
  public List<ConditionGroup> conditionGroups() {
    List<ConditionGroup> groups = new ArrayList<>();
    ConditionGroup.addIfPresent(groups, "checks", ConditionGroup.Combination.ALL_OF, checks);
    return groups;
  }
}
