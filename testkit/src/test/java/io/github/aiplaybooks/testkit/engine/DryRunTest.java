package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.StepStatus;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolResult;
import io.github.aiplaybooks.testkit.FakeToolProvider;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import org.junit.jupiter.api.Test;

/** A dry run sends every change as a dry run, or not at all, and says what would have happened. */
class DryRunTest {
  @Test
  void aDryRunChangesNothingAndReportsWhatWouldHaveHappened() {
    FakeToolProvider rollout =
        FakeToolProvider.builder()
            .tool(
                ToolDescriptor.builder("kubectl_rollout_restart")
                    .action("rollout_undo")
                    .effect(Effect.MUTATE)
                    .build())
            .respond("kubectl_rollout_restart", ToolResult.text("restarted"))
            .build();
    EngineHarness h = new EngineHarness(Fixtures.oomCluster(), rollout);
    RecordingApprovalHandler approvals = RecordingApprovalHandler.approvingAll();
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
            .onStep(
                "4_decide",
                ScriptedAnswer.json(
                    Fixtures.plan(
                        Fixtures.raiseMemory("512Mi"),
                        """
                        {"action": "delete_node", "target": {"kind": "Node", "name": "ip-10-0-1-1"},
                         "parameters": {}, "rationale": "drain it"}""")))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).dryRun(true).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.dryRun()).isTrue();
      assertThat(h.cluster.operations()).isEmpty();
      assertThat(h.cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("256Mi");
      assertThat(h.cluster.node("ip-10-0-1-1")).isPresent();
      assertThat(h.tools.liveMutations()).isEmpty();
      RunState.ActionRecord limits =
          r.actions().stream()
              .filter(a -> a.action().equals("add_resource_limits") && a.execution() != null)
              .findFirst()
              .orElseThrow();
      assertThat(limits.result()).isEqualTo("DRY_RUN");
      assertThat(limits.execution().mode()).isEqualTo(ExecutionMode.DRY_RUN);
      assertThat(limits.detail()).startsWith("server-side dry run accepted");
      // A dry run asks no human: the report says a human would have been asked.
      assertThat(approvals.requests()).isEmpty();
      assertThat(r.actions())
          .anySatisfy(
              a -> {
                assertThat(a.action()).isEqualTo("delete_node");
                assertThat(a.result()).isEqualTo("NEEDS_APPROVAL");
                assertThat(a.detail()).contains("dry run: would ask a human");
              });
      assertThat(r.step("7_verify").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(r.report().dryRun()).isTrue();
      assertThat(r.report().toMarkdown()).contains("**Dry run:** nothing was changed");
      assertThat(r.report().summary()).contains("Dry run: nothing was changed.");
    }
  }

  @Test
  void aToolWithoutADryRunIsNotSent() {
    FakeToolProvider rollout =
        FakeToolProvider.builder()
            .tool(
                ToolDescriptor.builder("kubectl_rollout_undo")
                    .action("rollback_deployment")
                    .effect(Effect.MUTATE)
                    .build())
            .respond("kubectl_rollout_undo", ToolResult.text("rolled back"))
            .build();
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    // No adapter for rollback_deployment here: the tool carries it, without an inverse.
    try (PlaybookEngine engine =
        PlaybookEngine.builder()
            .llm(
                ScriptedLlm.builder()
                    .onStep(
                        "2_decide",
                        ScriptedAnswer.json(
                            Fixtures.plan(
                                """
                                {"action": "rollback_deployment",
                                 "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
                                 "parameters": {}, "rationale": "bad release"}""")))
                    .build())
            .tools(io.github.aiplaybooks.testkit.RecordingToolProvider.wrap(rollout))
            .policy(
                io.github.aiplaybooks.core.policy.Policy.builder()
                    .autoApprove("rollback_deployment")
                    .build())
            .approvals(RecordingApprovalHandler.approvingAll())
            .clock(h.clock)
            .scheduler(h.scheduler)
            .auditSink(h.audit)
            .notifier(h.notifier)
            .dryRun(true)
            .build()) {
      RunResult r = engine.run(PolicyOutcomesTest.DECIDE_EXECUTE_NOTIFY, Fixtures.oomAlert());
      // Without an inverse it would need a human; in a dry run nobody is asked.
      assertThat(r.actions().get(0).result()).isEqualTo("NEEDS_APPROVAL");
    }
    try (PlaybookEngine engine =
        PlaybookEngine.builder()
            .llm(
                ScriptedLlm.builder()
                    .onStep(
                        "2_decide",
                        ScriptedAnswer.json(
                            Fixtures.plan(
                                """
                                {"action": "rollback_deployment",
                                 "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
                                 "parameters": {}, "rationale": "bad release"}""")))
                    .build())
            .tools(rollout)
            .actionAdapters(h.cluster.adapters())
            .policy(
                io.github.aiplaybooks.core.policy.Policy.builder()
                    .autoApprove("rollback_deployment")
                    .build())
            .clock(h.clock)
            .scheduler(h.scheduler)
            .auditSink(h.audit)
            .notifier(h.notifier)
            .dryRun(true)
            .build()) {
      RunResult r = engine.run(PolicyOutcomesTest.DECIDE_EXECUTE_NOTIFY, Fixtures.oomAlert());
      // With the cluster's adapter: no previous revision, so the facts cannot be read: refused.
      assertThat(r.actions().get(0).result()).isEqualTo("DENIED");
      assertThat(r.actions().get(0).reasons().get(0)).contains("has no previous revision");
    }
  }
}
