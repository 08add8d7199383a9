package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.playbook.KnownActions;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import tools.jackson.databind.JsonNode;

/**
 * A playbook before its first step: name it, say who runs it and what starts it, declare inputs,
 * then add steps. There is no {@code build()} yet: a playbook needs a step.
 */
public interface PlaybookStart {

  /** The agent that runs it, such as {@code eks-sre-agent}. */
  PlaybookStart agent(String agent);

  /** The model id, such as {@code anthropic.claude-3-sonnet-20240229-v1:0}. */
  PlaybookStart model(String model);

  /** What starts a run; without it, the first step decides (see the loader). */
  PlaybookStart trigger(TriggerDefinition trigger);

  /** Declares an input a run is given, which conditions and templates may read. */
  PlaybookStart input(String name, FactType type);

  /** Adds an {@code x-} key with your own data. */
  PlaybookStart extension(String key, JsonNode value);

  /** The step kinds to check actions with, for actions you registered. */
  PlaybookStart stepKinds(StepKindRegistry stepKinds);

  /** The actions runbooks and opportunities may name. */
  PlaybookStart knownActions(KnownActions knownActions);

  /** The first step, numbered 1. */
  PlaybookSteps step(String name, StepDefinition<?> step);
}
