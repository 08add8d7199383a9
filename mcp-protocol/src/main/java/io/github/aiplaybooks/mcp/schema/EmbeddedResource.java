package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contents of a resource embedded in a result ({@code "type": "resource"}).
 *
 * @param resource the contents, text or blob
 * @param annotations display hints, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddedResource(
    @JsonProperty("resource") ResourceContents resource,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") ObjectNode meta)
    implements ContentBlock {

  /** Checks the required contents. */
  public EmbeddedResource {
    Objects.requireNonNull(resource, "EmbeddedResource.resource");
  }
}
