package io.github.aiplaybooks.mcp.server;

import io.github.aiplaybooks.mcp.schema.LoggingLevel;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One call of a tool, as its {@link ToolHandler} sees it. */
public interface ToolInvocation {

  /** The tool being called. */
  Tool tool();

  /** A copy of the arguments, validated against the tool's input schema (empty if none). */
  ObjectNode arguments();

  /** The {@code _meta} of the request, or {@code null}. */
  ObjectNode meta();

  /** The protocol revision of the session. */
  ProtocolVersion protocolVersion();

  /**
   * Sends {@code notifications/progress} when the client asked for progress; otherwise does
   * nothing.
   *
   * @param progress progress so far; should increase with every call
   * @param total the total, or {@code null} when unknown
   * @param message a description, or {@code null}
   */
  void progress(double progress, Double total, String message);

  /** Whether the client cancelled this call (its result will be dropped). */
  boolean isCancelled();

  /**
   * Sends {@code notifications/message} to the client if {@code level} passes the level the client
   * set with {@code logging/setLevel} (info when it set none).
   */
  void log(LoggingLevel level, String logger, JsonNode data);

  /**
   * Sends a request to the client on behalf of this call (for example {@code ping} or {@code
   * roots/list}) and waits for its result.
   *
   * @throws io.github.aiplaybooks.mcp.McpErrorException if the client answers with an error
   * @throws io.github.aiplaybooks.mcp.McpTimeoutException if it does not answer in time
   */
  JsonNode requestClient(String method, JsonNode params, Duration timeout)
      throws InterruptedException;
}
