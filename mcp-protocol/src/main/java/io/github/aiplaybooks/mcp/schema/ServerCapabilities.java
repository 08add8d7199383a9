package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a server supports, answered to {@code initialize}. A {@code null} member means the
 * capability is absent.
 *
 * @param experimental non-standard capabilities, or {@code null}
 * @param logging present when the server sends log messages
 * @param completions present when the server completes arguments
 * @param prompts present when the server offers prompts
 * @param resources present when the server offers resources
 * @param tools present when the server offers tools
 * @param tasks present when the server supports task-augmented requests
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerCapabilities(
    @JsonProperty("experimental") ObjectNode experimental,
    @JsonProperty("logging") ObjectNode logging,
    @JsonProperty("completions") ObjectNode completions,
    @JsonProperty("prompts") Prompts prompts,
    @JsonProperty("resources") Resources resources,
    @JsonProperty("tools") Tools tools,
    @JsonProperty("tasks") ObjectNode tasks) {

  /**
   * The {@code prompts} capability.
   *
   * @param listChanged whether the server notifies when its prompts change, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Prompts(@JsonProperty("listChanged") Boolean listChanged) {}

  /**
   * The {@code resources} capability.
   *
   * @param subscribe whether clients may subscribe to resource updates, or {@code null}
   * @param listChanged whether the server notifies when its resources change, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Resources(
      @JsonProperty("subscribe") Boolean subscribe,
      @JsonProperty("listChanged") Boolean listChanged) {}

  /**
   * The {@code tools} capability.
   *
   * @param listChanged whether the server notifies when its tools change, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Tools(@JsonProperty("listChanged") Boolean listChanged) {}
}
