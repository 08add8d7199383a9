package io.github.aiplaybooks.mcp.server;

import io.github.aiplaybooks.mcp.schema.GetPromptResult;
import java.util.Map;

/** Renders one prompt of an {@link McpServer} for {@code prompts/get}. */
@FunctionalInterface
public interface PromptHandler {

  /**
   * Renders the prompt.
   *
   * @param arguments the template's arguments (empty when none were given)
   * @return the prompt's messages
   * @throws Exception on failure, answered with {@code -32603}
   */
  GetPromptResult get(Map<String, String> arguments) throws Exception;
}
