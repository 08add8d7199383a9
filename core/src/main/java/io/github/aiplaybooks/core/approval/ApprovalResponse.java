package io.github.aiplaybooks.core.approval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A human's answer to an {@link ApprovalRequest}. As JSON: {@code {"approved": true, "approver":
 * "alice", "comment": "ok, go"}} (the shape {@link WebhookApprovalHandler} reads).
 *
 * <pre>{@code
 * ApprovalResponse yes = ApprovalResponse.approve("alice", "looks right");
 * ApprovalResponse no = ApprovalResponse.deny("bob", "not during the release");
 * }</pre>
 *
 * @param approved whether the action may run
 * @param approver who answered, or {@code null} when unknown
 * @param comment why, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalResponse(
    @JsonProperty("approved") boolean approved,
    @JsonProperty("approver") String approver,
    @JsonProperty("comment") String comment) {

  /** An approval by {@code approver}. */
  public static ApprovalResponse approve(String approver, String comment) {
    return new ApprovalResponse(true, approver, comment);
  }

  /** A denial by {@code approver}. */
  public static ApprovalResponse deny(String approver, String comment) {
    return new ApprovalResponse(false, approver, comment);
  }
}
