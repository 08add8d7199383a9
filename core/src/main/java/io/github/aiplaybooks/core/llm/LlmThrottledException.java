package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.RemoteFaultException;

/**
 * The model endpoint throttled the call (Bedrock's {@code ThrottlingException}, HTTP 429). Code
 * {@code LLM_THROTTLED}; always retryable.
 */
public final class LlmThrottledException extends RemoteFaultException implements LlmFailure {
  private static final long serialVersionUID = 1L;

  /**
   * @param remote the endpoint, such as {@code bedrock:anthropic.claude-3-sonnet-20240229-v1:0}
   * @param message what the endpoint said
   * @param cause the underlying cause, or {@code null}
   */
  public LlmThrottledException(String remote, String message, Throwable cause) {
    super("LLM_THROTTLED", remote, message, true, cause);
  }

  @Override
  public Kind kind() {
    return Kind.THROTTLED;
  }
}
