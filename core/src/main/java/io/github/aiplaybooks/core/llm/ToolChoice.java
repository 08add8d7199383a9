package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * Which tool the model must call, as in Converse's {@code ToolChoice} union: {@code {"auto": {}}}
 * (the model decides), {@code {"any": {}}} (at least one tool, no text) or {@code {"tool": {"name":
 * "..."}}} (exactly that tool).
 *
 * <pre>{@code
 * ToolChoice forced = ToolChoice.tool("record_classification");
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ToolChoice.Auto.class, name = "auto"),
  @JsonSubTypes.Type(value = ToolChoice.Any.class, name = "any"),
  @JsonSubTypes.Type(value = ToolChoice.Specific.class, name = "tool")
})
public sealed interface ToolChoice {

  /** The model decides whether to call a tool or answer in text (the default). */
  static ToolChoice auto() {
    return new Auto();
  }

  /** The model must call at least one tool. */
  static ToolChoice any() {
    return new Any();
  }

  /** The model must call the tool named {@code name}. */
  static ToolChoice tool(String name) {
    return new Specific(name);
  }

  /** The model decides. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Auto() implements ToolChoice {}

  /** The model must call some tool. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Any() implements ToolChoice {}

  /**
   * The model must call this tool.
   *
   * @param name the tool's name
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Specific(@JsonProperty("name") String name) implements ToolChoice {
    /** Checks the name is present. */
    public Specific {
      Objects.requireNonNull(name, "ToolChoice.tool.name");
    }
  }
}
