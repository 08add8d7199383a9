/**
 * The tool SPI the engine runs on, and the gate every change passes.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.tool.ToolProvider}: lists tools ({@link
 *       io.github.aiplaybooks.core.tool.ToolDescriptor}: name, description, input schema, catalog
 *       action, effect, dry-run support) and calls them ({@link
 *       io.github.aiplaybooks.core.tool.ToolRequest} → {@link
 *       io.github.aiplaybooks.core.tool.ToolResult}). {@link
 *       io.github.aiplaybooks.core.tool.McpToolProvider} adapts an MCP {@code ToolRouter}.
 *   <li>{@link io.github.aiplaybooks.core.tool.ActionAdapter}: for an action of the catalog, reads
 *       the system first — trusted facts and the inverse ({@link
 *       io.github.aiplaybooks.core.tool.Preparation}) — then applies it under a {@link
 *       io.github.aiplaybooks.core.tool.MutationPermit}. The Kubernetes and AWS adapters implement
 *       it.
 *   <li>{@link io.github.aiplaybooks.core.tool.MutationGate}: {@code prepare} → {@code decide}
 *       ({@link io.github.aiplaybooks.core.tool.ActionDecision}, with a step's {@link
 *       io.github.aiplaybooks.core.tool.ApprovalRules}) → {@code execute} ({@link
 *       io.github.aiplaybooks.core.tool.Execution}), and {@code rollback}.
 *   <li>{@link io.github.aiplaybooks.core.tool.FactSource}: facts read fresh from the system for
 *       health checks and verification; {@link io.github.aiplaybooks.core.tool.ToolFactSource}
 *       reads them with tools.
 *   <li>{@link io.github.aiplaybooks.core.tool.IdempotencyStore}: which mutations ran, by key.
 * </ul>
 *
 * <pre>{@code
 * MutationGate gate = MutationGate.builder(PolicyEngine.builder(policy).clock(clock).build())
 *     .tools(McpToolProvider.builder(router).build())
 *     .adapter(kubernetesAdapter)
 *     .build();
 * PreparedAction prepared = gate.prepare(PlannedAction.of("scale_deployment", target, params), context);
 * ActionDecision decision = gate.decide(prepared, ApprovalRules.none(), Facts.empty());
 * }</pre>
 *
 * <h2>Why a mutation cannot skip the policy</h2>
 *
 * <ul>
 *   <li>Only {@link io.github.aiplaybooks.core.tool.MutationGate#execute} creates a {@link
 *       io.github.aiplaybooks.core.tool.MutationPermit}, and only for a decision it made for that
 *       prepared action that allows it, or needs approval and comes with an approval of that action
 *       on that target. The permit is open only while the adapter or tool runs.
 *   <li>{@link io.github.aiplaybooks.core.tool.ActionAdapter#apply} takes a permit; a {@link
 *       io.github.aiplaybooks.core.tool.ToolProvider} calls a tool that changes something only for
 *       a request with an open permit ({@link
 *       io.github.aiplaybooks.core.tool.ToolRequest#requirePermitted}).
 *   <li>{@link io.github.aiplaybooks.core.tool.McpToolProvider} calls through a copy of the router
 *       with a guard as innermost interceptor, which refuses any mutating call made without a
 *       permit — a host's direct call included.
 *   <li>A change without an inverse is never allowed without a human; facts come from adapters, the
 *       target and trusted context, never from a model.
 * </ul>
 */
package io.github.aiplaybooks.core.tool;
