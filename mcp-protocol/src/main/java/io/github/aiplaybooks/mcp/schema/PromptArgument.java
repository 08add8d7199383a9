package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An argument a prompt template accepts.
 *
 * @param name its name
 * @param title a display name, or {@code null}
 * @param description what it means, or {@code null}
 * @param required whether it must be given; {@code null} means false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptArgument(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("required") Boolean required) {

  /** Checks the required name. */
  public PromptArgument {
    Objects.requireNonNull(name, "PromptArgument.name");
  }
}
