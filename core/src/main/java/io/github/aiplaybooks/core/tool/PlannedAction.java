package io.github.aiplaybooks.core.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.core.policy.Target;
import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An action someone wants to run: the action (a name or alias of the policy's catalog), what it
 * acts on, its parameters, and how. It is a proposal, from a model's remediation plan, a model's
 * tool call, a playbook's routing runbook or a step; nothing runs until {@link MutationGate} has a
 * policy decision for it.
 *
 * <pre>{@code
 * PlannedAction scale = PlannedAction.of("scale_deployment",
 *     Target.of("deployment", "default", "api-service"),
 *     JsonNodeFactory.instance.objectNode().put("replicas", 6));
 * }</pre>
 *
 * @param action the action as proposed, such as {@code scale_deployment} or the alias {@code
 *     delete_pod}
 * @param target what it acts on; {@link Target#NONE} when unknown
 * @param parameters the action's arguments, an object (copied in and out)
 * @param method how to carry it out, such as {@code gradual_scale_up}, or {@code null}
 * @param tool the tool the proposal names (a model's tool call), or {@code null}: an {@link
 *     ActionAdapter} for the action is preferred over it, since only an adapter records an inverse
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlannedAction(
    @JsonProperty("action") String action,
    @JsonProperty("target") Target target,
    @JsonProperty("parameters") ObjectNode parameters,
    @JsonProperty("method") String method,
    @JsonProperty("tool") String tool) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if the action is blank
   */
  public PlannedAction {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("action: a planned action needs an action name");
    }
    target = target == null ? Target.NONE : target;
    parameters = parameters == null ? JsonNodeFactory.instance.objectNode() : parameters.deepCopy();
  }

  /** The action on {@code target} with {@code parameters}, no method and no tool. */
  public static PlannedAction of(String action, Target target, ObjectNode parameters) {
    return new PlannedAction(action, target, parameters, null, null);
  }

  /** The action on {@code target} without parameters. */
  public static PlannedAction of(String action, Target target) {
    return new PlannedAction(action, target, null, null, null);
  }

  /** A copy of the parameters. */
  @Override
  public ObjectNode parameters() {
    return parameters.deepCopy();
  }

  /** This action carried out with {@code method}. */
  public PlannedAction withMethod(String method) {
    return new PlannedAction(action, target, parameters, method, tool);
  }

  /** This action with {@code parameters}. */
  public PlannedAction withParameters(ObjectNode parameters) {
    return new PlannedAction(action, target, parameters, method, tool);
  }

  /** {@code scale_deployment on deployment default/api-service {"replicas":6}}. */
  public String describe() {
    return action
        + (target.isNone() ? "" : " on " + target)
        + (parameters.isEmpty() ? "" : " " + parameters)
        + (method == null ? "" : " by " + method);
  }

  /** Whether this equals {@code other}, comparing parameters by value. */
  public boolean sameAs(PlannedAction other) {
    return other != null
        && action.equals(other.action)
        && target.equals(other.target)
        && parameters.equals(other.parameters)
        && Objects.equals(method, other.method)
        && Objects.equals(tool, other.tool);
  }
}
