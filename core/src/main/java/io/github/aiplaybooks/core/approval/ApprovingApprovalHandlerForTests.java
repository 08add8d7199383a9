package io.github.aiplaybooks.core.approval;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Approves everything, loudly. */
final class ApprovingApprovalHandlerForTests implements ApprovalHandler {
  static final ApprovingApprovalHandlerForTests INSTANCE = new ApprovingApprovalHandlerForTests();
  private static final Logger log = LoggerFactory.getLogger(ApprovingApprovalHandlerForTests.class);

  private ApprovingApprovalHandlerForTests() {}

  @Override
  public CompletionStage<ApprovalResponse> request(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    log.warn(
        "APPROVING WITHOUT A HUMAN (alwaysApproveForTestsOnly): {} on {} in run {}",
        request.action(),
        request.target(),
        request.runId());
    return CompletableFuture.completedFuture(
        ApprovalResponse.approve("always-approve-for-tests", "approved without a human (tests)"));
  }

  @Override
  public String toString() {
    return "ApprovalHandler.alwaysApproveForTestsOnly()";
  }
}
