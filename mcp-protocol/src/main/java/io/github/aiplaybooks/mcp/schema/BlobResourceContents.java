package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contents of a binary resource.
 *
 * @param uri the resource's URI
 * @param mimeType its MIME type, or {@code null}
 * @param blob the base64-encoded bytes
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlobResourceContents(
    @JsonProperty("uri") String uri,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("blob") String blob,
    @JsonProperty("_meta") ObjectNode meta)
    implements ResourceContents {

  /** Checks the required members. */
  public BlobResourceContents {
    Objects.requireNonNull(uri, "BlobResourceContents.uri");
    Objects.requireNonNull(blob, "BlobResourceContents.blob");
  }
}
