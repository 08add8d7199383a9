package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A prompt or prompt template a server offers.
 *
 * @param name its name
 * @param title a display name, or {@code null}
 * @param description what it provides, or {@code null}
 * @param arguments the arguments it accepts, or {@code null}
 * @param icons icons, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prompt(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("arguments") List<PromptArgument> arguments,
    @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required name and copies the lists. */
  public Prompt {
    Objects.requireNonNull(name, "Prompt.name");
    arguments = arguments == null ? null : List.copyOf(arguments);
    icons = icons == null ? null : List.copyOf(icons);
  }
}
