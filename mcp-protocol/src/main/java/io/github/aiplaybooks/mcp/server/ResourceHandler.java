package io.github.aiplaybooks.mcp.server;

import io.github.aiplaybooks.mcp.schema.ReadResourceResult;

/** Reads one resource of an {@link McpServer} for {@code resources/read}. */
@FunctionalInterface
public interface ResourceHandler {

  /**
   * Reads the resource.
   *
   * @param uri the URI the client asked for
   * @return the contents
   * @throws Exception on failure, answered with {@code -32603}
   */
  ReadResourceResult read(String uri) throws Exception;
}
