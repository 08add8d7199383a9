package io.github.aiplaybooks.mcp;

import io.github.aiplaybooks.RemoteFaultException;

/**
 * The connection to an MCP peer failed: the server process exited, the HTTP endpoint answered an
 * error status or could not be reached, the session ended.
 *
 * <p>Codes: {@code MCP_PROCESS_EXITED}, {@code MCP_HTTP_STATUS}, {@code MCP_CONNECTION_FAILED},
 * {@code MCP_CLOSED}, {@code MCP_SESSION_EXPIRED}.
 */
public class McpTransportException extends RemoteFaultException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code a stable code, such as {@code MCP_PROCESS_EXITED}
   * @param remote the peer, such as {@code mcp:kubectl}
   * @param message what failed, naming the process, URL or status
   * @param retryable whether the same call may succeed later
   * @param cause the underlying cause, or {@code null}
   */
  public McpTransportException(
      String code, String remote, String message, boolean retryable, Throwable cause) {
    super(code, remote, message, retryable, cause);
  }
}
