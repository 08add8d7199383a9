package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of {@code resources/read}.
 *
 * @param contents the contents read (a resource may have sub-resources)
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadResourceResult(
    @JsonProperty("contents") List<ResourceContents> contents,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required list and copies it. */
  public ReadResourceResult {
    contents = List.copyOf(Objects.requireNonNull(contents, "ReadResourceResult.contents"));
  }
}
