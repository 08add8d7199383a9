package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource a server can read, as {@code resources/list} describes it.
 *
 * @param uri its URI
 * @param name its programmatic name
 * @param title a display name, or {@code null}
 * @param description what it is, or {@code null}
 * @param mimeType its MIME type, or {@code null}
 * @param annotations display hints, or {@code null}
 * @param size its size in bytes, or {@code null}
 * @param icons icons, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Resource(
    @JsonProperty("uri") String uri,
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("size") Long size,
    @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required members and copies the list. */
  public Resource {
    Objects.requireNonNull(uri, "Resource.uri");
    Objects.requireNonNull(name, "Resource.name");
    icons = icons == null ? null : List.copyOf(icons);
  }
}
