/**
 * Tool calls as the seed writes them, and one view over many MCP servers.
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.mcp.tool.ToolRef} reads the seed's three forms ({@code
 *       kubectl://get pods -n ${namespace}}, {@code cloudwatch/get_metric_data} with params, {@code
 *       kubectl_get}) into a canonical tool name and typed arguments;
 *   <li>{@link io.github.aiplaybooks.mcp.tool.ToolRouter} routes calls to the right server,
 *       aggregates their tools, runs every call through {@link
 *       io.github.aiplaybooks.mcp.tool.ToolCallInterceptor}s (where the engine puts its policy
 *       check and audit) and refuses calls of tools whose definition changed since they were pinned
 *       ({@link io.github.aiplaybooks.mcp.tool.ToolDefinitionChangedException}).
 * </ul>
 */
package io.github.aiplaybooks.mcp.tool;
