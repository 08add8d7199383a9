package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One block of a {@link Message}, as in Converse's {@code ContentBlock} union: text, a tool call
 * the model asks for, or the result the caller sends back.
 *
 * <p>On the wire each block is a one-member object named for its kind, exactly as Converse writes
 * it: {@code {"text": "..."}}, {@code {"toolUse": {"toolUseId": ..., "name": ..., "input":
 * {...}}}}, {@code {"toolResult": {"toolUseId": ..., "content": [...], "status": "error"}}}.
 *
 * <pre>{@code
 * for (ContentBlock block : response.message().content()) {
 *   if (block instanceof ContentBlock.ToolUse use) {
 *     run(use.name(), use.input());
 *   }
 * }
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
  @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "toolUse"),
  @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "toolResult")
})
public sealed interface ContentBlock {

  /** A text block. */
  static ContentBlock text(String text) {
    return new Text(text);
  }

  /**
   * Text from the caller or the model.
   *
   * @param text the text, never null
   */
  record Text(@JsonValue String text) implements ContentBlock {
    /** Checks the text is present. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Text {
      Objects.requireNonNull(text, "ContentBlock.Text.text");
    }
  }

  /**
   * A tool call the model asks for. The input is the model's proposal: untrusted until it passes a
   * schema and the policy engine. Treat the tree as read-only.
   *
   * @param toolUseId the id the result must quote, chosen by the model endpoint
   * @param name the tool's name, one of the offered {@link ToolSpec}s
   * @param input the arguments, a JSON value (normally an object)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ToolUse(
      @JsonProperty("toolUseId") String toolUseId,
      @JsonProperty("name") String name,
      @JsonProperty("input") JsonNode input)
      implements ContentBlock {
    /** Checks the members are present. */
    public ToolUse {
      Objects.requireNonNull(toolUseId, "ContentBlock.ToolUse.toolUseId");
      Objects.requireNonNull(name, "ContentBlock.ToolUse.name");
      Objects.requireNonNull(input, "ContentBlock.ToolUse.input");
    }
  }

  /**
   * The result of a tool call, sent back by the caller in a {@link Role#USER} message.
   *
   * @param toolUseId the {@link ToolUse#toolUseId()} this answers
   * @param content the result, text and JSON blocks
   * @param status {@link ToolResultStatus#ERROR} when the call failed or its input was refused
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ToolResult(
      @JsonProperty("toolUseId") String toolUseId,
      @JsonProperty("content") List<ToolResultContent> content,
      @JsonProperty("status") ToolResultStatus status)
      implements ContentBlock {
    /** Checks the members are present and copies the list; the status defaults to success. */
    public ToolResult {
      Objects.requireNonNull(toolUseId, "ContentBlock.ToolResult.toolUseId");
      content = List.copyOf(Objects.requireNonNull(content, "ContentBlock.ToolResult.content"));
      status = status == null ? ToolResultStatus.SUCCESS : status;
    }

    /** A successful result with one text block. */
    public static ToolResult success(String toolUseId, String text) {
      return new ToolResult(
          toolUseId, List.of(ToolResultContent.text(text)), ToolResultStatus.SUCCESS);
    }

    /** A failed result with one text block saying why. */
    public static ToolResult error(String toolUseId, String text) {
      return new ToolResult(
          toolUseId, List.of(ToolResultContent.text(text)), ToolResultStatus.ERROR);
    }
  }
}
