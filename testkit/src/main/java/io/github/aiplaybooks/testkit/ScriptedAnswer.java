package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.StopReason;
import io.github.aiplaybooks.core.llm.TokenUsage;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One answer a {@link ScriptedLlm} gives: text, a JSON object, a tool call, or a failure.
 * Immutable; the {@code times}, {@code usage} and {@code stopReason} methods return a modified
 * copy.
 *
 * <pre>{@code
 * ScriptedAnswer.json(classification);                   // as the forced tool's input
 * ScriptedAnswer.text("not json").times(3);              // the same answer three calls in a row
 * ScriptedAnswer.toolUse("kubectl_get", args);
 * ScriptedAnswer.failure(LlmFailure.Kind.THROTTLED);
 * }</pre>
 */
public final class ScriptedAnswer {

  /** What the answer is. */
  public enum Kind {
    /** A text answer. */
    TEXT,
    /** A JSON object: the input of the forced or only offered tool, else text. */
    JSON,
    /** A call of a named tool. */
    TOOL_USE,
    /**
     * A typed failure, thrown (or, for a guardrail, answered with {@code guardrail_intervened}).
     */
    FAILURE,
    /** An answer that stops with {@code guardrail_intervened}. */
    GUARDRAIL
  }

  private final Kind kind;
  private final String text;
  private final JsonNode json;
  private final String toolName;
  private final LlmFailure.Kind failure;
  private final int times;
  private final TokenUsage usage;
  private final StopReason stopReason;

  private ScriptedAnswer(
      Kind kind,
      String text,
      JsonNode json,
      String toolName,
      LlmFailure.Kind failure,
      int times,
      TokenUsage usage,
      StopReason stopReason) {
    this.kind = kind;
    this.text = text;
    this.json = json == null ? null : json.deepCopy();
    this.toolName = toolName;
    this.failure = failure;
    this.times = times;
    this.usage = usage;
    this.stopReason = stopReason;
  }

  /** Answers {@code text}, stopping with {@code end_turn}. */
  public static ScriptedAnswer text(String text) {
    return new ScriptedAnswer(
        Kind.TEXT, Objects.requireNonNull(text, "text"), null, null, null, 1, null, null);
  }

  /**
   * Answers the JSON {@code value}: as the input of the tool the request forces ({@code toolChoice:
   * tool}) or offers alone, stopping with {@code tool_use}; as text otherwise.
   */
  public static ScriptedAnswer json(JsonNode value) {
    return new ScriptedAnswer(
        Kind.JSON, null, Objects.requireNonNull(value, "value"), null, null, 1, null, null);
  }

  /** Calls {@code toolName} with {@code input}, stopping with {@code tool_use}. */
  public static ScriptedAnswer toolUse(String toolName, JsonNode input) {
    return new ScriptedAnswer(
        Kind.TOOL_USE,
        null,
        Objects.requireNonNull(input, "input"),
        Objects.requireNonNull(toolName, "toolName"),
        null,
        1,
        null,
        null);
  }

  /**
   * Fails the call with the typed exception for {@code kind} ({@code LlmThrottledException}, {@code
   * LlmUnavailableException}, {@code LlmRefusedException}, {@code LlmInvalidRequestException}).
   */
  public static ScriptedAnswer failure(LlmFailure.Kind kind) {
    return new ScriptedAnswer(
        Kind.FAILURE, null, null, null, Objects.requireNonNull(kind, "kind"), 1, null, null);
  }

  /** Answers a refusal that stops with {@code guardrail_intervened}. */
  public static ScriptedAnswer guardrail() {
    return new ScriptedAnswer(Kind.GUARDRAIL, null, null, null, null, 1, null, null);
  }

  /** This answer for the next {@code times} matching calls (at least 1). */
  public ScriptedAnswer times(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    return new ScriptedAnswer(kind, text, json, toolName, failure, times, usage, stopReason);
  }

  /** Reports this token usage instead of the estimate (request and answer length / 4). */
  public ScriptedAnswer usage(TokenUsage usage) {
    return new ScriptedAnswer(
        kind,
        text,
        json,
        toolName,
        failure,
        times,
        Objects.requireNonNull(usage, "usage"),
        stopReason);
  }

  /** Stops with this reason instead of the natural one (to script {@code max_tokens}, say). */
  public ScriptedAnswer stopReason(StopReason stopReason) {
    return new ScriptedAnswer(
        kind,
        text,
        json,
        toolName,
        failure,
        times,
        usage,
        Objects.requireNonNull(stopReason, "stopReason"));
  }

  /** What the answer is. */
  public Kind kind() {
    return kind;
  }

  /** The text, for {@link Kind#TEXT}. */
  public String text() {
    return text;
  }

  /** A copy of the JSON value or tool input, for {@link Kind#JSON} and {@link Kind#TOOL_USE}. */
  public JsonNode json() {
    return json == null ? null : json.deepCopy();
  }

  /** The tool, for {@link Kind#TOOL_USE}. */
  public String toolName() {
    return toolName;
  }

  /** The failure, for {@link Kind#FAILURE}. */
  public LlmFailure.Kind failure() {
    return failure;
  }

  /** How many calls this answer serves. */
  public int times() {
    return times;
  }

  TokenUsage usageOrNull() {
    return usage;
  }

  StopReason stopReasonOrNull() {
    return stopReason;
  }

  @Override
  public String toString() {
    String what;
    switch (kind) {
      case TEXT:
        what = "text \"" + abbreviate(text, 40) + "\"";
        break;
      case JSON:
        what = "json " + abbreviate(json.toString(), 40);
        break;
      case TOOL_USE:
        what = "tool_use " + toolName;
        break;
      case FAILURE:
        what = "error " + failure.name().toLowerCase();
        break;
      default:
        what = "guardrail";
    }
    return times == 1 ? what : what + " x" + times;
  }

  static String abbreviate(String s, int max) {
    String oneLine = s.replace('\n', ' ');
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
  }
}
