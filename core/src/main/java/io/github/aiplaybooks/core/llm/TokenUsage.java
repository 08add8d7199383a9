package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tokens one call used, as in Converse's {@code TokenUsage}. The total may exceed input plus output
 * when a model counts cache reads.
 *
 * <pre>{@code
 * TokenUsage sum = first.usage().plus(second.usage());
 * }</pre>
 *
 * @param inputTokens tokens sent to the model
 * @param outputTokens tokens the model generated
 * @param totalTokens the total the endpoint reports
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenUsage(
    @JsonProperty("inputTokens") long inputTokens,
    @JsonProperty("outputTokens") long outputTokens,
    @JsonProperty("totalTokens") long totalTokens) {

  /** No tokens. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0);

  /** Checks no count is negative. */
  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0 || totalTokens < 0) {
      throw new LlmInvalidRequestException(
          "TokenUsage counts must not be negative: input="
              + inputTokens
              + ", output="
              + outputTokens
              + ", total="
              + totalTokens);
    }
  }

  /** Usage with {@code total = input + output}. */
  public static TokenUsage of(long inputTokens, long outputTokens) {
    return new TokenUsage(inputTokens, outputTokens, Math.addExact(inputTokens, outputTokens));
  }

  /** The member-wise sum. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        Math.addExact(inputTokens, other.inputTokens),
        Math.addExact(outputTokens, other.outputTokens),
        Math.addExact(totalTokens, other.totalTokens));
  }
}
