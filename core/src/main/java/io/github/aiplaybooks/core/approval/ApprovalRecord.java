package io.github.aiplaybooks.core.approval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * How an approval ended: the request, its status, the response if one came, and when. The engine
 * makes one for every {@link ApprovalRequest}; {@link
 * io.github.aiplaybooks.core.tool.MutationGate#execute MutationGate.execute} accepts an action that
 * needed a human only with an {@link Status#APPROVED} record for that action and target.
 *
 * @param request what was asked
 * @param status how it ended
 * @param response the answer, or {@code null} when none came (timeout, failure)
 * @param decidedAt when it ended, by the engine's clock
 * @param error what went wrong for {@link Status#FAILED}, else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalRecord(
    @JsonProperty("request") ApprovalRequest request,
    @JsonProperty("status") Status status,
    @JsonProperty("response") ApprovalResponse response,
    @JsonProperty("decided_at") Instant decidedAt,
    @JsonProperty("error") String error) {

  /** How an approval ended. Every status but {@link #APPROVED} means the action does not run. */
  public enum Status {
    /** A human approved. */
    APPROVED,
    /** A human denied. */
    DENIED,
    /** No answer came by the deadline: a denial. */
    TIMED_OUT,
    /** The handler failed (threw, or its future failed): a denial. */
    FAILED
  }

  /** Checks the required components. */
  public ApprovalRecord {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(decidedAt, "decidedAt");
    if (status == Status.APPROVED && (response == null || !response.approved())) {
      throw new IllegalArgumentException("status: APPROVED needs an approving response");
    }
  }

  /** The record of {@code response} to {@code request}. */
  public static ApprovalRecord answered(
      ApprovalRequest request, ApprovalResponse response, Instant at) {
    Objects.requireNonNull(response, "response");
    return new ApprovalRecord(
        request, response.approved() ? Status.APPROVED : Status.DENIED, response, at, null);
  }

  /** The record of a request nobody answered in time. */
  public static ApprovalRecord timedOut(ApprovalRequest request, Instant at) {
    return new ApprovalRecord(request, Status.TIMED_OUT, null, at, null);
  }

  /** The record of a handler that failed. */
  public static ApprovalRecord failed(ApprovalRequest request, Instant at, String error) {
    return new ApprovalRecord(request, Status.FAILED, null, at, error);
  }

  /** Whether the action may run. */
  @JsonIgnore
  public boolean isApproved() {
    return status == Status.APPROVED;
  }

  /** {@code APPROVED by alice ("looks right")}, {@code TIMED_OUT}, ... */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(status.name());
    if (response != null && response.approver() != null) {
      b.append(" by ").append(response.approver());
    }
    if (response != null && response.comment() != null) {
      b.append(" (\"").append(response.comment()).append("\")");
    }
    if (error != null) {
      b.append(": ").append(error);
    }
    return b.toString();
  }
}
