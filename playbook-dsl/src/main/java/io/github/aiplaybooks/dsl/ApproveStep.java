package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.ApproveSpec;
import java.util.List;

/**
 * A {@code check_approval_required} step: see {@link ApproveSpec}.
 *
 * <pre>{@code
 * checkApprovalRequired()
 *     .autoApproveIf("severity == P0 AND off_hours == true", "blast_radius < 10_pods")
 *     .requireHumanIf("blast_radius > 50_pods")
 * }</pre>
 */
public final class ApproveStep extends StepDefinition<ApproveStep> {
  private List<Condition> autoApproveIf = List.of();
  private List<Condition> requireHumanIf = List.of();

  ApproveStep(String action) {
    super(action);
  }

  /** Conditions any of which auto-approves. */
  public ApproveStep autoApproveIf(String... conditions) {
    this.autoApproveIf = compile(conditions);
    return this;
  }

  /** Conditions any of which requires a human. */
  public ApproveStep requireHumanIf(String... conditions) {
    this.requireHumanIf = compile(conditions);
    return this;
  }

  @Override
  public ApproveSpec spec() {
    return new ApproveSpec(autoApproveIf, requireHumanIf);
  }
}
