package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Audio content ({@code "type": "audio"}), base64-encoded.
 *
 * @param data the base64-encoded audio
 * @param mimeType its MIME type
 * @param annotations display hints, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AudioContent(
    @JsonProperty("data") String data,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") ObjectNode meta)
    implements ContentBlock {

  /** Checks the required members. */
  public AudioContent {
    Objects.requireNonNull(data, "AudioContent.data");
    Objects.requireNonNull(mimeType, "AudioContent.mimeType");
  }
}
