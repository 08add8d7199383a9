package io.github.aiplaybooks.core.llm;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts LLM calls and tokens, for budgets ("at most 20 calls and 200,000 tokens per run") and
 * reports. Thread-safe: concurrent calls may record at once, and {@link #snapshot()} is always a
 * consistent view (every count from the same moment).
 *
 * <p>{@link #meter(LlmClient)} wraps a client so that every call it makes is recorded.
 *
 * <pre>{@code
 * LlmUsageMeter meter = new LlmUsageMeter();
 * LlmClient metered = meter.meter(llm);
 * ...
 * if (meter.snapshot().totalTokens() > budget) { escalate(); }
 * }</pre>
 */
public final class LlmUsageMeter {

  /**
   * The counts at one moment.
   *
   * @param calls every call made, failed ones included
   * @param failedCalls calls that threw
   * @param inputTokens tokens sent, summed over successful calls
   * @param outputTokens tokens generated
   * @param totalTokens the totals the endpoint reported
   */
  public record Snapshot(
      long calls, long failedCalls, long inputTokens, long outputTokens, long totalTokens) {

    /** Nothing counted yet. */
    public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0);

    /** The tokens as a {@link TokenUsage}. */
    public TokenUsage usage() {
      return new TokenUsage(inputTokens, outputTokens, totalTokens);
    }
  }

  private final AtomicReference<Snapshot> counts = new AtomicReference<>(Snapshot.EMPTY);

  /** A meter at zero. */
  public LlmUsageMeter() {}

  /** Records one successful call that used {@code usage}. */
  public void record(TokenUsage usage) {
    Objects.requireNonNull(usage, "usage");
    counts.updateAndGet(
        s ->
            new Snapshot(
                s.calls() + 1,
                s.failedCalls(),
                s.inputTokens() + usage.inputTokens(),
                s.outputTokens() + usage.outputTokens(),
                s.totalTokens() + usage.totalTokens()));
  }

  /** Records one call that failed. */
  public void recordFailure() {
    counts.updateAndGet(
        s ->
            new Snapshot(
                s.calls() + 1,
                s.failedCalls() + 1,
                s.inputTokens(),
                s.outputTokens(),
                s.totalTokens()));
  }

  /** The counts now. */
  public Snapshot snapshot() {
    return counts.get();
  }

  /** Every call made so far. */
  public long calls() {
    return counts.get().calls();
  }

  /** Input tokens so far. */
  public long inputTokens() {
    return counts.get().inputTokens();
  }

  /** Output tokens so far. */
  public long outputTokens() {
    return counts.get().outputTokens();
  }

  /** Total tokens so far, as the endpoint reported them. */
  public long totalTokens() {
    return counts.get().totalTokens();
  }

  /**
   * A client that forwards to {@code client} and records every call here, successful or not.
   * Streaming calls are forwarded to the client's own {@code converseStream}.
   */
  public LlmClient meter(LlmClient client) {
    Objects.requireNonNull(client, "client");
    return new LlmClient() {
      @Override
      public LlmResponse converse(LlmRequest request) {
        LlmResponse response;
        try {
          response = client.converse(request);
        } catch (RuntimeException e) {
          recordFailure();
          throw e;
        }
        record(response.usage());
        return response;
      }

      @Override
      public LlmResponse converseStream(LlmRequest request, LlmStreamListener listener) {
        LlmResponse response;
        try {
          response = client.converseStream(request, listener);
        } catch (RuntimeException e) {
          recordFailure();
          throw e;
        }
        record(response.usage());
        return response;
      }
    };
  }

  @Override
  public String toString() {
    return "LlmUsageMeter" + counts.get();
  }
}
