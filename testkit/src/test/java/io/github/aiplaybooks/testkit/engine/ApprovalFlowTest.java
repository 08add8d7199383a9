package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.approval.ApprovalRecord;
import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.testkit.FakeScheduler;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Auto-approved actions run; actions that need a human wait for one, and run only if approved. */
class ApprovalFlowTest {

  /** Decide, approve, execute, report: no verification, so a denial is only a denial. */
  static final Playbook REMEDIATE =
      Fixtures.playbook(
          """
          {"playbook": "remediate", "workflow": {
            "1_detect": {"action": "receive_alert"},
            "2_decide": {"action": "determine_remediation", "output": "remediation_plan"},
            "3_approve": {"action": "check_approval_required",
                          "require_human_if": ["blast_radius > 2_pods"]},
            "4_execute": {"action": "run_remediation", "with_rollback": true},
            "5_document": {"action": "create_incident_report", "include": ["timeline", "remediation"]}
          }}
          """);

  private static ScriptedLlm raiseMemory() {
    return ScriptedLlm.builder()
        .onStep("2_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
        .build();
  }

  @Test
  void anAutoApprovedActionRunsWithoutAskingAnyone() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .onStep(
                "8_document",
                ScriptedAnswer.json(
                    Fixtures.json(
                        "{\"lessons_learned\": [\"Size memory limits from peak usage.\"]}")))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(approvals.requests()).isEmpty();
      assertThat(r.applied())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo("add_resource_limits");
                assertThat(a.outcome()).isEqualTo("ALLOW");
                assertThat(a.rule()).isEqualTo("auto_approve[2]: add_resource_limits");
                assertThat(a.inverse().parameters().get("memory").asString()).isEqualTo("256Mi");
              });
      assertThat(h.cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("512Mi");
      assertThat(h.cluster.pods("default", "api-service")).allMatch(p -> p.ready());
      assertThat(r.report().lessonsLearned().items())
          .containsExactly("Size memory limits from peak usage.");
      assertThat(r.report().lessonsLearned().source()).isEqualTo("model");
      llm.verify();
    }
  }

  @Test
  void anActionThatNeedsAHumanWaitsAndRunsOnceApproved() throws Exception {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    FakeScheduler manual = FakeScheduler.manual(h.clock);
    RecordingApprovalHandler approvals = RecordingApprovalHandler.manual();
    try (PlaybookEngine engine = h.builder(raiseMemory(), approvals).scheduler(manual).build()) {
      CompletableFuture<RunResult> run = engine.runAsync(REMEDIATE, Fixtures.oomAlert());

      RecordingApprovalHandler.Pending pending = approvals.next(Duration.ofSeconds(10));
      assertThat(pending.request().action()).isEqualTo("add_resource_limits");
      assertThat(pending.request().rule())
          .isEqualTo("3_approve.require_human_if[0]: blast_radius > 2_pods");
      assertThat(pending.request().trustedFacts().get("blast_radius").asInt()).isEqualTo(3);
      assertThat(pending.request().inverse()).contains("256Mi");
      assertThat(pending.request().deadline())
          .isEqualTo(h.clock.instant().plus(Duration.ofMinutes(15)));
      // The run waits: nothing changed yet.
      assertThat(run).isNotDone();
      assertThat(h.cluster.operations()).isEmpty();

      pending.approve("alice");
      RunResult r = run.get(10, TimeUnit.SECONDS);

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(h.cluster.operations())
          .containsExactly("add_resource_limits default/api-service memory=512Mi");
      RunState.ActionRecord executed = r.applied().get(0);
      assertThat(executed.outcome()).isEqualTo("REQUIRE_APPROVAL");
      assertThat(executed.approval().status()).isEqualTo(ApprovalRecord.Status.APPROVED);
      assertThat(executed.approval().response().approver()).isEqualTo("alice");
      // Asked once, in the approve step; the execute step used that approval.
      assertThat(approvals.requests()).hasSize(1);
      assertThat(h.audit.ofType(AuditEventType.APPROVAL)).hasSize(2);
    }
  }

  @Test
  void aDeniedActionIsSkippedAndTheRunGoesOnToItsReport() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    try (PlaybookEngine engine = h.builder(raiseMemory(), approvals).build()) {
      RunResult r = engine.run(REMEDIATE, Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_DENIALS);
      assertThat(h.cluster.operations()).isEmpty();
      assertThat(h.tools.liveMutations()).isEmpty();
      assertThat(r.actions())
          .extracting(RunState.ActionRecord::result)
          .containsOnly("NOT_APPROVED");
      assertThat(r.step("5_document").orElseThrow().status().name()).isEqualTo("COMPLETED");
      assertThat(r.report().remediation())
          .singleElement()
          .satisfies(a -> assertThat(a.result()).isEqualTo("NOT_APPROVED"));
      assertThat(h.audit.ofType(AuditEventType.MUTATION)).isEmpty();
    }
  }

  @Test
  void noAnswerByTheDeadlineIsADenialEnforcedByTheEnginesClock() throws Exception {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    FakeScheduler manual = FakeScheduler.manual(h.clock);
    RecordingApprovalHandler approvals = RecordingApprovalHandler.manual();
    try (PlaybookEngine engine =
        h.builder(raiseMemory(), approvals)
            .scheduler(manual)
            .approvalTimeout(Duration.ofMinutes(10))
            .build()) {
      CompletableFuture<RunResult> run = engine.runAsync(REMEDIATE, Fixtures.oomAlert());
      approvals.next(Duration.ofSeconds(10));
      manual.awaitScheduled(1, Duration.ofSeconds(10));
      assertThat(manual.dueTimes()).containsExactly(h.clock.instant().plus(Duration.ofMinutes(10)));

      manual.advance(Duration.ofMinutes(9));
      assertThat(run).isNotDone();
      manual.advance(Duration.ofMinutes(2));
      RunResult r = run.get(10, TimeUnit.SECONDS);

      assertThat(r.actions())
          .extracting(RunState.ActionRecord::result)
          .containsOnly("APPROVAL_TIMED_OUT");
      assertThat(r.actions().get(0).approval().status()).isEqualTo(ApprovalRecord.Status.TIMED_OUT);
      assertThat(h.cluster.operations()).isEmpty();
      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_DENIALS);
    }
  }

  @Test
  void aHandlerThatFailsIsADenial() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RecordingApprovalHandler approvals =
        RecordingApprovalHandler.answering(
            request -> {
              throw new IllegalStateException("the approval service is down");
            });
    try (PlaybookEngine engine = h.builder(raiseMemory(), approvals).build()) {
      RunResult r = engine.run(REMEDIATE, Fixtures.oomAlert());
      assertThat(r.actions().get(0).approval().status()).isEqualTo(ApprovalRecord.Status.FAILED);
      assertThat(r.actions().get(0).approval().error()).contains("the approval service is down");
      assertThat(h.cluster.operations()).isEmpty();
    }
  }

  @Test
  void stepRulesExtendThePolicyButNeverLoosenIt() {
    // delete_node is in the seed policy's require_approval: an approve step that says
    // auto_approve_if action == delete_node cannot allow it.
    Playbook p =
        Fixtures.playbook(
            """
            {"playbook": "loosen", "workflow": {
              "1_detect": {"action": "receive_alert"},
              "2_decide": {"action": "determine_remediation"},
              "3_approve": {"action": "check_approval_required",
                            "auto_approve_if": ["action IN ['delete_node', 'cordon_node']"]},
              "4_execute": {"action": "run_remediation"}
            }}
            """);
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_decide",
                ScriptedAnswer.json(
                    Fixtures.plan(
                        """
                        {"action": "delete_node", "target": {"kind": "Node", "name": "ip-10-0-1-1"},
                         "parameters": {}, "rationale": "x"}""",
                        """
                        {"action": "cordon_node", "target": {"kind": "Node", "name": "ip-10-0-1-2"},
                         "parameters": {}, "rationale": "y"}""")))
            .build();
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    try (PlaybookEngine engine =
        h.builder(llm, approvals)
            .policy(Policy.builder().requireApproval("delete_node").build())
            .build()) {
      RunResult r = engine.run(p, Fixtures.oomAlert().withContext("severity", "P1"));

      RunState.ActionRecord delete =
          r.actions().stream()
              .filter(a -> a.action().equals("delete_node"))
              .findFirst()
              .orElseThrow();
      assertThat(delete.outcome()).isEqualTo("REQUIRE_APPROVAL");
      assertThat(delete.rule()).isEqualTo("require_approval[0]: delete_node");
      // cordon_node matches no rule of this policy (default.approval): the step's auto rule allows
      // it.
      RunState.ActionRecord cordon = r.applied().get(0);
      assertThat(cordon.action()).isEqualTo("cordon_node");
      assertThat(cordon.rule()).startsWith("3_approve.auto_approve_if[0]");
      assertThat(h.cluster.node("ip-10-0-1-1")).isPresent();
      assertThat(h.cluster.node("ip-10-0-1-2").orElseThrow().cordoned()).isTrue();
    }
  }
}
