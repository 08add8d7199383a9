/**
 * Approvals: how the engine asks a human whether an action the policy will not allow on its own may
 * run.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.approval.ApprovalHandler}: the SPI, asynchronous ({@code
 *       CompletionStage<ApprovalResponse> request(ApprovalRequest)}), with {@code alwaysDeny()}
 *       (the engine's default) and {@code alwaysApproveForTestsOnly()}.
 *   <li>{@link io.github.aiplaybooks.core.approval.ConsoleApprovalHandler}: y/N on a terminal.
 *   <li>{@link io.github.aiplaybooks.core.approval.WebhookApprovalHandler}: POST the request as
 *       JSON, read {@code {"approved": ..., "approver": ..., "comment": ...}}.
 *   <li>{@link io.github.aiplaybooks.core.approval.ApprovalRequest}, {@link
 *       io.github.aiplaybooks.core.approval.ApprovalResponse} and {@link
 *       io.github.aiplaybooks.core.approval.ApprovalRecord} (how it ended: approved, denied, timed
 *       out, failed).
 * </ul>
 *
 * <pre>{@code
 * PlaybookEngine engine = PlaybookEngine.builder()
 *     .approvals(WebhookApprovalHandler.builder(URI.create("https://approvals.example.com")).build())
 *     .approvalTimeout(Duration.ofMinutes(15))
 *     ...
 * }</pre>
 *
 * <h2>Failing closed</h2>
 *
 * <p>Only an explicit approval runs an action. A denial, no answer by the deadline (enforced by the
 * engine with its own clock and scheduler, never by trusting the handler), a handler that throws or
 * whose stage fails, and a webhook that answers anything but 2xx with a boolean {@code approved}
 * are all denials, recorded with the reason.
 */
package io.github.aiplaybooks.core.approval;
