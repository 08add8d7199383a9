package io.github.aiplaybooks.mcp;

import io.github.aiplaybooks.RemoteFaultException;
import java.time.Duration;

/**
 * An MCP request got no response in time. The client has sent {@code notifications/cancelled} for
 * it. Code {@code MCP_TIMEOUT}; retryable.
 */
public class McpTimeoutException extends RemoteFaultException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /**
   * @param remote the peer, such as {@code mcp:kubectl}
   * @param method the method that timed out
   * @param timeout the timeout that passed
   */
  public McpTimeoutException(String remote, String method, Duration timeout) {
    super(
        "MCP_TIMEOUT",
        remote,
        remote + " did not answer " + method + " within " + timeout.toMillis() + " ms",
        true,
        null);
    this.timeout = timeout;
  }

  /** The timeout that passed. */
  public Duration timeout() {
    return timeout;
  }
}
