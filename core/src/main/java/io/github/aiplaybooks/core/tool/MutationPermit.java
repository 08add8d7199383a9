package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.approval.ApprovalRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The permission to carry out one mutation, which only {@link MutationGate} creates: it holds the
 * action, what its {@link ActionAdapter} prepared, the mode, the idempotency key, and the decision
 * (and approval) that allow it. An adapter's {@link ActionAdapter#apply apply} receives it, and a
 * {@link ToolProvider} accepts a call of a tool that changes something only with a {@link
 * ToolRequest#forPermit request made from it}.
 *
 * <p>A permit is open only while the gate runs the mutation: a permit kept for later is refused. So
 * no code path, and nothing a model says, can change the system without a decision.
 */
public final class MutationPermit {

  /** Why the mutation runs. */
  public enum Kind {
    /** An action the policy allowed, or a human approved. */
    FORWARD,
    /** The inverse of a mutation this run applied, recorded before that mutation. */
    ROLLBACK
  }

  private final Kind kind;
  private final String action;
  private final PlannedAction planned;
  private final Preparation preparation;
  private final ExecutionMode mode;
  private final String idempotencyKey;
  private final Instant deadline;
  private final ActionDecision decision;
  private final ApprovalRecord approval;
  private volatile boolean open = true;

  MutationPermit(
      Kind kind,
      String action,
      PlannedAction planned,
      Preparation preparation,
      ExecutionMode mode,
      String idempotencyKey,
      Instant deadline,
      ActionDecision decision,
      ApprovalRecord approval) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.action = Objects.requireNonNull(action, "action");
    this.planned = Objects.requireNonNull(planned, "planned");
    this.preparation = preparation;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    this.deadline = deadline;
    this.decision = decision;
    this.approval = approval;
  }

  /** Why the mutation runs. */
  public Kind kind() {
    return kind;
  }

  /** The canonical action (for a rollback, the inverse's action as its adapter named it). */
  public String action() {
    return action;
  }

  /** The action to carry out: what was planned, or the inverse for a rollback. */
  public PlannedAction planned() {
    return planned;
  }

  /** What the adapter read before the change; empty for a rollback or a tool without adapter. */
  public Optional<Preparation> preparation() {
    return Optional.ofNullable(preparation);
  }

  /** Whether to apply the change or only try it. */
  public ExecutionMode mode() {
    return mode;
  }

  /** The key that is the same for every retry of this mutation; pass it on to the system. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** When the step that runs the mutation times out, if it has a timeout. */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** The decision that allows the mutation; empty for a rollback. */
  public Optional<ActionDecision> decision() {
    return Optional.ofNullable(decision);
  }

  /** The approval the decision needed, if it needed one. */
  public Optional<ApprovalRecord> approval() {
    return Optional.ofNullable(approval);
  }

  /** Whether the gate is still running this mutation, so the permit may be used. */
  public boolean isOpen() {
    return open;
  }

  void close() {
    open = false;
  }

  @Override
  public String toString() {
    return "MutationPermit{"
        + kind
        + " "
        + planned.describe()
        + " ["
        + idempotencyKey
        + "] "
        + mode
        + (open ? "" : " closed")
        + "}";
  }
}
