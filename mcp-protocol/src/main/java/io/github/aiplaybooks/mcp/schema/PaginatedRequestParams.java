package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of a paginated list request ({@code tools/list}, {@code resources/list}, {@code
 * prompts/list}).
 *
 * @param cursor the opaque {@code nextCursor} of the previous page, or {@code null} for the first
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaginatedRequestParams(
    @JsonProperty("cursor") String cursor, @JsonProperty("_meta") ObjectNode meta) {

  /** The params asking for the page after {@code cursor} ({@code null}: the first page). */
  public static PaginatedRequestParams after(String cursor) {
    return new PaginatedRequestParams(cursor, null);
  }
}
