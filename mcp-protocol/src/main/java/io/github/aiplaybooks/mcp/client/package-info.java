/**
 * The MCP client: {@link io.github.aiplaybooks.mcp.client.McpClient}, made by its builder over
 * stdio ({@link io.github.aiplaybooks.mcp.client.StdioServerCommand}), Streamable HTTP ({@link
 * io.github.aiplaybooks.mcp.client.StreamableHttpOptions}) or any pair of streams. Per-request
 * options are {@link io.github.aiplaybooks.mcp.client.CallOptions}; a server's requests for user
 * input go to an {@link io.github.aiplaybooks.mcp.client.ElicitationHandler}. Transports are
 * internal.
 */
package io.github.aiplaybooks.mcp.client;
