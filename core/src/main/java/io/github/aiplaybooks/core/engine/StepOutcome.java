package io.github.aiplaybooks.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What a custom {@link StepHandler} did: a summary for people, and the outputs later steps read.
 *
 * <pre>{@code
 * return StepOutcome.of("opened ticket INC-42", Map.of("ticket_id", TextNode.valueOf("INC-42")));
 * }</pre>
 *
 * @param summary what the step did
 * @param outputs the values later steps read, by name: each as {@code step.name} (the step's name
 *     without its number), and by its bare name too unless a trusted value (a standard fact, the
 *     trigger's context, an input) has that name; a claim when the step's kind says the model
 *     produces its outputs ({@link io.github.aiplaybooks.core.playbook.StepKind#modelProduced})
 */
public record StepOutcome(String summary, Map<String, JsonNode> outputs) {

  /** Checks and copies the components. */
  public StepOutcome {
    Objects.requireNonNull(summary, "summary");
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    if (outputs != null) {
      outputs.forEach(
          (k, v) -> copy.put(Objects.requireNonNull(k, "outputs: null key"), v.deepCopy()));
    }
    outputs = java.util.Collections.unmodifiableMap(copy);
  }

  /** An outcome with outputs. */
  public static StepOutcome of(String summary, Map<String, JsonNode> outputs) {
    return new StepOutcome(summary, outputs);
  }

  /** An outcome without outputs. */
  public static StepOutcome of(String summary) {
    return new StepOutcome(summary, Map.of());
  }
}
