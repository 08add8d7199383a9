package io.github.aiplaybooks.mcp.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC notification: a method call without an id, which is never answered.
 *
 * @param method the method name, such as {@code notifications/progress}
 * @param params the parameters (a JSON object or array), or {@code null} when absent
 */
public record JsonRpcNotification(String method, JsonNode params) implements JsonRpcMessage {

  /** Checks the required method. */
  public JsonRpcNotification {
    Objects.requireNonNull(method, "JsonRpcNotification.method");
  }
}
