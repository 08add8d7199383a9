/**
 * Model Context Protocol for AI Playbooks: the exceptions every MCP part throws.
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.mcp.jsonrpc}: JSON-RPC 2.0 messages and their codec;
 *   <li>{@link io.github.aiplaybooks.mcp.schema}: MCP types as records;
 *   <li>{@link io.github.aiplaybooks.mcp.client}: {@code McpClient} over stdio and Streamable HTTP;
 *   <li>{@link io.github.aiplaybooks.mcp.server}: {@code McpServer} over stdio and Streamable HTTP;
 *   <li>{@link io.github.aiplaybooks.mcp.tool}: {@code ToolRef} (the seed's three ways of naming a
 *       tool call) and {@code ToolRouter} (many servers behind one view, with interceptors and tool
 *       pinning).
 * </ul>
 *
 * <p>A failure of an MCP peer is a {@link io.github.aiplaybooks.RemoteFaultException}: {@link
 * io.github.aiplaybooks.mcp.McpErrorException} (the peer answered with a JSON-RPC error), {@link
 * io.github.aiplaybooks.mcp.McpTimeoutException}, {@link
 * io.github.aiplaybooks.mcp.McpTransportException} or {@link
 * io.github.aiplaybooks.mcp.McpProtocolException}.
 */
package io.github.aiplaybooks.mcp;
