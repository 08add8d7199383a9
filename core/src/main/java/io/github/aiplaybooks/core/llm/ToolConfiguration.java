package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The tools offered in a request and how the model must choose, as in Converse's {@code
 * ToolConfiguration}.
 *
 * <pre>{@code
 * ToolConfiguration tools = ToolConfiguration.of(List.of(spec), ToolChoice.tool(spec.name()));
 * }</pre>
 *
 * @param tools the tools, at least one, with distinct names
 * @param toolChoice how the model must choose, or {@code null} for the model's default (auto)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolConfiguration(
    @JsonProperty("tools") List<ToolSpec> tools,
    @JsonProperty("toolChoice") ToolChoice toolChoice) {

  /** Checks the tools are distinct and that a specific choice names one of them. */
  public ToolConfiguration {
    tools = List.copyOf(Objects.requireNonNull(tools, "ToolConfiguration.tools"));
    if (tools.isEmpty()) {
      throw new LlmInvalidRequestException("ToolConfiguration.tools must hold at least one tool");
    }
    Set<String> names = new HashSet<>();
    for (ToolSpec tool : tools) {
      if (!names.add(tool.name())) {
        throw new LlmInvalidRequestException(
            "ToolConfiguration.tools offers '" + tool.name() + "' twice");
      }
    }
    if (toolChoice instanceof ToolChoice.Specific specific && !names.contains(specific.name())) {
      throw new LlmInvalidRequestException(
          "ToolConfiguration.toolChoice names '"
              + specific.name()
              + "', which is not among the offered tools "
              + names);
    }
  }

  /** A tool configuration. */
  public static ToolConfiguration of(List<ToolSpec> tools, ToolChoice toolChoice) {
    return new ToolConfiguration(tools, toolChoice);
  }

  /** The offered tool named {@code name}, or {@code null}. */
  public ToolSpec tool(String name) {
    for (ToolSpec tool : tools) {
      if (tool.name().equals(name)) {
        return tool;
      }
    }
    return null;
  }
}
