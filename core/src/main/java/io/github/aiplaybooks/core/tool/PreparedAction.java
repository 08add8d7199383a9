package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionDefinition;
import io.github.aiplaybooks.core.policy.Effect;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PlannedAction} after {@link MutationGate#prepare}: resolved through the catalog, with
 * the trusted facts read from the system, the inverse that undoes it, and what will carry it out
 * (an {@link ActionAdapter}, a tool, or nothing). Only the gate makes one; pass it to {@link
 * MutationGate#decide} and {@link MutationGate#execute}.
 */
public final class PreparedAction {

  /** What carries the action out. */
  public enum Carrier {
    /** An {@link ActionAdapter}, which records an inverse. */
    ADAPTER,
    /** A tool that changes something, without an inverse. */
    TOOL,
    /** A read-only tool. */
    READ_TOOL,
    /** Nothing: no adapter or tool carries out the action, so it is refused. */
    NONE
  }

  private final PlannedAction planned;
  private final ActionDefinition definition;
  private final Carrier carrier;
  private final ActionAdapter adapter;
  private final ToolDescriptor tool;
  private final Preparation preparation;
  private final Facts trustedFacts;
  private final String failure;
  private final Instant preparedAt;

  PreparedAction(
      PlannedAction planned,
      ActionDefinition definition,
      Carrier carrier,
      ActionAdapter adapter,
      ToolDescriptor tool,
      Preparation preparation,
      Facts trustedFacts,
      String failure,
      Instant preparedAt) {
    this.planned = Objects.requireNonNull(planned, "planned");
    this.definition = definition;
    this.carrier = Objects.requireNonNull(carrier, "carrier");
    this.adapter = adapter;
    this.tool = tool;
    this.preparation = preparation;
    this.trustedFacts = Objects.requireNonNull(trustedFacts, "trustedFacts");
    this.failure = failure;
    this.preparedAt = Objects.requireNonNull(preparedAt, "preparedAt");
  }

  /** The action as planned. */
  public PlannedAction planned() {
    return planned;
  }

  /** The canonical action, or the name as planned when the catalog does not know it. */
  public String action() {
    return definition != null ? definition.name() : planned.action();
  }

  /** The catalog's definition, if the catalog knows the action. */
  public Optional<ActionDefinition> definition() {
    return Optional.ofNullable(definition);
  }

  /** What the action does; {@link Effect#DESTRUCTIVE} for an action the catalog does not know. */
  public Effect effect() {
    return definition != null ? definition.effect() : Effect.DESTRUCTIVE;
  }

  /** What carries the action out. */
  public Carrier carrier() {
    return carrier;
  }

  /** The tool that carries it out, for {@link Carrier#TOOL} and {@link Carrier#READ_TOOL}. */
  public Optional<ToolDescriptor> tool() {
    return Optional.ofNullable(tool);
  }

  /** The facts the policy decides on: from the adapter, the target and the trusted context. */
  public Facts trustedFacts() {
    return trustedFacts;
  }

  /** What the adapter read, for {@link Carrier#ADAPTER}. */
  public Optional<Preparation> preparation() {
    return Optional.ofNullable(preparation);
  }

  /** The action that undoes this one, recorded before any change, if there is one. */
  public Optional<PlannedAction> inverse() {
    return preparation == null ? Optional.empty() : preparation.inverse();
  }

  /**
   * Whether the action has a rollback plan: an inverse, or its adapter's word that it restores
   * itself. A change without one needs a human.
   */
  public boolean hasRollbackPlan() {
    return preparation != null && preparation.hasRollbackPlan();
  }

  /** What the action will do, for people. */
  public String description() {
    if (preparation != null && !preparation.description().isEmpty()) {
      return preparation.description();
    }
    return planned.describe();
  }

  /** Why the system could not be read, when the adapter failed: the action is then refused. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** When it was prepared, by the gate's clock. */
  public Instant preparedAt() {
    return preparedAt;
  }

  ActionAdapter adapter() {
    return adapter;
  }

  @Override
  public String toString() {
    return "PreparedAction{" + action() + " by " + carrier + ", " + description() + "}";
  }
}
