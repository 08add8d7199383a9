package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One system prompt block, as in Converse's {@code SystemContentBlock}: {@code {"text": "..."}}.
 *
 * @param text the instructions
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemPrompt(@JsonProperty("text") String text) {
  /** Checks the text is present. */
  public SystemPrompt {
    Objects.requireNonNull(text, "SystemPrompt.text");
  }

  /** A system prompt block. */
  public static SystemPrompt of(String text) {
    return new SystemPrompt(text);
  }
}
