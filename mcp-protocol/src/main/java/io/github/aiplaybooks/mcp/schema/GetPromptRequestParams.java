package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code prompts/get}.
 *
 * @param name the prompt's name
 * @param arguments values for the template's arguments, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetPromptRequestParams(
    @JsonProperty("name") String name,
    @JsonProperty("arguments") Map<String, String> arguments,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required name and copies the map. */
  public GetPromptRequestParams {
    Objects.requireNonNull(name, "GetPromptRequestParams.name");
    arguments = arguments == null ? null : Map.copyOf(arguments);
  }
}
