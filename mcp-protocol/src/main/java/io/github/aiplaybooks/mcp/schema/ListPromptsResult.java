package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of {@code prompts/list}.
 *
 * @param prompts the prompts on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListPromptsResult(
    @JsonProperty("prompts") List<Prompt> prompts,
    @JsonProperty("nextCursor") String nextCursor,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required list and copies it. */
  public ListPromptsResult {
    prompts = List.copyOf(Objects.requireNonNull(prompts, "ListPromptsResult.prompts"));
  }
}
