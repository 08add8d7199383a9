package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out the chosen action ({@code run_remediation}, {@code apply_scaling}, {@code auto_fix},
 * {@code apply_optimizations}, {@code rollback_deployment}). Every mutation still passes the policy
 * engine; these parameters can only narrow what runs.
 *
 * <ul>
 *   <li>{@code with_rollback} (default {@code true}): record the inverse before changing anything,
 *       as the seed's constraints ask ("Always create rollback plan before changes").
 *   <li>{@code verify} (default {@code true}): check the result afterwards ("Always verify
 *       remediation success").
 *   <li>{@code timeout}: give up (and roll back) after this long.
 *   <li>{@code method}: how, such as {@code gradual_scale_up} or {@code kubectl rollout undo}.
 *   <li>{@code if}: run only when this condition holds.
 *   <li>{@code auto_fix_if} (any of): fix without asking when any condition holds.
 *   <li>{@code auto_apply_if} (all of): apply without asking only when every condition holds, the
 *       fail-closed reading of the seed's list.
 * </ul>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class ExecuteSpec implements StepSpec {
  private final boolean withRollback;
  private final Duration timeout;
  private final String method;
  private final boolean verify;
  private final Condition condition;
  private final List<Condition> autoFixIf;
  private final List<Condition> autoApplyIf;

  private ExecuteSpec(Builder b) {
    this.withRollback = b.withRollback;
    this.timeout = b.timeout;
    this.method = b.method;
    this.verify = b.verify;
    this.condition = b.condition;
    this.autoFixIf = List.copyOf(b.autoFixIf);
    this.autoApplyIf = List.copyOf(b.autoApplyIf);
  }

  /** A new builder: with rollback and verification, nothing else. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    return new Builder()
        .withRollback(withRollback)
        .timeout(timeout)
        .method(method)
        .verify(verify)
        .condition(condition)
        .autoFixIf(autoFixIf)
        .autoApplyIf(autoApplyIf);
  }

  /** Whether to record an inverse before changing anything ({@code with_rollback}). */
  public boolean withRollback() {
    return withRollback;
  }

  /** How long the action may take ({@code timeout}). */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** How to carry out the action ({@code method}). */
  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /** Whether to check the result afterwards ({@code verify}). */
  public boolean verify() {
    return verify;
  }

  /** The condition to run at all ({@code if}). */
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  /** Conditions any of which allows fixing without asking ({@code auto_fix_if}). */
  public List<Condition> autoFixIf() {
    return autoFixIf;
  }

  /** Conditions that must all hold to apply without asking ({@code auto_apply_if}). */
  public List<Condition> autoApplyIf() {
    return autoApplyIf;
  }

  @Override
  public List<ConditionGroup> conditionGroups() {
    List<ConditionGroup> groups = new ArrayList<>();
    ConditionGroup.addIfPresent(groups, "if", condition);
    ConditionGroup.addIfPresent(
        groups, "auto_fix_if", ConditionGroup.Combination.ANY_OF, autoFixIf);
    ConditionGroup.addIfPresent(
        groups, "auto_apply_if", ConditionGroup.Combination.ALL_OF, autoApplyIf);
    return groups;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExecuteSpec)) {
      return false;
    }
    ExecuteSpec s = (ExecuteSpec) o;
    return withRollback == s.withRollback
        && Objects.equals(timeout, s.timeout)
        && Objects.equals(method, s.method)
        && verify == s.verify
        && Objects.equals(condition, s.condition)
        && autoFixIf.equals(s.autoFixIf)
        && autoApplyIf.equals(s.autoApplyIf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(withRollback, timeout, method, verify, condition, autoFixIf, autoApplyIf);
  }

  @Override
  public String toString() {
    return "ExecuteSpec{with_rollback="
        + withRollback
        + ", timeout="
        + timeout
        + ", method="
        + method
        + ", verify="
        + verify
        + ", if="
        + condition
        + ", auto_fix_if="
        + autoFixIf
        + ", auto_apply_if="
        + autoApplyIf
        + "}";
  }

  /** Builds an {@link ExecuteSpec}. Not thread-safe. */
  public static final class Builder {
    private boolean withRollback = true;
    private Duration timeout;
    private String method;
    private boolean verify = true;
    private Condition condition;
    private List<Condition> autoFixIf = new ArrayList<>();
    private List<Condition> autoApplyIf = new ArrayList<>();

    private Builder() {}

    /** Whether to record an inverse first; {@code true} unless set. */
    public Builder withRollback(boolean withRollback) {
      this.withRollback = withRollback;
      return this;
    }

    /** How long the action may take; {@code null} for no limit of its own. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** How to carry out the action; {@code null} for the default way. */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /** Whether to check the result afterwards; {@code true} unless set. */
    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    /** The condition to run at all; {@code null} for always. */
    public Builder condition(Condition condition) {
      this.condition = condition;
      return this;
    }

    /** Conditions any of which allows fixing without asking. */
    public Builder autoFixIf(List<Condition> conditions) {
      this.autoFixIf = Checks.copy(conditions, "auto_fix_if");
      return this;
    }

    /** Conditions that must all hold to apply without asking. */
    public Builder autoApplyIf(List<Condition> conditions) {
      this.autoApplyIf = Checks.copy(conditions, "auto_apply_if");
      return this;
    }

    /** The spec. A playbook checks the parameters when it is built. */
    public ExecuteSpec build() {
      return new ExecuteSpec(this);
    }
  }
}
