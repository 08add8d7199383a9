package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of {@code resources/list}.
 *
 * @param resources the resources on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListResourcesResult(
    @JsonProperty("resources") List<Resource> resources,
    @JsonProperty("nextCursor") String nextCursor,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required list and copies it. */
  public ListResourcesResult {
    resources = List.copyOf(Objects.requireNonNull(resources, "ListResourcesResult.resources"));
  }
}
