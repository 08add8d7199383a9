package io.github.aiplaybooks.mcp.server;

import io.github.aiplaybooks.mcp.schema.CallToolResult;

/**
 * Runs one tool of an {@link McpServer}.
 *
 * <p>The server has already validated the arguments against the tool's {@code inputSchema}, so a
 * handler reads them without re-checking their shape. What the handler does decides the answer:
 *
 * <ul>
 *   <li>returns a {@link CallToolResult}: sent as is ({@link CallToolResult#error(String)} for a
 *       failure the model should read);
 *   <li>throws a {@link io.github.aiplaybooks.PlaybooksException} (a deliberate caller or remote
 *       fault): answered as a result with {@code isError: true} and the exception's message, as the
 *       specification asks for tool execution errors;
 *   <li>throws {@link io.github.aiplaybooks.mcp.McpErrorException}: answered with that JSON-RPC
 *       error;
 *   <li>throws anything else (a bug): answered with {@code -32603 Internal error}, without the
 *       exception's detail, which is logged.
 * </ul>
 *
 * <p>A handler runs on the server's executor and should stop early when {@link
 * ToolInvocation#isCancelled()} turns true (the thread is also interrupted).
 *
 * <pre>{@code
 * ToolHandler echo = call -> CallToolResult.text(call.arguments().get("message").stringValue());
 * }</pre>
 */
@FunctionalInterface
public interface ToolHandler {

  /**
   * Runs the tool.
   *
   * @param invocation the validated arguments and the means to report progress and log
   * @return the result, never null
   * @throws Exception on failure, mapped as described above
   */
  CallToolResult call(ToolInvocation invocation) throws Exception;
}
