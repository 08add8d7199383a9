package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A request (or a value making one up) is invalid: built wrong here, or rejected by the endpoint
 * (Bedrock's {@code ValidationException}, HTTP 400). Code {@code LLM_INVALID_REQUEST}; the message
 * names the member. Never retryable.
 */
public final class LlmInvalidRequestException extends CallerFaultException implements LlmFailure {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the member, such as {@code LlmRequest.modelId must not be
   *     blank}
   */
  public LlmInvalidRequestException(String message) {
    super("LLM_INVALID_REQUEST", message);
  }

  /**
   * @param message what is wrong
   * @param cause the underlying cause, such as the endpoint's validation error
   */
  public LlmInvalidRequestException(String message, Throwable cause) {
    super("LLM_INVALID_REQUEST", message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.INVALID_REQUEST;
  }
}
