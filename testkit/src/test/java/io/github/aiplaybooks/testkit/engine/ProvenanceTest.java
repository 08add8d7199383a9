package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.approval.ApprovalRecord;
import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.playbook.ApproveSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.ActionOutcome;
import io.github.aiplaybooks.core.tool.FactsJson;
import io.github.aiplaybooks.core.tool.MutationPermit;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.Preparation;
import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model's outputs never stand in for trusted facts: a step output named like a trusted fact is
 * readable only as {@code step.name}, and a missing trusted fact stays missing.
 */
class ProvenanceTest {

  /** Restarts pods without being able to count what a restart touches: no blast_radius. */
  static final class BlindRestarter implements ActionAdapter {
    final AtomicInteger applied = new AtomicInteger();

    @Override
    public Set<String> actions() {
      return Set.of("restart_pod");
    }

    @Override
    public Preparation prepare(PlannedAction action) {
      return Preparation.builder()
          .facts(Facts.builder().put("namespace", action.target().namespace()).build())
          .restoresItself("its controller recreates the pod")
          .description("delete pod " + action.target().name())
          .build();
    }

    @Override
    public ActionOutcome apply(MutationPermit permit) {
      applied.incrementAndGet();
      return ActionOutcome.applied("deleted pod " + permit.planned().target().name());
    }
  }

  private static String restartPod() {
    return """
        {"action": "restart_pod",
         "target": {"kind": "Pod", "namespace": "default", "name": "api-service-r1-0"},
         "parameters": {}, "rationale": "A fresh pod may do."}
        """;
  }

  /** The facts a run's conditions read, as the engine builds them from its state. */
  private static Facts factsOf(RunState s) {
    return FactsJson.fromJson(s.trusted()).withDefaults(FactsJson.fromJson(s.outputs()));
  }

  @Test
  void aClaimedBlastRadiusNeverSatisfiesTheApproveStepWhenTheTrustedOneIsMissing() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    BlindRestarter restarter = new BlindRestarter();
    List<ActionAdapter> adapters = new ArrayList<>();
    h.cluster.adapters().stream()
        .filter(a -> !a.actions().contains("restart_pod"))
        .forEach(adapters::add);
    adapters.add(restarter);
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    ScriptedLlm llm =
        ScriptedLlm.builder()
            // The model claims the restart touches 3 pods: small enough to approve, if it counted.
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(restartPod())))
            .build();
    Playbook seed = SeedPlaybooks.load("autonomous-incident-response");
    try (PlaybookEngine engine = h.builder(llm, approvals, adapters).build()) {
      RunResult r = engine.run(seed, Fixtures.oomAlert());

      // The claim is kept under the step's name only.
      assertThat(r.state().outputs().get("classify.blast_radius").asInt()).isEqualTo(3);
      assertThat(r.state().outputs().has("blast_radius")).isFalse();
      assertThat(r.state().trusted().has("blast_radius")).isFalse();
      // An output that collides with nothing trusted keeps its bare name too.
      assertThat(r.state().outputs().has("affected_resources")).isTrue();
      assertThat(r.state().outputs().has("classify.affected_resources")).isTrue();

      // The seed's 5_approve conditions, on the facts the run's conditions read.
      ApproveSpec approve = (ApproveSpec) seed.step("approve").orElseThrow().spec();
      Condition small = approve.autoApproveIf().get(2);
      assertThat(small.source()).isEqualTo("blast_radius < 10_pods");
      Facts facts = factsOf(r.state());
      assertThat(small.evaluate(facts)).isEqualTo(Truth.UNKNOWN);
      assertThat(Condition.compile("classify.blast_radius < 10_pods").evaluate(facts))
          .isEqualTo(Truth.TRUE);

      // The decision: unknown blast radius, so a human decides (fail closed); denied, not run.
      RunState.ActionRecord restart = r.actions().get(0);
      assertThat(restart.action()).isEqualTo("restart_pod");
      assertThat(restart.outcome()).isEqualTo("REQUIRE_APPROVAL");
      // The policy's own rule asks, and so does the step's: neither reads the claim.
      assertThat(restart.rule()).isEqualTo("require_human_if[1]: blast_radius > 50_pods");
      assertThat(restart.reasons())
          .contains(
              "5_approve.require_human_if[1]: blast_radius > 50_pods cannot be decided (a fact is"
                  + " missing), so a human decides (fail closed)")
          .noneSatisfy(why -> assertThat(why).contains("auto_approve_if[2]"));
      assertThat(restart.trustedFacts().has("blast_radius")).isFalse();
      assertThat(restart.approval().status()).isEqualTo(ApprovalRecord.Status.DENIED);
      assertThat(approvals.requests()).hasSize(1);
      assertThat(restarter.applied).hasValue(0);
      assertThat(r.applied()).isEmpty();
    }
  }

  @Test
  void aConditionOnTheQualifiedNameReadsTheModelsClaimAndCanOnlyAskForAHuman() {
    ObjectNode json =
        (ObjectNode) Fixtures.json(SeedPlaybooks.json("autonomous-incident-response"));
    ArrayNode require = (ArrayNode) json.get("workflow").get("5_approve").get("require_human_if");
    require.add("classify.blast_radius > 50_pods");
    Playbook careful = Fixtures.playbook(json.toString());
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(60)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.scale(4))))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).build()) {
      RunResult r = engine.run(careful, Fixtures.oomAlert());

      RunState.ActionRecord scale = r.actions().get(0);
      // Trusted code counted 1 pod for 3 -> 4; the model claimed 60.
      assertThat(scale.trustedFacts().get("blast_radius").asInt()).isEqualTo(1);
      assertThat(scale.claimedFacts().get("classify.blast_radius").asInt()).isEqualTo(60);
      assertThat(scale.differences())
          .containsExactly("blast_radius: claimed 60 (classify.blast_radius), trusted 1");
      assertThat(scale.outcome()).isEqualTo("REQUIRE_APPROVAL");
      assertThat(scale.reasons())
          .contains(
              "5_approve.require_human_if[2]: classify.blast_radius > 50_pods holds, so a human"
                  + " decides");
      assertThat(approvals.requests()).hasSize(1);
      assertThat(h.cluster.deployment("default", "api-service").replicas()).isEqualTo(3);
    }
  }

  @Test
  void templatesReadTheAlertsOwnFieldsByBareNameAndTheModelsByQualifiedName() {
    Playbook p =
        Fixtures.playbook(
            """
            {"playbook": "tell", "workflow": {
              "1_detect": {"action": "receive_alert"},
              "2_classify": {"action": "analyze_alert", "extract": ["severity", "type"]},
              "3_notify": {"action": "alert_team", "channels": ["slack"],
                           "message": "alert says ${severity} ${type}; model says ${classify.severity} ${classify.type}"}
            }}
            """);
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_classify",
                ScriptedAnswer.json(
                    Fixtures.json(
                        """
                        {"severity": "P0", "type": "security", "affected_resources": [],
                         "blast_radius": 1, "summary": "Claims it is worse.", "confidence": 0.5}
                        """)))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      engine.run(p, Fixtures.oomAlert());

      assertThat(h.notifier.toChannel("slack"))
          .singleElement()
          .extracting(Notification::message)
          .isEqualTo("alert says P1 resource; model says P0 security");
    }
  }
}
