package io.github.aiplaybooks.core.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One step of a playbook's workflow, as the seed writes it: {@code "5_approve": {"action":
 * "check_approval_required", ...}} is the step with order 5, name {@code approve}, action {@code
 * check_approval_required} and an {@link ApproveSpec}.
 *
 * <pre>{@code
 * Step approve = new Step(5, "approve", "check_approval_required",
 *     new ApproveSpec(List.of(Condition.compile("blast_radius < 10_pods")), List.of()));
 * approve.key();   // "5_approve"
 * }</pre>
 *
 * @param order the step's number; steps run in order, numbered 1, 2, 3, … without gaps
 * @param name the step's name: lower case, digits and {@code _}, starting with a letter
 * @param action the action as written, which a {@link StepKind} gives meaning to
 * @param spec the typed parameters, of the type the action's kind takes
 * @param extensions the step's {@code x-} keys (users' own data), kept as written
 */
public record Step(
    int order, String name, String action, StepSpec spec, Map<String, JsonNode> extensions) {

  /** Checks and copies the components; a playbook checks the rest when it is built. */
  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(spec, "spec");
    extensions = copy(Objects.requireNonNull(extensions, "extensions"));
  }

  /** A step without extensions. */
  public Step(int order, String name, String action, StepSpec spec) {
    this(order, name, action, spec, Map.of());
  }

  /** The key the JSON format writes: order, {@code _}, name, such as {@code 5_approve}. */
  public String key() {
    return order + "_" + name;
  }

  /** The JSON pointer of this step in the format: {@code /workflow/5_approve}. */
  public String pointer() {
    return "/workflow/" + key();
  }

  /** The {@code x-} keys, each value a copy. */
  @Override
  public Map<String, JsonNode> extensions() {
    return copy(extensions);
  }

  static Map<String, JsonNode> copy(Map<String, JsonNode> extensions) {
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    extensions.forEach(
        (k, v) ->
            copy.put(
                Objects.requireNonNull(k, "extensions: null key"),
                Objects.requireNonNull(v, "extensions: null value").deepCopy()));
    return Collections.unmodifiableMap(copy);
  }
}
