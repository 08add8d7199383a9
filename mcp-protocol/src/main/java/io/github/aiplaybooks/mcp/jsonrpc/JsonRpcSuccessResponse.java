package io.github.aiplaybooks.mcp.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A successful JSON-RPC response.
 *
 * @param id the id of the request answered
 * @param result the result, any JSON value (MCP results are objects)
 */
public record JsonRpcSuccessResponse(JsonRpcId id, JsonNode result) implements JsonRpcResponse {

  /** Checks the required id and result. */
  public JsonRpcSuccessResponse {
    Objects.requireNonNull(id, "JsonRpcSuccessResponse.id");
    Objects.requireNonNull(result, "JsonRpcSuccessResponse.result");
  }
}
