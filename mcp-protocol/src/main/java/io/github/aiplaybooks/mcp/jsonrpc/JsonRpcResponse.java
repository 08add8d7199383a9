package io.github.aiplaybooks.mcp.jsonrpc;

/**
 * A JSON-RPC response: {@link JsonRpcSuccessResponse} or {@link JsonRpcErrorResponse}.
 *
 * <p>{@link #id()} is the id of the request answered; it is {@code null} only for an error response
 * to a request whose id could not be read.
 */
public sealed interface JsonRpcResponse extends JsonRpcMessage
    permits JsonRpcSuccessResponse, JsonRpcErrorResponse {

  /** The id of the request this response answers, or {@code null} (errors only). */
  JsonRpcId id();
}
