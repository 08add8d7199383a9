/**
 * The MCP server: {@link io.github.aiplaybooks.mcp.server.McpServer} serves {@link
 * io.github.aiplaybooks.mcp.server.ToolHandler}s (and optionally resources and prompts) over stdio,
 * over Streamable HTTP ({@link io.github.aiplaybooks.mcp.server.McpHttpServer}, configured by
 * {@link io.github.aiplaybooks.mcp.server.HttpServerOptions}) or over any transport through {@link
 * io.github.aiplaybooks.mcp.server.McpServerConnection}. Arguments are validated against each
 * tool's {@code inputSchema} before its handler runs.
 */
package io.github.aiplaybooks.mcp.server;
