package io.github.aiplaybooks.core.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.core.policy.Effect;
import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a tool is, as the engine sees it: its name, a description for the model, the JSON Schema of
 * its arguments, the action of the policy's {@link io.github.aiplaybooks.core.policy.ActionCatalog
 * ActionCatalog} it performs and the {@link Effect} that follows from it.
 *
 * <p>The effect decides how the engine treats a call: {@link Effect#READ} tools may be called
 * freely (by collect steps and by the model, within budget); any other tool changes something and
 * runs only through {@link MutationGate#execute}, with a policy decision.
 *
 * <pre>{@code
 * ToolDescriptor logs = ToolDescriptor.builder("kubectl_logs")
 *     .description("Read a pod's logs")
 *     .action("logs")
 *     .effect(Effect.READ)
 *     .build();
 * }</pre>
 *
 * @param name the tool's name, as the provider calls it, such as {@code kubectl_logs}
 * @param description what the tool does, shown to the model; may be empty
 * @param inputSchema the JSON Schema of the arguments (an object schema)
 * @param action the canonical catalog action the tool performs, or {@code null} when none is known
 * @param effect what a call does; {@link Effect#DESTRUCTIVE} when nothing says otherwise
 * @param supportsDryRun whether a call can be sent as a dry run that changes nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolDescriptor(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("input_schema") ObjectNode inputSchema,
    @JsonProperty("action") String action,
    @JsonProperty("effect") Effect effect,
    @JsonProperty("supports_dry_run") boolean supportsDryRun) {

  /**
   * Checks the components and copies the schema.
   *
   * @throws IllegalArgumentException naming the component that is blank
   */
  public ToolDescriptor {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: a tool needs a name");
    }
    description = description == null ? "" : description;
    inputSchema =
        inputSchema == null
            ? JsonNodeFactory.instance.objectNode().put("type", "object")
            : inputSchema.deepCopy();
    if (action != null && action.isBlank()) {
      throw new IllegalArgumentException("action: must not be blank; use null when none is known");
    }
    effect = effect == null ? Effect.DESTRUCTIVE : effect;
  }

  /** A copy of the argument schema. */
  @Override
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }

  /** Whether calling it changes nothing. */
  public boolean isReadOnly() {
    return effect == Effect.READ;
  }

  /** A builder for the tool {@code name}: destructive, with no action, until set. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this descriptor's components. */
  public Builder toBuilder() {
    return new Builder(name)
        .description(description)
        .inputSchema(inputSchema)
        .action(action)
        .effect(effect)
        .supportsDryRun(supportsDryRun);
  }

  /** Builds a {@link ToolDescriptor}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private ObjectNode inputSchema;
    private String action;
    private Effect effect = Effect.DESTRUCTIVE;
    private boolean supportsDryRun;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** What the tool does, for the model. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** The JSON Schema of the arguments; {@code {"type": "object"}} unless set. */
    public Builder inputSchema(ObjectNode inputSchema) {
      this.inputSchema = inputSchema;
      return this;
    }

    /** The canonical catalog action the tool performs, or {@code null}. */
    public Builder action(String action) {
      this.action = action;
      return this;
    }

    /** What a call does; {@link Effect#DESTRUCTIVE} unless set (fail closed). */
    public Builder effect(Effect effect) {
      this.effect = Objects.requireNonNull(effect, "effect");
      return this;
    }

    /** Whether a call can be sent as a dry run; {@code false} unless set. */
    public Builder supportsDryRun(boolean supportsDryRun) {
      this.supportsDryRun = supportsDryRun;
      return this;
    }

    /** The descriptor. */
    public ToolDescriptor build() {
      return new ToolDescriptor(name, description, inputSchema, action, effect, supportsDryRun);
    }
  }
}
