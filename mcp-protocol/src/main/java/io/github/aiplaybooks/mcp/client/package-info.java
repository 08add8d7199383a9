/**
 * The MCP client: {@link io.github.aiplaybooks.mcp.client.McpClient}, made by its builder over
 * stdio ({@link io.github.aiplaybooks.mcp.client.StdioServerCommand}), Streamable HTTP ({@link
 * io.github.aiplaybooks.mcp.client.StreamableHttpOptions}) or any pair of streams. Per-request
 * options are {@link io.github.aiplaybooks.mcp.client.CallOptions}. Transports are internal.
 */
package io.github.aiplaybooks.mcp.client;
