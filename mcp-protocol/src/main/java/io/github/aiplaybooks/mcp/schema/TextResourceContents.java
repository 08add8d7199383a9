package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contents of a resource that can be represented as text.
 *
 * @param uri the resource's URI
 * @param mimeType its MIME type, or {@code null}
 * @param text the text
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextResourceContents(
    @JsonProperty("uri") String uri,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("text") String text,
    @JsonProperty("_meta") ObjectNode meta)
    implements ResourceContents {

  /** Checks the required members. */
  public TextResourceContents {
    Objects.requireNonNull(uri, "TextResourceContents.uri");
    Objects.requireNonNull(text, "TextResourceContents.text");
  }
}
