package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A model's answer, shaped after Converse's response: the assistant message, why it stopped, the
 * tokens used and the latency the endpoint reported.
 *
 * <pre>{@code
 * LlmResponse r = llm.converse(request);
 * if (r.stopReason() == StopReason.TOOL_USE) {
 *   r.toolUses().forEach(use -> ...);
 * }
 * }</pre>
 *
 * @param message the assistant's message
 * @param stopReason why the model stopped
 * @param usage the tokens this call used
 * @param latencyMs the latency in milliseconds the endpoint reported (Converse's {@code
 *     metrics.latencyMs}); 0 when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlmResponse(
    @JsonProperty("message") Message message,
    @JsonProperty("stopReason") StopReason stopReason,
    @JsonProperty("usage") TokenUsage usage,
    @JsonProperty("latencyMs") long latencyMs) {

  /** Checks the members are present; usage defaults to zero. */
  public LlmResponse {
    Objects.requireNonNull(message, "LlmResponse.message");
    Objects.requireNonNull(stopReason, "LlmResponse.stopReason");
    usage = usage == null ? TokenUsage.ZERO : usage;
    if (latencyMs < 0) {
      throw new LlmInvalidRequestException(
          "LlmResponse.latencyMs must not be negative, was " + latencyMs);
    }
  }

  /** A response. */
  public static LlmResponse of(Message message, StopReason stopReason, TokenUsage usage) {
    return new LlmResponse(message, stopReason, usage, 0);
  }

  /** The latency the endpoint reported. */
  @JsonIgnore
  public Duration latency() {
    return Duration.ofMillis(latencyMs);
  }

  /** The text of the message's text blocks, joined with newlines. */
  @JsonIgnore
  public String text() {
    return message.text();
  }

  /** The tool calls the model asks for, in order. */
  @JsonIgnore
  public List<ContentBlock.ToolUse> toolUses() {
    return message.toolUses();
  }
}
