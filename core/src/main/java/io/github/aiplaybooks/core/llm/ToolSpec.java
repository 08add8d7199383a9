package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool offered to the model, as in Converse's {@code ToolSpecification}: a name, a description
 * and the JSON Schema of its input. (Converse nests the schema as {@code inputSchema.json}; an
 * adapter wraps it.) Treat the schema tree as read-only.
 *
 * <pre>{@code
 * ToolSpec spec = ToolSpec.of("kubectl_get", "List Kubernetes resources", schema);
 * }</pre>
 *
 * @param name the tool's name: 1 to 64 of {@code [a-zA-Z0-9_-]}, as Converse requires
 * @param description what the tool does, a hint for the model, or {@code null}
 * @param inputSchema the JSON Schema of the input, an object schema
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolSpec(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("inputSchema") ObjectNode inputSchema) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  /** Checks the name's form and that the schema is present. */
  public ToolSpec {
    Objects.requireNonNull(name, "ToolSpec.name");
    if (!NAME.matcher(name).matches()) {
      throw new LlmInvalidRequestException(
          "ToolSpec.name '"
              + name
              + "' must be 1 to 64 letters, digits, '_' or '-' (a Converse tool name)");
    }
    Objects.requireNonNull(inputSchema, "ToolSpec.inputSchema");
  }

  /** A tool spec. */
  public static ToolSpec of(String name, String description, ObjectNode inputSchema) {
    return new ToolSpec(name, description, inputSchema);
  }
}
