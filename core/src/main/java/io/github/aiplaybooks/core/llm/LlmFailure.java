package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.PlaybooksException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The family of typed failures an {@link LlmClient} throws; the engine's fallback keys off {@link
 * #kind()}.
 *
 * <p>Java cannot catch an interface, so catch the concrete classes, or catch {@link
 * PlaybooksException} and ask {@link #of(Throwable)}:
 *
 * <pre>{@code
 * try {
 *   llm.converse(request);
 * } catch (LlmThrottledException | LlmUnavailableException e) {
 *   // retry later or fall back
 * } catch (LlmRefusedException e) {
 *   // escalate: retrying will not help
 * }
 * LlmFailure.of(asyncError).map(LlmFailure::kind);    // unwraps CompletionException
 * }</pre>
 */
public sealed interface LlmFailure
    permits LlmThrottledException,
        LlmUnavailableException,
        LlmRefusedException,
        LlmInvalidRequestException {

  /** What went wrong, in the terms the engine's fallback uses. */
  enum Kind {
    /** The endpoint throttled the call; retryable. */
    THROTTLED,
    /** The endpoint failed or could not be reached; retryable. */
    UNAVAILABLE,
    /** The call timed out; retryable. */
    TIMEOUT,
    /** The model or a guardrail refused to answer; retrying does not help. */
    REFUSED,
    /** The request was invalid; the caller's fault. */
    INVALID_REQUEST
  }

  /** What went wrong. */
  Kind kind();

  /** The stable code, as {@link PlaybooksException#code()}. */
  String code();

  /** Whether the same call may succeed later, as {@link PlaybooksException#retryable()}. */
  boolean retryable();

  /** This failure as the exception it is. */
  default PlaybooksException exception() {
    return (PlaybooksException) this;
  }

  /**
   * The LLM failure {@code error} is, or wraps (through {@link CompletionException} and {@link
   * ExecutionException}), if any.
   */
  static Optional<LlmFailure> of(Throwable error) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 8; depth++) {
      if (t instanceof LlmFailure failure) {
        return Optional.of(failure);
      }
      if (t instanceof CompletionException || t instanceof ExecutionException) {
        t = t.getCause();
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
