package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client supports, sent in {@code initialize}. A {@code null} member means the capability is
 * absent. Members this library does not act on (sampling, elicitation, tasks) are kept as JSON.
 *
 * @param experimental non-standard capabilities, or {@code null}
 * @param roots present when the client answers {@code roots/list}
 * @param sampling present when the client supports sampling
 * @param elicitation present when the client supports elicitation
 * @param tasks present when the client supports task-augmented requests
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientCapabilities(
    @JsonProperty("experimental") ObjectNode experimental,
    @JsonProperty("roots") Roots roots,
    @JsonProperty("sampling") ObjectNode sampling,
    @JsonProperty("elicitation") ObjectNode elicitation,
    @JsonProperty("tasks") ObjectNode tasks) {

  /** A client that declares no capability. */
  public static ClientCapabilities none() {
    return new ClientCapabilities(null, null, null, null, null);
  }

  /**
   * The {@code roots} capability.
   *
   * @param listChanged whether the client notifies when its roots change, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Roots(@JsonProperty("listChanged") Boolean listChanged) {}
}
