package io.github.aiplaybooks.core.approval;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Denies everything. */
final class DenyingApprovalHandler implements ApprovalHandler {
  static final DenyingApprovalHandler INSTANCE = new DenyingApprovalHandler();

  private DenyingApprovalHandler() {}

  @Override
  public CompletionStage<ApprovalResponse> request(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    return CompletableFuture.completedFuture(
        ApprovalResponse.deny(
            "always-deny", "no approver is configured, so every approval is denied"));
  }

  @Override
  public String toString() {
    return "ApprovalHandler.alwaysDeny()";
  }
}
