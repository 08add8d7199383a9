package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.engine.FileEmergencyStop;
import io.github.aiplaybooks.core.engine.InMemoryEmergencyStop;
import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunListener;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.engine.StepResult;
import io.github.aiplaybooks.core.engine.StepStatus;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.ActionOutcome;
import io.github.aiplaybooks.core.tool.MutationPermit;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.Preparation;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flipped emergency stop ends the run before its next step or change, and undoes its changes. */
class KillSwitchTest {
  private static ScriptedLlm oomFix() {
    return ScriptedLlm.builder()
        .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
        .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
        .build();
  }

  /** Engages {@code stop} when step {@code key} finishes. */
  private static RunListener flipAfter(String key, InMemoryEmergencyStop stop) {
    return new RunListener() {
      @Override
      public void onStepFinished(RunState state, StepResult result) {
        if (result.step().equals(key)) {
          stop.engage("operator saw a bad deploy");
        }
      }
    };
  }

  @Test
  void aStopFlippedMidRunEndsItAndRollsBackWhatItChanged() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    InMemoryEmergencyStop stop = new InMemoryEmergencyStop("operator");
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .emergencyStop(stop)
            .listener(flipAfter("6_execute", stop))
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
      assertThat(r.statusReason())
          .contains("emergency stop 'operator (operator saw a bad deploy)' is engaged")
          .contains("rolled back 1 change(s)");
      assertThat(r.step("7_verify").orElseThrow().status()).isEqualTo(StepStatus.STOPPED);
      assertThat(r.step("8_document").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(h.cluster.operations())
          .containsExactly(
              "add_resource_limits default/api-service memory=512Mi",
              "add_resource_limits default/api-service memory=256Mi cpu=500m");
      assertThat(h.audit.ofType(AuditEventType.EMERGENCY_STOP)).hasSize(1);
      assertThat(h.notifier.ofKind(Notification.Kind.ESCALATION))
          .anySatisfy(n -> assertThat(n.message()).contains("stopped by emergency stop"));
    }
  }

  @Test
  void aStopFlippedBetweenTwoChangesOfOneStepKeepsTheSecondFromRunning() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    InMemoryEmergencyStop stop = new InMemoryEmergencyStop("operator");
    // The operator flips the switch while the first change of 6_execute is being applied.
    List<ActionAdapter> adapters =
        h.cluster.adapters().stream().map(a -> engagingAfterApply(a, stop)).toList();
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
            .onStep(
                "4_decide",
                ScriptedAnswer.json(
                    Fixtures.plan(Fixtures.raiseMemory("512Mi"), Fixtures.scale(5))))
            .build();
    try (PlaybookEngine engine =
        h.builder(llm, RecordingApprovalHandler.denyingAll(), adapters)
            .emergencyStop(stop)
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
      assertThat(r.step("6_execute").orElseThrow().status()).isEqualTo(StepStatus.STOPPED);
      assertThat(r.actions())
          .filteredOn(a -> a.step().equals("6_execute"))
          .extracting(a -> a.action() + " " + a.result())
          .containsExactly("add_resource_limits APPLIED", "scale_deployment STOPPED");
      // The scale never reached the cluster; the memory change was undone.
      assertThat(h.cluster.operations())
          .containsExactly(
              "add_resource_limits default/api-service memory=512Mi",
              "add_resource_limits default/api-service memory=256Mi cpu=500m");
      assertThat(h.cluster.deployment("default", "api-service").replicas()).isEqualTo(3);
      assertThat(r.statusReason()).contains("rolled back 1 change(s)");
    }
  }

  /** {@code inner}, engaging {@code stop} once a forward change has been applied. */
  private static ActionAdapter engagingAfterApply(ActionAdapter inner, InMemoryEmergencyStop stop) {
    return new ActionAdapter() {
      @Override
      public Set<String> actions() {
        return inner.actions();
      }

      @Override
      public boolean supportsDryRun() {
        return inner.supportsDryRun();
      }

      @Override
      public Preparation prepare(PlannedAction action) {
        return inner.prepare(action);
      }

      @Override
      public ActionOutcome apply(MutationPermit permit) {
        ActionOutcome outcome = inner.apply(permit);
        if (permit.kind() == MutationPermit.Kind.FORWARD) {
          stop.engage("operator saw the memory change go out");
        }
        return outcome;
      }
    };
  }

  @Test
  void withoutRollbackOnStopTheChangesStayAndTheRunSaysSo() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    InMemoryEmergencyStop stop = new InMemoryEmergencyStop("operator");
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .emergencyStop(stop)
            .rollbackOnStop(false)
            .listener(flipAfter("6_execute", stop))
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
      assertThat(r.statusReason()).contains("this run's changes stay in place");
      assertThat(h.cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("512Mi");
    }
  }

  @Test
  void aStopEngagedBeforeAChangeKeepsTheChangeFromRunning() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    InMemoryEmergencyStop stop = new InMemoryEmergencyStop("operator");
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .emergencyStop(stop)
            .listener(flipAfter("5_approve", stop))
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
      assertThat(r.statusReason()).contains("this run had changed nothing");
      assertThat(h.cluster.operations()).isEmpty();
    }
  }

  @Test
  void thePolicysOwnStopRefusesTheChangeAndStopsTheRun() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    InMemoryEmergencyStop stop = new InMemoryEmergencyStop("shared");
    PolicyEngine policy =
        PolicyEngine.builder(Policy.seed()).clock(h.clock).emergencyStop(stop).build();
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .policy(policy)
            .listener(flipAfter("5_approve", stop))
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
      assertThat(r.actions())
          .last()
          .satisfies(
              a -> {
                assertThat(a.outcome()).isEqualTo("DENY");
                assertThat(a.rule()).startsWith("emergency_stop");
              });
      assertThat(h.cluster.operations()).isEmpty();
    }
  }

  @Test
  void aFileStopStopsTheRunWhileTheFileSaysSo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("STOP");
    Files.writeString(file, "INC-42: bad deploy\n");
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .emergencyStop(new FileEmergencyStop(file))
            .build()) {
      RunResult stopped =
          engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
      assertThat(stopped.statusReason()).contains("emergency stop 'file " + file + "' is engaged");

      Files.writeString(file, "released\n");
      RunResult released =
          engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      assertThat(released.status()).isEqualTo(RunStatus.COMPLETED);
    }
  }
}
