package io.github.aiplaybooks.mcp;

import io.github.aiplaybooks.RemoteFaultException;

/**
 * An MCP peer broke the protocol: it chose a protocol revision this library does not speak, sent a
 * result that does not fit its type, or answered with something that is not JSON-RPC. Code {@code
 * MCP_PROTOCOL}; not retryable.
 */
public class McpProtocolException extends RemoteFaultException {
  private static final long serialVersionUID = 1L;

  /**
   * @param remote the peer, such as {@code mcp:kubectl}
   * @param message what was wrong
   * @param cause the underlying cause, or {@code null}
   */
  public McpProtocolException(String remote, String message, Throwable cause) {
    super("MCP_PROTOCOL", remote, message, false, cause);
  }

  /**
   * For subclasses that name a more precise way the protocol was broken.
   *
   * @param code the stable upper-case code
   * @param remote the peer, such as {@code mcp:kubectl}
   * @param message what was wrong
   * @param cause the underlying cause, or {@code null}
   */
  protected McpProtocolException(String code, String remote, String message, Throwable cause) {
    super(code, remote, message, false, cause);
  }
}
