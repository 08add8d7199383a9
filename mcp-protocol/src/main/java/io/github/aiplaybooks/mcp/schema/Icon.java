package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * An icon a user interface may show for an implementation, tool, resource or prompt.
 *
 * @param src an http(s) URL or a {@code data:} URI
 * @param mimeType the MIME type, or {@code null}
 * @param sizes sizes such as {@code 48x48} or {@code any}, or {@code null}
 * @param theme {@code light} or {@code dark}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Icon(
    @JsonProperty("src") String src,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("sizes") List<String> sizes,
    @JsonProperty("theme") String theme) {

  /** Checks the required source and copies the list. */
  public Icon {
    Objects.requireNonNull(src, "Icon.src");
    sizes = sizes == null ? null : List.copyOf(sizes);
  }
}
