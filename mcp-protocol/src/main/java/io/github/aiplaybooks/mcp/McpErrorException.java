package io.github.aiplaybooks.mcp;

import io.github.aiplaybooks.RemoteFaultException;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcError;
import tools.jackson.databind.JsonNode;

/**
 * An MCP peer answered a request with a JSON-RPC error.
 *
 * <p>Code {@code MCP_ERROR}; {@link #error()} carries the peer's code, message and data. Not
 * retryable: the peer refused the request as sent (an unknown tool, invalid arguments).
 *
 * <pre>{@code
 * try {
 *   client.callTool("kubectl_get", args);
 * } catch (McpErrorException e) {
 *   if (e.errorCode() == JsonRpcError.INVALID_PARAMS) { ... }
 * }
 * }</pre>
 */
public class McpErrorException extends RemoteFaultException {
  private static final long serialVersionUID = 1L;

  private final transient JsonRpcError error;

  /**
   * @param remote the peer, such as {@code mcp:kubectl}
   * @param method the method that failed, such as {@code tools/call}
   * @param error the peer's error
   */
  public McpErrorException(String remote, String method, JsonRpcError error) {
    super(
        "MCP_ERROR",
        remote,
        remote
            + " answered "
            + method
            + " with "
            + JsonRpcError.describe(error.code())
            + " "
            + error.code()
            + ": "
            + error.message(),
        false,
        null);
    this.error = error;
  }

  /** The JSON-RPC error as the peer sent it. */
  public JsonRpcError error() {
    return error;
  }

  /** The JSON-RPC error code, such as {@code -32602}. */
  public int errorCode() {
    return error.code();
  }

  /** The peer's error message. */
  public String errorMessage() {
    return error.message();
  }

  /** The peer's error data, or {@code null}. */
  public JsonNode errorData() {
    return error.data();
  }
}
