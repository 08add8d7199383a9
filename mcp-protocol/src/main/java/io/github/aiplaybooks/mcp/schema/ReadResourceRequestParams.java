package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code resources/read}.
 *
 * @param uri the URI of the resource to read
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadResourceRequestParams(
    @JsonProperty("uri") String uri, @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required URI. */
  public ReadResourceRequestParams {
    Objects.requireNonNull(uri, "ReadResourceRequestParams.uri");
  }
}
