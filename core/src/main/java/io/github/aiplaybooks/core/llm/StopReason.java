package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why the model stopped generating: Converse's {@code StopReason}. */
public enum StopReason {
  /** The model finished its answer. */
  END_TURN("end_turn"),
  /** The model asks for one or more tool calls ({@link ContentBlock.ToolUse} blocks). */
  TOOL_USE("tool_use"),
  /** The answer hit {@link InferenceConfig#maxTokens()} and is probably cut off. */
  MAX_TOKENS("max_tokens"),
  /** The answer hit one of {@link InferenceConfig#stopSequences()}. */
  STOP_SEQUENCE("stop_sequence"),
  /** A guardrail stopped the answer: a refusal, never an answer to act on. */
  GUARDRAIL_INTERVENED("guardrail_intervened"),
  /** A content filter stopped the answer: a refusal, never an answer to act on. */
  CONTENT_FILTERED("content_filtered");

  private final String wire;

  StopReason(String wire) {
    this.wire = wire;
  }

  /** The name on the wire, such as {@code end_turn}. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /**
   * Whether the model refused to answer ({@code guardrail_intervened} or {@code content_filtered}).
   */
  public boolean isRefusal() {
    return this == GUARDRAIL_INTERVENED || this == CONTENT_FILTERED;
  }
}
