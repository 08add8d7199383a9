package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One block of a {@link ContentBlock.ToolResult}: text or JSON, as in Converse's {@code
 * ToolResultContentBlock}. On the wire it is a one-member object: {@code {"text": "..."}} or {@code
 * {"json": {...}}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ToolResultContent.Text.class, name = "text"),
  @JsonSubTypes.Type(value = ToolResultContent.Json.class, name = "json")
})
public sealed interface ToolResultContent {

  /** A text block. */
  static ToolResultContent text(String text) {
    return new Text(text);
  }

  /** A JSON block. */
  static ToolResultContent json(JsonNode json) {
    return new Json(json);
  }

  /**
   * Text the tool returned.
   *
   * @param text the text, never null
   */
  record Text(@JsonValue String text) implements ToolResultContent {
    /** Checks the text is present. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Text {
      Objects.requireNonNull(text, "ToolResultContent.Text.text");
    }
  }

  /**
   * JSON the tool returned. Treat the tree as read-only.
   *
   * @param json the JSON value, never null
   */
  record Json(@JsonValue JsonNode json) implements ToolResultContent {
    /** Checks the value is present. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Json {
      Objects.requireNonNull(json, "ToolResultContent.Json.json");
    }
  }
}
