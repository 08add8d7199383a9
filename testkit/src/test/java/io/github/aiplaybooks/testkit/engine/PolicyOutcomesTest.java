package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.tool.ActionDecision;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolResult;
import io.github.aiplaybooks.testkit.FakeClock;
import io.github.aiplaybooks.testkit.FakeScheduler;
import io.github.aiplaybooks.testkit.FakeToolProvider;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.RecordingAuditSink;
import io.github.aiplaybooks.testkit.RecordingNotifier;
import io.github.aiplaybooks.testkit.RecordingToolProvider;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the policy decides shows in the run: refusals, rate limits, the rule about inverses. */
class PolicyOutcomesTest {

  static final Playbook DECIDE_EXECUTE_NOTIFY =
      Fixtures.playbook(
          """
          {"playbook": "decide-execute-notify", "workflow": {
            "1_detect": {"action": "receive_alert"},
            "2_decide": {"action": "determine_remediation"},
            "3_execute": {"action": "run_remediation"},
            "4_notify": {"action": "alert_team", "channels": ["slack"],
                         "message": "Remediation of ${deployment} in ${namespace} finished"},
            "5_document": {"action": "create_incident_report", "include": ["remediation"],
                           "recipients": ["sre@example.com"]}
          }}
          """);

  @Test
  void aRefusedActionIsRecordedWithItsReasonAndTheRunStillReportsAndNotifies() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_decide",
                ScriptedAnswer.json(
                    Fixtures.plan(
                        """
                        {"action": "patch_deployment",
                         "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
                         "parameters": {"patch": {"memory": "512Mi"}}, "rationale": "raise the limit"}""")))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.approvingAll()).build()) {
      RunResult r = engine.run(DECIDE_EXECUTE_NOTIFY, Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_DENIALS);
      RunState.ActionRecord refused = r.actions().get(0);
      assertThat(refused.outcome()).isEqualTo("DENY");
      assertThat(refused.result()).isEqualTo("DENIED");
      assertThat(refused.rule()).isEqualTo("catalog: patch_deployment");
      assertThat(refused.reasons().get(0))
          .contains("unknown action 'patch_deployment'")
          .contains("an action that is not in the action catalog is refused");
      assertThat(h.cluster.operations()).isEmpty();
      assertThat(h.notifier.toChannel("slack"))
          .singleElement()
          .satisfies(
              n ->
                  assertThat(n.message())
                      .isEqualTo("Remediation of api-service in default finished"));
      assertThat(h.notifier.toChannel("sre@example.com"))
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.kind()).isEqualTo(Notification.Kind.REPORT);
                assertThat(n.message())
                    .contains("DENY: patch_deployment")
                    .contains("catalog: patch_deployment");
              });
      assertThat(h.audit.ofType(AuditEventType.DECISION))
          .singleElement()
          .satisfies(e -> assertThat(e.data().get("outcome").asString()).isEqualTo("DENY"));
    }
  }

  @Test
  void theRateLimitRefusesTheSixthRestartInAnHour() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    List<String> restarts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      restarts.add(
          """
          {"action": "restart_pod",
           "target": {"kind": "Pod", "namespace": "default", "name": "api-service-r1-%d"},
           "parameters": {}, "rationale": "restart %d"}"""
              .formatted(i % 3, i));
    }
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_decide", ScriptedAnswer.json(Fixtures.plan(restarts.toArray(String[]::new))))
            .onStep(
                "2_decide",
                ScriptedAnswer.json(
                    Fixtures.plan(
                        """
                        {"action": "restart_pod",
                         "target": {"kind": "Pod", "namespace": "default", "name": "api-service-r1-0"},
                         "parameters": {}, "rationale": "again"}""")))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(DECIDE_EXECUTE_NOTIFY, Fixtures.oomAlert());

      assertThat(r.actions())
          .extracting(RunState.ActionRecord::result)
          .containsExactly("APPLIED", "APPLIED", "APPLIED", "APPLIED", "APPLIED", "DENIED");
      RunState.ActionRecord sixth = r.actions().get(5);
      assertThat(sixth.rule()).isEqualTo("rate_limits.pod_restarts: 5 per hour");
      assertThat(sixth.reasons().get(0)).contains("rate limit pod_restarts (5 per hour) reached");
      assertThat(h.cluster.operations()).hasSize(5);
      // Restarts restore themselves, so the seed's auto_approve restart_pod applies without a
      // human.
      assertThat(r.actions().get(0).rule()).isEqualTo("auto_approve[0]: restart_pod");

      // An hour later the window has room again.
      h.clock.advance(Duration.ofMinutes(61));
      RunResult later = engine.run(DECIDE_EXECUTE_NOTIFY, Fixtures.oomAlert());
      assertThat(later.actions())
          .extracting(RunState.ActionRecord::result)
          .containsExactly("APPLIED");
    }
  }

  @Test
  void aMutatingToolWithoutAnInverseNeedsAHumanEvenWhenThePolicyAllowsTheAction() {
    FakeClock clock = FakeClock.at(Fixtures.OFF_HOURS);
    FakeToolProvider fake =
        FakeToolProvider.builder()
            .tool(
                ToolDescriptor.builder("kubectl_delete_pod")
                    .action("restart_pod")
                    .effect(Effect.MUTATE)
                    .build())
            .respond("kubectl_delete_pod", ToolResult.text("pod \"api-service-r1-0\" deleted"))
            .build();
    for (boolean approve : new boolean[] {false, true}) {
      RecordingToolProvider tools = RecordingToolProvider.wrap(fake);
      RecordingApprovalHandler approvals =
          approve ? RecordingApprovalHandler.approvingAll() : RecordingApprovalHandler.denyingAll();
      ScriptedLlm llm =
          ScriptedLlm.builder()
              .onStep(
                  "2_decide",
                  ScriptedAnswer.json(
                      Fixtures.plan(
                          """
                          {"action": "restart_pod",
                           "target": {"kind": "Pod", "namespace": "default", "name": "api-service-r1-0"},
                           "parameters": {"name": "api-service-r1-0", "namespace": "default"},
                           "rationale": "restart it"}""")))
              .build();
      try (PlaybookEngine engine =
          PlaybookEngine.builder()
              .llm(llm)
              .tools(tools)
              // A policy that allows restarts outright: only the gate's rule asks for a human.
              // (With
              // the seed policy a tool without an adapter also needs one: no adapter reads
              // blast_radius, so require_human_if blast_radius > 50_pods fails closed.)
              .policy(Policy.builder().autoApprove("restart_pod").build())
              .approvals(approvals)
              .clock(clock)
              .scheduler(FakeScheduler.timeSkipping(clock))
              .auditSink(new RecordingAuditSink())
              .notifier(new RecordingNotifier())
              .build()) {
        RunResult r = engine.run(DECIDE_EXECUTE_NOTIFY, Fixtures.oomAlert());

        RunState.ActionRecord a = r.actions().get(0);
        assertThat(a.outcome()).isEqualTo("REQUIRE_APPROVAL");
        assertThat(a.rule()).isEqualTo(ActionDecision.NO_INVERSE);
        assertThat(a.reasons())
            .anySatisfy(
                reason ->
                    assertThat(reason).contains("tool kubectl_delete_pod records no rollback"));
        assertThat(approvals.requests())
            .singleElement()
            .satisfies(req -> assertThat(req.inverse()).isNull());
        if (approve) {
          assertThat(a.result()).isEqualTo("APPLIED");
          assertThat(tools.liveMutations())
              .singleElement()
              .satisfies(
                  c -> assertThat(c.idempotencyKey()).isEqualTo(r.runId() + "/3_execute/p1"));
        } else {
          assertThat(a.result()).isEqualTo("NOT_APPROVED");
          assertThat(tools.mutatingCalls()).isEmpty();
        }
      }
    }
  }
}
