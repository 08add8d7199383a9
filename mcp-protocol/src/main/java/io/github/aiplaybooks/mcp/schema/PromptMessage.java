package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One message of a prompt.
 *
 * @param role who speaks
 * @param content what is said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptMessage(
    @JsonProperty("role") Role role, @JsonProperty("content") ContentBlock content) {

  /** Checks the required members. */
  public PromptMessage {
    Objects.requireNonNull(role, "PromptMessage.role");
    Objects.requireNonNull(content, "PromptMessage.content");
  }
}
