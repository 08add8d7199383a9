package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A root (a directory or file, a {@code file://} URI) a client lets a server work on.
 *
 * @param uri the root's URI
 * @param name a display name, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Root(
    @JsonProperty("uri") String uri,
    @JsonProperty("name") String name,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required URI. */
  public Root {
    Objects.requireNonNull(uri, "Root.uri");
  }
}
