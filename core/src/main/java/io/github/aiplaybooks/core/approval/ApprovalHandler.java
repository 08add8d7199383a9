package io.github.aiplaybooks.core.approval;

import java.util.concurrent.CompletionStage;

/**
 * Asks a human whether an action may run. The engine calls it when a decision is {@code
 * REQUIRE_APPROVAL} and waits for the answer without blocking a thread of its own.
 *
 * <p>Contract: {@link #request} returns quickly and completes the stage later, on any thread. The
 * engine enforces the deadline itself (with its injected clock and scheduler): an answer after
 * {@link ApprovalRequest#deadline()}, a stage that fails, or a handler that throws is a denial. So
 * a handler need not (and cannot) stretch the timeout, and a hung handler never runs an action.
 *
 * <p>Built-ins: {@link #alwaysDeny()}, {@link #alwaysApproveForTestsOnly()}, {@link
 * ConsoleApprovalHandler} (y/N on a terminal) and {@link WebhookApprovalHandler} (POST to a URL).
 *
 * <pre>{@code
 * ApprovalHandler slack = request -> slackBot.ask(request.summary())   // CompletableFuture<Boolean>
 *     .thenApply(yes -> yes
 *         ? ApprovalResponse.approve("slack", null)
 *         : ApprovalResponse.deny("slack", null));
 * }</pre>
 */
@FunctionalInterface
public interface ApprovalHandler {

  /** Asks for approval; the stage completes with the answer. */
  CompletionStage<ApprovalResponse> request(ApprovalRequest request);

  /**
   * A handler that denies everything: the engine's default, so nothing needs a human to be safe.
   */
  static ApprovalHandler alwaysDeny() {
    return DenyingApprovalHandler.INSTANCE;
  }

  /**
   * A handler that approves everything, <b>for tests only</b>: it logs a warning for every request,
   * since a run with it executes whatever the policy sends to a human.
   */
  static ApprovalHandler alwaysApproveForTestsOnly() {
    return ApprovingApprovalHandlerForTests.INSTANCE;
  }
}
