package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.playbook.KnownActions;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** The one implementation behind the DSL's playbook types; each view exposes only what is legal. */
final class PlaybookDefinition implements PlaybookStart, PlaybookSteps, PlaybookComplete {
  private final Playbook.Builder builder = Playbook.builder();
  private int steps;

  PlaybookDefinition(String name) {
    builder.name(Objects.requireNonNull(name, "name"));
  }

  @Override
  public PlaybookStart agent(String agent) {
    builder.agent(Objects.requireNonNull(agent, "agent"));
    return this;
  }

  @Override
  public PlaybookStart model(String model) {
    builder.model(Objects.requireNonNull(model, "model"));
    return this;
  }

  @Override
  public PlaybookStart trigger(TriggerDefinition trigger) {
    builder.trigger(Objects.requireNonNull(trigger, "trigger").trigger());
    return this;
  }

  @Override
  public PlaybookStart input(String name, FactType type) {
    builder.input(name, type);
    return this;
  }

  @Override
  public PlaybookStart extension(String key, JsonNode value) {
    builder.extension(key, value);
    return this;
  }

  @Override
  public PlaybookStart stepKinds(StepKindRegistry stepKinds) {
    builder.stepKinds(stepKinds);
    return this;
  }

  @Override
  public PlaybookStart knownActions(KnownActions knownActions) {
    builder.knownActions(knownActions);
    return this;
  }

  @Override
  public PlaybookSteps step(String name, StepDefinition<?> step) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(step, "step");
    builder.step(new Step(++steps, name, step.action(), step.spec(), step.extensions()));
    return this;
  }

  @Override
  public PlaybookComplete routing(RoutingDefinition routing) {
    builder.routing(Objects.requireNonNull(routing, "routing").routing());
    return this;
  }

  @Override
  public Playbook build() {
    return builder.build();
  }
}
