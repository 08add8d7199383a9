package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.RemoteFaultException;

/**
 * The model or a guardrail refused to answer, or filtered the answer. Codes {@code LLM_REFUSED} and
 * {@code LLM_GUARDRAIL_INTERVENED}; never retryable: the same request meets the same refusal.
 */
public final class LlmRefusedException extends RemoteFaultException implements LlmFailure {
  private static final long serialVersionUID = 1L;

  private LlmRefusedException(String code, String remote, String message, Throwable cause) {
    super(code, remote, message, false, cause);
  }

  /**
   * The model refused (an answer that stopped with {@code content_filtered}, or an endpoint error
   * that says so).
   *
   * @param remote the endpoint
   * @param message what the endpoint said
   * @param cause the underlying cause, or {@code null}
   */
  public static LlmRefusedException refused(String remote, String message, Throwable cause) {
    return new LlmRefusedException("LLM_REFUSED", remote, message, cause);
  }

  /**
   * A guardrail intervened (an answer that stopped with {@code guardrail_intervened}).
   *
   * @param remote the endpoint
   * @param message what the guardrail said
   * @param cause the underlying cause, or {@code null}
   */
  public static LlmRefusedException guardrail(String remote, String message, Throwable cause) {
    return new LlmRefusedException("LLM_GUARDRAIL_INTERVENED", remote, message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.REFUSED;
  }
}
