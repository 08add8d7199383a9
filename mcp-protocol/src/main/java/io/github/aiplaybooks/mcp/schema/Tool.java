package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The definition of a tool a server offers.
 *
 * <p>JSON members ({@code inputSchema}, {@code outputSchema}, {@code _meta}) are Jackson trees;
 * treat them as read-only.
 *
 * <pre>{@code
 * Tool tool = Tool.builder("kubectl_get")
 *     .description("List Kubernetes resources")
 *     .inputSchema(schema)
 *     .annotations(ToolAnnotations.readOnly())
 *     .build();
 * }</pre>
 *
 * @param name the unique name, such as {@code kubectl_get}
 * @param title a display name, or {@code null}
 * @param description what the tool does, a hint for the model, or {@code null}
 * @param inputSchema the JSON Schema of the arguments (a schema object, never null)
 * @param outputSchema the JSON Schema of {@code structuredContent}, or {@code null}
 * @param annotations behaviour hints, or {@code null}; see {@link #effectiveAnnotations()}
 * @param execution execution properties (task support), kept as JSON, or {@code null}
 * @param icons icons, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tool(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("inputSchema") ObjectNode inputSchema,
    @JsonProperty("outputSchema") ObjectNode outputSchema,
    @JsonProperty("annotations") ToolAnnotations annotations,
    @JsonProperty("execution") ObjectNode execution,
    @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required name and input schema and copies the list. */
  public Tool {
    Objects.requireNonNull(name, "Tool.name");
    Objects.requireNonNull(inputSchema, "Tool.inputSchema");
    icons = icons == null ? null : List.copyOf(icons);
  }

  /** The annotations, or {@link ToolAnnotations#none()} when the server sent none. */
  public ToolAnnotations effectiveAnnotations() {
    return annotations == null ? ToolAnnotations.none() : annotations;
  }

  /** A builder for a tool named {@code name}, with the input schema {@code {"type":"object"}}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this tool's members. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.title = title;
    b.description = description;
    b.inputSchema = inputSchema;
    b.outputSchema = outputSchema;
    b.annotations = annotations;
    b.execution = execution;
    b.icons = icons;
    b.meta = meta;
    return b;
  }

  /** Builds a {@link Tool}. */
  public static final class Builder {
    private final String name;
    private String title;
    private String description;
    private ObjectNode inputSchema = JsonNodeFactory.instance.objectNode().put("type", "object");
    private ObjectNode outputSchema;
    private ToolAnnotations annotations;
    private ObjectNode execution;
    private List<Icon> icons;
    private ObjectNode meta;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Sets the display name. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Sets the description. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets the JSON Schema of the arguments. */
    public Builder inputSchema(ObjectNode inputSchema) {
      this.inputSchema = Objects.requireNonNull(inputSchema, "inputSchema");
      return this;
    }

    /** Sets the JSON Schema of the structured result. */
    public Builder outputSchema(ObjectNode outputSchema) {
      this.outputSchema = outputSchema;
      return this;
    }

    /** Sets the behaviour hints. */
    public Builder annotations(ToolAnnotations annotations) {
      this.annotations = annotations;
      return this;
    }

    /** Sets the execution properties. */
    public Builder execution(ObjectNode execution) {
      this.execution = execution;
      return this;
    }

    /** Sets the icons. */
    public Builder icons(List<Icon> icons) {
      this.icons = icons;
      return this;
    }

    /** Sets {@code _meta}. */
    public Builder meta(ObjectNode meta) {
      this.meta = meta;
      return this;
    }

    /** The tool. */
    public Tool build() {
      return new Tool(
          name, title, description, inputSchema, outputSchema, annotations, execution, icons, meta);
    }
  }
}
