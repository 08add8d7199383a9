package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code logging/setLevel}.
 *
 * @param level the least severe level the client wants to receive
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetLevelRequestParams(
    @JsonProperty("level") LoggingLevel level, @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required level. */
  public SetLevelRequestParams {
    Objects.requireNonNull(level, "SetLevelRequestParams.level");
  }
}
