package io.github.aiplaybooks.mcp.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC request: it has an id and expects exactly one response with that id.
 *
 * @param id the request id, never null
 * @param method the method name, such as {@code tools/call}
 * @param params the parameters (a JSON object or array), or {@code null} when absent
 */
public record JsonRpcRequest(JsonRpcId id, String method, JsonNode params)
    implements JsonRpcMessage {

  /** Checks the required id and method. */
  public JsonRpcRequest {
    Objects.requireNonNull(id, "JsonRpcRequest.id");
    Objects.requireNonNull(method, "JsonRpcRequest.method");
  }
}
