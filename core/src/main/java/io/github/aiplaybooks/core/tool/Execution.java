package io.github.aiplaybooks.core.tool;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.core.policy.Target;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link MutationGate#execute} (or {@link MutationGate#rollback}) did with one action: plain
 * data, so it can be journaled, kept in an {@link IdempotencyStore} and written into a run's state.
 *
 * @param idempotencyKey the key of the execution
 * @param action the canonical action
 * @param target what it acted on
 * @param status what happened
 * @param mode whether it was live or a dry run
 * @param detail what happened, for people
 * @param inverse the action that undoes it, recorded before the change, or {@code null}
 * @param toolResult what the tool returned, for an action carried out by a tool, or {@code null}
 * @param outcome what the adapter reported, for an action carried out by an adapter, or {@code
 *     null}
 * @param startedAt when the gate started it, by its clock
 * @param finishedAt when it ended
 * @param replayed whether this is the record of an earlier execution with the same key, returned
 *     instead of applying the action again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Execution(
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("action") String action,
    @JsonProperty("target") Target target,
    @JsonProperty("status") Status status,
    @JsonProperty("mode") ExecutionMode mode,
    @JsonProperty("detail") String detail,
    @JsonProperty("inverse") PlannedAction inverse,
    @JsonProperty("tool_result") ToolResult toolResult,
    @JsonProperty("outcome") ActionOutcome outcome,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("replayed") boolean replayed) {

  /** What happened to an action the gate was asked to execute. */
  public enum Status {
    /** The system changed. */
    APPLIED,
    /** A read-only action ran. */
    READ,
    /** A dry run was sent and accepted; nothing changed. */
    DRY_RUN,
    /** A dry run of something that has none: nothing was sent. */
    NOT_SENT,
    /** The adapter or tool failed; the system may be unchanged or partly changed. */
    FAILED,
    /** The rate limit was reached when it was about to run: not run. */
    RATE_LIMITED,
    /** An emergency stop was engaged when it was about to run: not run. */
    STOPPED,
    /**
     * An earlier attempt with the same key began and never finished: its outcome is unknown, so it
     * is not applied again and a human must look.
     */
    UNKNOWN
  }

  /** Checks the required components. */
  public Execution {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(action, "action");
    target = target == null ? Target.NONE : target;
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** Whether the system changed. */
  @JsonIgnore
  public boolean changed() {
    return status == Status.APPLIED;
  }

  /** Whether it ended well: applied, read, dry-run or (in a dry run) not sent. */
  @JsonIgnore
  public boolean succeeded() {
    return status == Status.APPLIED
        || status == Status.READ
        || status == Status.DRY_RUN
        || status == Status.NOT_SENT;
  }

  /** This record as returned for a retry with the same key. */
  Execution asReplay() {
    return new Execution(
        idempotencyKey,
        action,
        target,
        status,
        mode,
        detail,
        inverse,
        toolResult,
        outcome,
        startedAt,
        finishedAt,
        true);
  }
}
