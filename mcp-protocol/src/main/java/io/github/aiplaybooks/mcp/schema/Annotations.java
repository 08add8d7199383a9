package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Display hints on content and resources.
 *
 * @param audience who the content is for, or {@code null}
 * @param priority importance from 0 (optional) to 1 (required), or {@code null}
 * @param lastModified an ISO 8601 timestamp, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Annotations(
    @JsonProperty("audience") List<Role> audience,
    @JsonProperty("priority") Double priority,
    @JsonProperty("lastModified") String lastModified) {

  /** Copies the list. */
  public Annotations {
    audience = audience == null ? null : List.copyOf(audience);
  }
}
