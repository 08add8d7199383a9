package io.github.aiplaybooks.core.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * What one run may spend. Running out of any budget ends the run with an escalation to a human
 * (status {@link RunStatus#ESCALATED}), never with an exception; the changes the run made stay,
 * each with its inverse in the report, for a human to judge.
 *
 * <p>Defaults ({@link #defaults()}): {@value #DEFAULT_MAX_LLM_CALLS} model calls, {@value
 * #DEFAULT_MAX_TOKENS} tokens, {@value #DEFAULT_MAX_TOOL_CALLS} tool calls (reads, fact reads and
 * mutations) and 30 minutes of wall time, by the engine's clock.
 *
 * <pre>{@code
 * Budgets tight = Budgets.defaults().withMaxLlmCalls(5).withMaxWallTime(Duration.ofMinutes(10));
 * }</pre>
 *
 * @param maxLlmCalls the most model calls, re-asks and tool-loop turns included
 * @param maxTokens the most tokens, input and output, as the model reports them
 * @param maxToolCalls the most tool calls
 * @param maxWallTime the longest a run may take
 */
public record Budgets(
    @JsonProperty("max_llm_calls") int maxLlmCalls,
    @JsonProperty("max_tokens") long maxTokens,
    @JsonProperty("max_tool_calls") int maxToolCalls,
    @JsonProperty("max_wall_time") Duration maxWallTime) {

  /** The default number of model calls. */
  public static final int DEFAULT_MAX_LLM_CALLS = 40;

  /** The default number of tokens. */
  public static final long DEFAULT_MAX_TOKENS = 400_000;

  /** The default number of tool calls. */
  public static final int DEFAULT_MAX_TOOL_CALLS = 200;

  /** The default wall time. */
  public static final Duration DEFAULT_MAX_WALL_TIME = Duration.ofMinutes(30);

  private static final Budgets DEFAULTS =
      new Budgets(
          DEFAULT_MAX_LLM_CALLS, DEFAULT_MAX_TOKENS, DEFAULT_MAX_TOOL_CALLS, DEFAULT_MAX_WALL_TIME);

  /**
   * Checks every budget is positive.
   *
   * @throws IllegalArgumentException naming the budget that is not
   */
  public Budgets {
    if (maxLlmCalls < 0) {
      throw new IllegalArgumentException("maxLlmCalls: must not be negative, was " + maxLlmCalls);
    }
    if (maxTokens < 0) {
      throw new IllegalArgumentException("maxTokens: must not be negative, was " + maxTokens);
    }
    if (maxToolCalls < 0) {
      throw new IllegalArgumentException("maxToolCalls: must not be negative, was " + maxToolCalls);
    }
    Objects.requireNonNull(maxWallTime, "maxWallTime");
    if (maxWallTime.isNegative() || maxWallTime.isZero()) {
      throw new IllegalArgumentException("maxWallTime: must be positive, was " + maxWallTime);
    }
  }

  /** The defaults described above. */
  public static Budgets defaults() {
    return DEFAULTS;
  }

  /** These budgets with at most {@code n} model calls. */
  public Budgets withMaxLlmCalls(int n) {
    return new Budgets(n, maxTokens, maxToolCalls, maxWallTime);
  }

  /** These budgets with at most {@code n} tokens. */
  public Budgets withMaxTokens(long n) {
    return new Budgets(maxLlmCalls, n, maxToolCalls, maxWallTime);
  }

  /** These budgets with at most {@code n} tool calls. */
  public Budgets withMaxToolCalls(int n) {
    return new Budgets(maxLlmCalls, maxTokens, n, maxWallTime);
  }

  /** These budgets with at most {@code d} of wall time. */
  public Budgets withMaxWallTime(Duration d) {
    return new Budgets(maxLlmCalls, maxTokens, maxToolCalls, d);
  }
}
