package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.playbook.CustomSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.tool.ApprovalRules;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs a user's {@link StepHandler} with a {@link StepContext} over the run's services. */
final class CustomStep implements StepContext {
  private final Run run;
  private final Step step;
  private final CustomSpec spec;

  private CustomStep(Run run, Step step, CustomSpec spec) {
    this.run = run;
    this.step = step;
    this.spec = spec;
  }

  static Done run(Run run, Step step, CustomSpec spec, StepHandler handler) {
    StepOutcome outcome = handler.handle(new CustomStep(run, step, spec));
    if (outcome == null) {
      throw new IllegalStateException(
          "the step handler of " + step.action() + " returned null instead of a StepOutcome");
    }
    for (Map.Entry<String, JsonNode> e : outcome.outputs().entrySet()) {
      run.setOutput(step, e.getKey(), e.getValue());
    }
    run.note(step.key(), outcome.summary());
    return Done.completed(outcome.summary());
  }

  @Override
  public String runId() {
    return run.runId;
  }

  @Override
  public Playbook playbook() {
    return run.playbook;
  }

  @Override
  public Step step() {
    return step;
  }

  @Override
  public CustomSpec spec() {
    return spec;
  }

  @Override
  public boolean dryRun() {
    return run.dryRun;
  }

  @Override
  public Instant now() {
    return run.now();
  }

  @Override
  public Facts trustedFacts() {
    return run.trustedFacts();
  }

  @Override
  public Facts facts() {
    return run.allFacts();
  }

  @Override
  public Optional<JsonNode> value(String name) {
    JsonNode v = run.value(name);
    return Optional.ofNullable(v == null ? null : v.deepCopy());
  }

  @Override
  public ToolResult read(String tool, ObjectNode arguments) {
    return run.read(step.key(), ToolRequest.read(tool, arguments));
  }

  @Override
  public RunState.ActionRecord execute(PlannedAction action, String rationale) {
    RunState.Proposal p =
        run.propose(
            step.key(), RunState.Source.CUSTOM, action, rationale, null, run.fallback != null);
    return run.pipeline.execute(
        p, step, ActionSteps.approveRules(run).and(ApprovalRules.none()), null, true);
  }

  @Override
  public void propose(PlannedAction action, String rationale) {
    run.propose(step.key(), RunState.Source.CUSTOM, action, rationale, null, run.fallback != null);
  }

  @Override
  public LlmClient llm() {
    return run.llm;
  }

  @Override
  public void note(String event) {
    run.note(step.key(), event);
  }
}
