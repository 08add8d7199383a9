package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.engine.StepStatus;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import io.github.aiplaybooks.testkit.SimulatedCluster;
import org.junit.jupiter.api.Test;

/**
 * When the model is unusable, the run never acts on its answer: it routes on the alert's own
 * fields, takes only what the policy allows without a human, and escalates.
 */
class FallbackTest {
  /** api-service on a bad image, with the previous revision to roll back to. */
  static SimulatedCluster badRelease() {
    return SimulatedCluster.builder()
        .node("ip-10-0-1-1")
        .node("ip-10-0-1-2")
        .deployment("default", "api-service", 3, "api:v2.1.0", "512Mi")
        .previousRevision("default", "api-service", "api:v2.0.5", "512Mi")
        .badImage("api:v2.1.0")
        .build();
  }

  static TriggerEvent crashRateAlert() {
    return TriggerEvent.alert(
        Fixtures.json(
            """
            {"alert_name": "pod_crash_rate_high", "severity": "P0", "source": "prometheus",
             "type": "performance", "pod_crash_rate": 0.6, "namespace": "default",
             "deployment": "api-service", "pod": "api-service-r2-0"}
            """));
  }

  @Test
  void threeMalformedJsonAnswersTakeTheFallbackAndActOnNothingTheModelSaid() {
    SimulatedCluster cluster = badRelease();
    EngineHarness h = new EngineHarness(cluster);
    RecordingApprovalHandler approvals = RecordingApprovalHandler.approvingAll();

    // JSON cut off, a trailing comma, a bare word: each invalid JSON, and each naming an action
    // the model would like to see taken. None may be taken.
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_classify",
                ScriptedAnswer.text(
                    "{\"severity\": \"P0\", \"type\": \"security\", \"actions\": [\"drain_node\""))
            .onStep(
                "2_classify",
                ScriptedAnswer.text("{\"severity\": \"P0\", \"type\": \"performance\",}"))
            .onStep("2_classify", ScriptedAnswer.text("{severity: P0, delete_node: ip-10-0-1-1}"))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), crashRateAlert());

      assertThat(r.step("2_classify").orElseThrow().status()).isEqualTo(StepStatus.FALLBACK);
      assertThat(llm.requests()).hasSize(3);
      llm.verify();
      assertThat(r.state().route().basis()).isEqualTo("alert");
      // Only the routing table's action ran, decided on the alert's own fields.
      assertThat(r.applied())
          .singleElement()
          .satisfies(a -> assertThat(a.action()).isEqualTo("rollback_deployment"));
      assertThat(r.actions()).noneMatch(a -> a.action().equals("drain_node"));
      assertThat(r.actions()).noneMatch(a -> a.action().equals("delete_node"));
      assertThat(cluster.node("ip-10-0-1-1"))
          .hasValueSatisfying(n -> assertThat(n.cordoned()).isFalse());
      assertThat(cluster.operations())
          .singleElement()
          .satisfies(op -> assertThat(op).startsWith("rollback_deployment"));
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
      assertThat(h.audit.ofType(AuditEventType.FALLBACK)).hasSize(1);
    }
  }

  @Test
  void threeAnswersOutsideTheSchemaTakeTheFallbackThroughTheRoutingTable() {
    SimulatedCluster cluster = badRelease();
    EngineHarness h = new EngineHarness(cluster);
    assertThat(cluster.pods("default", "api-service")).noneMatch(p -> p.ready());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.approvingAll();

    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.text("It is probably the new release.").times(3))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), crashRateAlert());

      assertThat(r.step("2_classify").orElseThrow().status()).isEqualTo(StepStatus.FALLBACK);
      assertThat(r.step("2_classify").orElseThrow().summary())
          .contains("outside the schema 3 times");
      assertThat(r.step("4_decide").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(llm.requests()).hasSize(3);
      llm.verify();
      RunState.RouteRecord route = r.state().route();
      assertThat(route.basis()).isEqualTo("alert");
      assertThat(route.path())
          .containsExactly(
              "Severity = P0 (Critical)", "Type = Performance", "Pod Crash Rate > 50%");
      assertThat(route.runbook()).containsExactly("rollback_deployment");
      // Allowed without a human (severity == P0 AND off_hours == true): it ran.
      assertThat(r.applied())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo("rollback_deployment");
                assertThat(a.rule())
                    .isEqualTo("auto_approve_if[0]: severity == P0 AND off_hours == true");
              });
      assertThat(cluster.deployment("default", "api-service").image()).isEqualTo("api:v2.0.5");
      assertThat(approvals.requests()).isEmpty();
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
      assertThat(h.notifier.ofKind(Notification.Kind.ESCALATION))
          .singleElement()
          .satisfies(n -> assertThat(n.message()).contains("routed on the alert's own fields"));
      assertThat(h.audit.ofType(AuditEventType.FALLBACK)).hasSize(1);
      assertThat(r.report().classification().source()).isEqualTo("alert");
      assertThat(r.report().lessonsLearned().source()).isEqualTo("engine");
    }
  }

  @Test
  void aThrottledModelFallsBackAndLeavesWhatNeedsAHumanToAHuman() {
    Playbook nodes =
        Fixtures.playbook(
            """
            {"playbook": "node-down", "workflow": {
              "1_detect": {"action": "receive_alert"},
              "2_classify": {"action": "analyze_alert", "extract": ["severity", "type"]},
              "3_execute": {"action": "run_remediation"}
            },
            "routing": {"routes": [
              {"label": "Node not ready", "when": "alert_name == node_not_ready",
               "runbook": ["cordon_node", "delete_node", "notify"]}],
             "default": ["escalate"]}}
            """);
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.approvingAll();
    // Throttled, and still throttled when asked again twice (after 2 s, then 4 s).
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.failure(LlmFailure.Kind.THROTTLED).times(3))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).build()) {
      RunResult r =
          engine.run(
              nodes,
              TriggerEvent.alert(
                  Fixtures.json(
                      """
                      {"alert_name": "node_not_ready", "severity": "P1", "node": "ip-10-0-1-1"}""")));

      assertThat(r.step("2_classify").orElseThrow().summary()).contains("throttled");
      assertThat(llm.requests()).hasSize(3);
      assertThat(r.state().timeline())
          .extracting(RunState.TimelineEntry::event)
          .contains(
              "the model was throttled; asking again in 2s (retry 1 of 2)",
              "the model was throttled; asking again in 4s (retry 2 of 2)");
      assertThat(r.finishedAt())
          .isEqualTo(java.time.Instant.parse(Fixtures.OFF_HOURS).plusSeconds(6));
      assertThat(r.actions())
          .extracting(a -> a.action() + " " + a.result())
          .containsExactly("cordon_node APPLIED", "delete_node SKIPPED");
      assertThat(r.actions().get(1).detail())
          .contains("the fallback takes only actions the policy allows without a human");
      assertThat(approvals.requests()).isEmpty();
      assertThat(h.cluster.node("ip-10-0-1-1"))
          .hasValueSatisfying(n -> assertThat(n.cordoned()).isTrue());
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
    }
  }

  /** Routes only in a region the alert does not name: the table cannot decide. */
  static final Playbook REGIONAL =
      Fixtures.playbook(
          """
          {"playbook": "regional-node-down", "workflow": {
            "1_detect": {"action": "receive_alert"},
            "2_classify": {"action": "analyze_alert", "extract": ["severity", "type"]},
            "3_execute": {"action": "run_remediation"}
          },
          "routing": {"routes": [
            {"label": "Node not ready in eu-west-1",
             "when": "alert_name == node_not_ready AND region == 'eu-west-1'",
             "runbook": ["cordon_node"]}],
           "default": ["cordon_node"]}}
          """);

  static TriggerEvent nodeDownWithoutRegion() {
    return TriggerEvent.alert(
        Fixtures.json(
            """
            {"alert_name": "node_not_ready", "severity": "P1", "type": "availability",
             "source": "prometheus", "node": "ip-10-0-1-1"}"""));
  }

  @Test
  void anUndecidableRouteInTheFallbackTakesNoRoutedActionAndEscalatesWithTheReason() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.approvingAll();
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.text("No idea.").times(3))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).build()) {
      RunResult r = engine.run(REGIONAL, nodeDownWithoutRegion());

      assertThat(r.step("2_classify").orElseThrow().status()).isEqualTo(StepStatus.FALLBACK);
      RunState.RouteRecord route = r.state().route();
      assertThat(route.decided()).isFalse();
      assertThat(route.basis()).isEqualTo("alert");
      assertThat(route.runbook()).isEmpty();
      // Not the default route either: the region might have matched.
      assertThat(route.fallback()).isFalse();
      assertThat(route.undecided())
          .containsExactly("Node not ready in eu-west-1: fact 'region' is missing");
      // No routed action: nothing proposed, nothing changed, nobody asked.
      assertThat(r.state().proposals()).isEmpty();
      assertThat(r.actions()).isEmpty();
      assertThat(h.cluster.operations()).isEmpty();
      assertThat(h.cluster.node("ip-10-0-1-1"))
          .hasValueSatisfying(n -> assertThat(n.cordoned()).isFalse());
      assertThat(approvals.requests()).isEmpty();
      // Why, in the audit trail, on the timeline and to the human.
      assertThat(h.audit.ofType(AuditEventType.ROUTING))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.data().get("decided").asBoolean()).isFalse();
                assertThat(e.data().get("undecided").get(0).get("missing_facts").get(0).asString())
                    .isEqualTo("region");
                assertThat(e.data().get("undecided").get(0).get("condition").asString())
                    .isEqualTo("alert_name == node_not_ready AND region == 'eu-west-1'");
              });
      assertThat(h.audit.ofType(AuditEventType.FALLBACK))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.data().get("undecided").get(0).asString())
                      .contains("fact 'region' is missing"));
      assertThat(r.state().timeline())
          .extracting(RunState.TimelineEntry::event)
          .anySatisfy(
              event ->
                  assertThat(event)
                      .startsWith("routing table (alert): the routing table could not decide")
                      .contains("fact 'region' is missing"));
      assertThat(h.notifier.ofKind(Notification.Kind.ESCALATION))
          .singleElement()
          .satisfies(
              n ->
                  assertThat(n.message())
                      .contains("the routing table could not decide")
                      .contains("fact 'region' is missing")
                      .contains("leaves the incident to you"));
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
    }
  }

  @Test
  void anUndecidableRouteAfterTheClassificationEscalatesWithTheReason() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_classify",
                ScriptedAnswer.json(
                    Fixtures.json(
                        """
                        {"severity": "P1", "type": "availability", "affected_resources": [],
                         "blast_radius": 0, "summary": "A node is down.", "confidence": 0.8}
                        """)))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.approvingAll()).build()) {
      RunResult r = engine.run(REGIONAL, nodeDownWithoutRegion());

      assertThat(r.step("2_classify").orElseThrow().status()).isEqualTo(StepStatus.COMPLETED);
      assertThat(r.state().route().basis()).isEqualTo("classification");
      assertThat(r.state().route().undecided())
          .containsExactly("Node not ready in eu-west-1: fact 'region' is missing");
      assertThat(h.audit.ofType(AuditEventType.ROUTING))
          .singleElement()
          .satisfies(e -> assertThat(e.data().get("basis").asString()).isEqualTo("classification"));
      assertThat(r.state().escalations())
          .singleElement()
          .satisfies(
              why ->
                  assertThat(why)
                      .contains("the routing table could not decide")
                      .contains("no routed action is taken"));
      assertThat(r.state().proposals()).isEmpty();
      assertThat(h.cluster.operations()).isEmpty();
    }
  }
}
