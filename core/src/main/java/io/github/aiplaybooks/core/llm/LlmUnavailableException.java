package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.RemoteFaultException;

/**
 * The model endpoint failed, could not be reached, or did not answer in time. Codes {@code
 * LLM_UNAVAILABLE} and {@code LLM_TIMEOUT}; always retryable.
 */
public final class LlmUnavailableException extends RemoteFaultException implements LlmFailure {
  private static final long serialVersionUID = 1L;

  private final boolean timeout;

  private LlmUnavailableException(
      String code, String remote, String message, boolean timeout, Throwable cause) {
    super(code, remote, message, true, cause);
    this.timeout = timeout;
  }

  /**
   * The endpoint failed or could not be reached (Bedrock's {@code ServiceUnavailableException},
   * {@code InternalServerException}, {@code ModelNotReadyException}, a dropped connection).
   *
   * @param remote the endpoint, such as {@code bedrock:anthropic.claude-3-sonnet-20240229-v1:0}
   * @param message what failed
   * @param cause the underlying cause, or {@code null}
   */
  public static LlmUnavailableException unavailable(
      String remote, String message, Throwable cause) {
    return new LlmUnavailableException("LLM_UNAVAILABLE", remote, message, false, cause);
  }

  /**
   * The call did not finish in time (Bedrock's {@code ModelTimeoutException}, a client timeout).
   *
   * @param remote the endpoint
   * @param message what timed out, and after how long
   * @param cause the underlying cause, or {@code null}
   */
  public static LlmUnavailableException timeout(String remote, String message, Throwable cause) {
    return new LlmUnavailableException("LLM_TIMEOUT", remote, message, true, cause);
  }

  @Override
  public Kind kind() {
    return timeout ? Kind.TIMEOUT : Kind.UNAVAILABLE;
  }
}
