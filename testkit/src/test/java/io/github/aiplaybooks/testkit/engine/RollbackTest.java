package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.engine.StepStatus;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.ActionOutcome;
import io.github.aiplaybooks.core.tool.Execution;
import io.github.aiplaybooks.core.tool.MutationPermit;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.Preparation;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import io.github.aiplaybooks.testkit.SimulatedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A change that fails, times out or does not fix the problem is undone, newest first. */
class RollbackTest {
  private static ScriptedLlm raiseMemoryThenScale() {
    return ScriptedLlm.builder()
        .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
        .onStep(
            "4_decide",
            ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"), Fixtures.scale(5))))
        .build();
  }

  @Test
  void failedVerificationRollsBackInReverseOrderAndRestoresTheCluster() {
    SimulatedCluster cluster =
        Fixtures.oomCluster().requiredMemory("default", "api-service", "1Gi");
    SimulatedCluster.DeploymentState before = cluster.deployment("default", "api-service");
    EngineHarness h = new EngineHarness(cluster);
    try (PlaybookEngine engine =
        h.builder(raiseMemoryThenScale(), RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(r.step("7_verify").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
      assertThat(cluster.operations())
          .containsExactly(
              "add_resource_limits default/api-service memory=512Mi",
              "scale_deployment default/api-service 3->5",
              "scale_deployment default/api-service 5->3",
              "add_resource_limits default/api-service memory=256Mi cpu=500m");
      SimulatedCluster.DeploymentState after = cluster.deployment("default", "api-service");
      assertThat(after.replicas()).isEqualTo(before.replicas());
      assertThat(after.template()).isEqualTo(before.template());
      // Verification polled fresh facts until its timeout (5 minutes, every 15 seconds).
      RunState.VerificationRecord alert =
          r.state().verifications().stream()
              .filter(v -> v.check().equals("alert_cleared"))
              .findFirst()
              .orElseThrow();
      assertThat(alert.result()).isEqualTo("FALSE");
      assertThat(alert.attempts()).isEqualTo(21);
      assertThat(h.audit.ofType(AuditEventType.VERIFICATION)).hasSize(21);
      assertThat(h.audit.ofType(AuditEventType.ROLLBACK))
          .extracting(e -> e.data().get("action").asString())
          .containsExactly("scale_deployment", "add_resource_limits");
      assertThat(r.report().rollback())
          .extracting(e -> e.status())
          .containsExactly("APPLIED", "APPLIED");
      // The report still runs after a rollback.
      assertThat(r.step("8_document").orElseThrow().status()).isEqualTo(StepStatus.COMPLETED);
    }
  }

  @Test
  void aFailedChangeRollsBackTheChangesBeforeIt() {
    SimulatedCluster cluster =
        Fixtures.oomCluster().failNext("scale_deployment", "admission webhook denied");
    EngineHarness h = new EngineHarness(cluster);
    try (PlaybookEngine engine =
        h.builder(raiseMemoryThenScale(), RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(r.step("6_execute").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
      assertThat(r.step("6_execute").orElseThrow().summary()).contains("admission webhook denied");
      assertThat(r.step("7_verify").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(cluster.operations())
          .containsExactly(
              "add_resource_limits default/api-service memory=512Mi",
              "add_resource_limits default/api-service memory=256Mi cpu=500m");
      assertThat(cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("256Mi");
    }
  }

  /** Scales like the cluster's adapter, but each change takes two minutes on the fake clock. */
  private static ActionAdapter slow(ActionAdapter inner, EngineHarness h) {
    return new ActionAdapter() {
      @Override
      public Set<String> actions() {
        return inner.actions();
      }

      @Override
      public Preparation prepare(PlannedAction action) {
        return inner.prepare(action);
      }

      @Override
      public ActionOutcome apply(MutationPermit permit) {
        if (permit.kind() == MutationPermit.Kind.FORWARD) {
          h.clock.advance(Duration.ofMinutes(2));
        }
        return inner.apply(permit);
      }
    };
  }

  @Test
  void aStepThatRunsPastItsTimeoutRollsBackAndRunsNothingMore() {
    Playbook timed =
        Fixtures.playbook(
            """
            {"playbook": "timed", "workflow": {
              "1_detect": {"action": "receive_alert"},
              "2_decide": {"action": "determine_remediation"},
              "3_execute": {"action": "run_remediation", "with_rollback": true, "timeout": "3m"},
              "4_document": {"action": "create_incident_report", "include": ["remediation", "rollback"]}
            }}
            """);
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_decide",
                ScriptedAnswer.json(
                    Fixtures.plan(
                        Fixtures.raiseMemory("512Mi"), Fixtures.scale(4), Fixtures.scale(5))))
            .build();
    List<ActionAdapter> adapters = h.cluster.adapters().stream().map(a -> slow(a, h)).toList();
    try (PlaybookEngine engine =
        PlaybookEngine.builder()
            .llm(llm)
            .tools(h.tools)
            .actionAdapters(adapters)
            .factSource(h.cluster.facts())
            .policy(io.github.aiplaybooks.core.policy.Policy.seed())
            .clock(h.clock)
            .scheduler(h.scheduler)
            .auditSink(h.audit)
            .notifier(h.notifier)
            .build()) {
      RunResult r = engine.run(timed, Fixtures.oomAlert());

      assertThat(r.step("3_execute").orElseThrow().status()).isEqualTo(StepStatus.TIMED_OUT);
      assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
      // Two changes fit in three minutes; the third was not started; both were undone.
      assertThat(h.cluster.operations())
          .containsExactly(
              "add_resource_limits default/api-service memory=512Mi",
              "scale_deployment default/api-service 3->4",
              "scale_deployment default/api-service 4->3",
              "add_resource_limits default/api-service memory=256Mi cpu=500m");
      assertThat(r.report().remediation())
          .extracting(e -> e.result())
          .containsExactly("APPLIED", "APPLIED", "NOT_RUN");
    }
  }

  @Test
  void anInverseThatFailsIsReportedAndEscalatedWhileTheOthersStillRun() {
    SimulatedCluster cluster =
        Fixtures.oomCluster().requiredMemory("default", "api-service", "1Gi");
    EngineHarness h = new EngineHarness(cluster);
    ActionAdapter breaksOnRollback =
        new ActionAdapter() {
          final ActionAdapter inner = cluster.adapters().get(0);

          @Override
          public Set<String> actions() {
            return inner.actions();
          }

          @Override
          public Preparation prepare(PlannedAction action) {
            return inner.prepare(action);
          }

          @Override
          public ActionOutcome apply(MutationPermit permit) {
            if (permit.kind() == MutationPermit.Kind.ROLLBACK
                && permit.planned().action().equals("scale_deployment")) {
              throw new IllegalStateException("the API server is unreachable");
            }
            return inner.apply(permit);
          }
        };
    try (PlaybookEngine engine =
        PlaybookEngine.builder()
            .llm(raiseMemoryThenScale())
            .tools(h.tools)
            .actionAdapter(breaksOnRollback)
            .factSource(cluster.facts())
            .policy(io.github.aiplaybooks.core.policy.Policy.seed())
            .clock(h.clock)
            .scheduler(h.scheduler)
            .auditSink(h.audit)
            .notifier(h.notifier)
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(r.state().rollbacks())
          .extracting(rb -> rb.execution().status())
          .containsExactly(Execution.Status.FAILED, Execution.Status.APPLIED);
      assertThat(r.report().rollback().get(0).detail()).contains("the API server is unreachable");
      assertThat(r.report().escalations())
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains("rollback of scale_deployment")
                      .contains("still in place"));
      assertThat(cluster.deployment("default", "api-service").replicas()).isEqualTo(5);
      assertThat(cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("256Mi");
    }
  }
}
