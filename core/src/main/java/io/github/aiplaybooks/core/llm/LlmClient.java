package io.github.aiplaybooks.core.llm;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A model endpoint, shaped after Amazon Bedrock's Converse API so that the Bedrock adapter is a
 * thin mapping. Implementations must be thread-safe.
 *
 * <p>Failures are typed ({@link LlmFailure}): {@link LlmThrottledException} and {@link
 * LlmUnavailableException} are retryable remote faults, {@link LlmRefusedException} is a remote
 * fault that retrying does not fix, {@link LlmInvalidRequestException} is the caller's fault. The
 * engine's fallback keys off these; a client should map every endpoint error to one of them.
 *
 * <pre>{@code
 * LlmClient llm = request -> ...;          // or the Bedrock adapter, or ScriptedLlm in tests
 * LlmResponse r = llm.converse(LlmRequest.builder(model).message(Message.user("hi")).build());
 * }</pre>
 */
@FunctionalInterface
public interface LlmClient {

  /**
   * Sends one request and waits for the whole answer.
   *
   * @throws LlmThrottledException the endpoint throttled the call (retryable)
   * @throws LlmUnavailableException the endpoint failed or timed out (retryable)
   * @throws LlmRefusedException the model or a guardrail refused (not retryable)
   * @throws LlmInvalidRequestException the endpoint rejected the request as invalid
   */
  LlmResponse converse(LlmRequest request);

  /**
   * Sends one request on {@code executor}. The default runs {@link #converse} there; the future
   * completes exceptionally with the same typed failures. Never uses the common pool.
   */
  default CompletableFuture<LlmResponse> converseAsync(LlmRequest request, Executor executor) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(executor, "executor");
    return CompletableFuture.supplyAsync(() -> converse(request), executor);
  }

  /**
   * Sends one request and reports the answer as it arrives. Streaming is optional: the default
   * calls {@link #converse} and reports the whole answer at once (text, then tool calls, then
   * completion).
   *
   * @return the complete response, as {@link #converse} would
   */
  default LlmResponse converseStream(LlmRequest request, LlmStreamListener listener) {
    Objects.requireNonNull(listener, "listener");
    LlmResponse response = converse(request);
    for (ContentBlock block : response.message().content()) {
      if (block instanceof ContentBlock.Text text) {
        listener.onText(text.text());
      } else if (block instanceof ContentBlock.ToolUse use) {
        listener.onToolUse(use);
      }
    }
    listener.onComplete(response);
    return response;
  }
}
