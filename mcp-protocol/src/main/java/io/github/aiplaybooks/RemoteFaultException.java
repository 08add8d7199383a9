package io.github.aiplaybooks;

import java.util.Objects;

/**
 * A system outside this JVM failed: Kubernetes, AWS, an MCP peer, a model endpoint.
 *
 * <p>{@link #remote()} names which one; {@link #retryable()} says whether the same call may succeed
 * later (throttling, timeouts, a dropped connection) or not (a protocol violation).
 */
public class RemoteFaultException extends PlaybooksException {
  private static final long serialVersionUID = 1L;

  private final String remote;
  private final boolean retryable;

  /**
   * @param code a stable, upper-case, machine-readable code
   * @param remote the remote that failed, such as {@code mcp:kubectl} or {@code bedrock}
   * @param message what failed
   * @param retryable whether the same call may succeed later
   * @param cause the underlying cause, or {@code null}
   */
  public RemoteFaultException(
      String code, String remote, String message, boolean retryable, Throwable cause) {
    super(code, message, cause);
    this.remote = Objects.requireNonNull(remote, "remote");
    this.retryable = retryable;
  }

  /** The remote that failed, such as {@code mcp:kubectl} or {@code bedrock}. */
  public final String remote() {
    return remote;
  }

  @Override
  public final Fault fault() {
    return Fault.REMOTE;
  }

  @Override
  public final boolean retryable() {
    return retryable;
  }
}
