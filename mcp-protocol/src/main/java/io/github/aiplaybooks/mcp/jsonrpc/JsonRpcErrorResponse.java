package io.github.aiplaybooks.mcp.jsonrpc;

import java.util.Objects;

/**
 * A JSON-RPC error response.
 *
 * @param id the id of the request answered, or {@code null} when it could not be read (a parse
 *     error, an invalid request); it is then written as {@code "id": null}
 * @param error the error
 */
public record JsonRpcErrorResponse(JsonRpcId id, JsonRpcError error) implements JsonRpcResponse {

  /** Checks the required error. */
  public JsonRpcErrorResponse {
    Objects.requireNonNull(error, "JsonRpcErrorResponse.error");
  }
}
