package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.playbook.CustomSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a custom {@link StepHandler} may use: the same services built-in steps use, with the same
 * checks. Not thread-safe beyond what each method says; valid only during the handler's call.
 */
public interface StepContext {

  /** The run. */
  String runId();

  /** The playbook. */
  Playbook playbook();

  /** The step being run. */
  Step step();

  /** The step's parameters. */
  CustomSpec spec();

  /** Whether the run is a dry run. */
  boolean dryRun();

  /** Now, by the engine's clock. */
  Instant now();

  /** Trusted facts: the trigger's context, the inputs, facts read from the system. */
  Facts trustedFacts();

  /**
   * Every value the run knows as facts, named as the playbook's {@link
   * io.github.aiplaybooks.core.playbook.Scope} names them: a trusted name only ever holds the
   * trusted value; a step's output is there as {@code step.name}, and by its bare name when that is
   * not a trusted name.
   */
  Facts facts();

  /**
   * A value of the run (trusted first, then steps' outputs), as JSON; {@code name} may be qualified
   * ({@code classify.type}).
   */
  Optional<JsonNode> value(String name);

  /**
   * Calls a tool that only reads, through the engine's gate: counted against the tool budget and
   * audited.
   *
   * @throws io.github.aiplaybooks.core.tool.MutationNotPermittedException if the tool changes
   *     something
   */
  ToolResult read(String tool, ObjectNode arguments);

  /**
   * Runs an action now, exactly as an execute step runs a plan's: trusted facts and inverse from
   * its adapter, the policy's decision, an approval when needed, then the gate (a dry run in a dry
   * run). Returns what became of it; a change is journaled for rollback.
   */
  RunState.ActionRecord execute(PlannedAction action, String rationale);

  /** Proposes an action for a later execute step of the playbook. */
  void propose(PlannedAction action, String rationale);

  /** The model, metered against the run's budgets and audited. */
  LlmClient llm();

  /** Adds a line to the run's timeline. */
  void note(String event);
}
