package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code tools/call}.
 *
 * @param name the tool's name
 * @param arguments the arguments, a JSON object, or {@code null}
 * @param task task augmentation, kept as JSON, or {@code null}
 * @param meta the {@code _meta} member (it carries {@code progressToken}), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallToolRequestParams(
    @JsonProperty("name") String name,
    @JsonProperty("arguments") ObjectNode arguments,
    @JsonProperty("task") ObjectNode task,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required name. */
  public CallToolRequestParams {
    Objects.requireNonNull(name, "CallToolRequestParams.name");
  }

  /** The params to call {@code name} with {@code arguments}. */
  public static CallToolRequestParams of(String name, ObjectNode arguments) {
    return new CallToolRequestParams(name, arguments, null, null);
  }
}
