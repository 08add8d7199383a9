package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of {@code prompts/get}.
 *
 * @param description a description of the prompt, or {@code null}
 * @param messages the prompt's messages
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetPromptResult(
    @JsonProperty("description") String description,
    @JsonProperty("messages") List<PromptMessage> messages,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required list and copies it. */
  public GetPromptResult {
    messages = List.copyOf(Objects.requireNonNull(messages, "GetPromptResult.messages"));
  }
}
