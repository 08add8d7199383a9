package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * A step that carries out an action ({@code run_remediation}, {@code apply_scaling}, {@code
 * auto_fix}, {@code apply_optimizations}, {@code rollback_deployment}): see {@link ExecuteSpec}.
 *
 * <pre>{@code
 * runRemediation().withRollback().timeout(Duration.ofMinutes(10))
 * }</pre>
 */
public final class ExecuteStep extends StepDefinition<ExecuteStep> {
  private final ExecuteSpec.Builder b = ExecuteSpec.builder();

  ExecuteStep(String action) {
    super(action);
  }

  /** Record the inverse before changing anything (the default). */
  public ExecuteStep withRollback() {
    b.withRollback(true);
    return this;
  }

  /** Do not record an inverse first; a reviewer will see {@code with_rollback: false}. */
  public ExecuteStep withoutRollback() {
    b.withRollback(false);
    return this;
  }

  /** Give up, and roll back, after this long. */
  public ExecuteStep timeout(Duration timeout) {
    b.timeout(Objects.requireNonNull(timeout, "timeout"));
    return this;
  }

  /** How to carry out the action, such as {@code gradual_scale_up}. */
  public ExecuteStep method(String method) {
    b.method(Objects.requireNonNull(method, "method"));
    return this;
  }

  /** Whether to check the result afterwards ({@code true} unless set). */
  public ExecuteStep verify(boolean verify) {
    b.verify(verify);
    return this;
  }

  /** Run only when this condition holds ({@code if}). */
  public ExecuteStep onlyIf(String condition) {
    b.condition(Condition.compile(condition));
    return this;
  }

  /** Conditions any of which allows fixing without asking. */
  public ExecuteStep autoFixIf(String... conditions) {
    b.autoFixIf(compile(conditions));
    return this;
  }

  /** Conditions that must all hold to apply without asking. */
  public ExecuteStep autoApplyIf(String... conditions) {
    b.autoApplyIf(compile(conditions));
    return this;
  }

  @Override
  public ExecuteSpec spec() {
    return b.build();
  }
}
