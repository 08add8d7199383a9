package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of {@code roots/list}.
 *
 * @param roots the client's roots
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListRootsResult(
    @JsonProperty("roots") List<Root> roots, @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required list and copies it. */
  public ListRootsResult {
    roots = List.copyOf(Objects.requireNonNull(roots, "ListRootsResult.roots"));
  }
}
