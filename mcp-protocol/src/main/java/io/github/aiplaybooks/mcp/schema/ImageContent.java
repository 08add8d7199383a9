package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Image content ({@code "type": "image"}), base64-encoded.
 *
 * @param data the base64-encoded image
 * @param mimeType its MIME type
 * @param annotations display hints, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageContent(
    @JsonProperty("data") String data,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") ObjectNode meta)
    implements ContentBlock {

  /** Checks the required members. */
  public ImageContent {
    Objects.requireNonNull(data, "ImageContent.data");
    Objects.requireNonNull(mimeType, "ImageContent.mimeType");
  }
}
