package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.schema.ElicitRequestParams;
import io.github.aiplaybooks.mcp.schema.ElicitResult;

/**
 * Answers a server's {@code elicitation/create} (form mode): shows {@code message} and the form of
 * {@code requestedSchema} to a human, and returns what they did. Giving one to {@link
 * McpClient.Builder#onElicitation(ElicitationHandler)} declares the {@code elicitation} capability.
 *
 * <p>It runs on a thread of its own and may block while the human decides. Before the answer is
 * sent the client fills in, for an accepted form, the schema's {@code default} of every member the
 * handler left out (SEP-1034), then checks the content against {@code requestedSchema}; content
 * that breaks it is not sent (the server gets an error instead). If the server cancels the request,
 * the handler's thread is interrupted and nothing is sent.
 *
 * <pre>{@code
 * McpClient client = McpClient.builder()
 *     .streamableHttp(endpoint)
 *     .onElicitation(request -> approvals.ask(request.message(), request.requestedSchema()))
 *     .connect();
 * }</pre>
 */
@FunctionalInterface
public interface ElicitationHandler {

  /**
   * Asks the user.
   *
   * @throws Exception if the user could not be asked; the server gets an internal error
   */
  ElicitResult elicit(ElicitRequestParams request) throws Exception;
}
