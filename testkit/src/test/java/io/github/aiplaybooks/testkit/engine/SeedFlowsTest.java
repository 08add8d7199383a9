package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.engine.StepResult;
import io.github.aiplaybooks.core.engine.StepStatus;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.ToolResult;
import io.github.aiplaybooks.testkit.FakeToolProvider;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import io.github.aiplaybooks.testkit.SimulatedCluster;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The step kinds the incident-response tests do not reach — health check, compare, decide by
 * conditions, an execute step that is itself an action, notify, forecast, plan, assess, execute
 * with {@code if} and {@code auto_apply_if}, and report sections — through three seed playbooks.
 */
class SeedFlowsTest {

  @Test
  void automatedRollbackChecksComparesDecidesRollsBackVerifiesAndNotifies() {
    SimulatedCluster cluster = FallbackTest.badRelease();
    EngineHarness h = new EngineHarness(cluster);
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_analyze",
                ScriptedAnswer.json(
                    Fixtures.json(
                        """
                        {"summary": "v2.1.0 fails on start; v2.0.5 was healthy.",
                         "metrics": {"error_rate": {"current": 0.35, "previous": 0.002, "increase": 174},
                                     "latency": {"current": 2400, "previous": 120, "increase": 19},
                                     "cpu": {"current": 0.2, "previous": 0.3, "increase": -0.33},
                                     "memory": {"current": 0.4, "previous": 0.4, "increase": 0}},
                         "regression": true, "confidence": 0.95}""")))
            .onStep(
                "6_investigate",
                ScriptedAnswer.json(
                    Fixtures.json(
                        """
                        {"summary": "The release crashes at start.",
                         "root_cause": "v2.1.0 reads a config key that v2.0.5's config does not have."}""")))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r =
          engine.run(
              Fixtures.seed("automated-rollback"),
              TriggerEvent.healthCheckFailure(
                  Map.of("namespace", "default", "deployment", "api-service")));

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.step("1_detect").orElseThrow().summary())
          .startsWith("unhealthy: pod_ready_rate > 80% is");
      assertThat(r.state().outputs().get("error_rate_increase").asInt()).isEqualTo(174);
      assertThat(r.step("3_decide").orElseThrow().summary())
          .startsWith("proceed: rollback_if holds");
      RunState.ActionRecord rollback = r.applied().get(0);
      assertThat(rollback.action()).isEqualTo("rollback_deployment");
      assertThat(rollback.target()).isEqualTo(Target.of("deployment", "default", "api-service"));
      assertThat(cluster.deployment("default", "api-service").image()).isEqualTo("api:v2.0.5");
      assertThat(r.step("4_execute").orElseThrow().summary())
          .contains("verified: pod_ready_rate > 80% true");
      assertThat(h.notifier.ofKind(Notification.Kind.MESSAGE))
          .extracting(Notification::channel, Notification::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "slack", "Auto-rollback executed: api-service v2.1.0 → v2.0.5"),
              org.assertj.core.groups.Tuple.tuple(
                  "pagerduty", "Auto-rollback executed: api-service v2.1.0 → v2.0.5"));
      assertThat(r.state().rootCause()).contains("config key");
      assertThat(r.state().outputs().has("incident_report")).isTrue();
      // The investigation gathered the evidence kinds it names, with read-only tools.
      assertThat(h.tools.calls())
          .extracting(c -> c.tool())
          .contains("kubectl_events", "cloudwatch_get_metric_data");
    }
  }

  @Test
  void automatedRollbackDoesNothingWhenTheDeploymentIsHealthyAgain() {
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .node("n1")
            .deployment("default", "api-service", 3, "api:v2.1.0", "512Mi")
            .build();
    EngineHarness h = new EngineHarness(cluster);
    ScriptedLlm llm = ScriptedLlm.builder().build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r =
          engine.run(
              Fixtures.seed("automated-rollback"),
              TriggerEvent.healthCheckFailure(
                  Map.of("namespace", "default", "deployment", "api-service")));
      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.statusReason()).isEqualTo("every health check holds again: nothing to do");
      assertThat(r.step("2_analyze").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(llm.requests()).isEmpty();
    }
  }

  private static ScriptedLlm scaling(double confidence) {
    return ScriptedLlm.builder()
        .onStep(
            "2_analyze",
            ScriptedAnswer.json(
                Fixtures.json("{\"summary\": \"Traffic doubles every weekday at 09:00 UTC.\"}")))
        .onStep(
            "3_predict",
            ScriptedAnswer.json(
                Fixtures.json(
                    """
                    {"predicted_load": 1400, "predicted_load_increase": 0.4, "confidence": %s,
                     "horizon": "next_4_hours", "summary": "The morning peak."}"""
                        .formatted(confidence))))
        .onStep(
            "4_recommend",
            ScriptedAnswer.json(
                Fixtures.json(
                    """
                    {"summary": "Scale api-service before the peak.",
                     "actions": [
                       {"action": "scale_deployment",
                        "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
                        "parameters": {"replicas": 5}, "rationale": "40%% more load"},
                       {"action": "scale_deployment",
                        "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
                        "parameters": {"replicas": 150}, "rationale": "to be safe"}],
                     "cost_increase": 0.1, "confidence": %s}"""
                        .formatted(confidence))))
        .build();
  }

  @Test
  void predictiveScalingForecastsPlansWithinItsConstraintsAndScalesOnlyIfConfident() {
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .node("n1")
            .deployment("default", "api-service", 3, "api:v2.0.5", "512Mi")
            .build()
            .fact("default", "api-service", "cpu_utilization", 0.71)
            .fact("default", "api-service", "request_rate", 1000)
            // Trusted code (a forecasting service behind the fact source) rates the forecast.
            .fact("default", "api-service", "confidence", 0.9);
    EngineHarness h = new EngineHarness(cluster);
    try (PlaybookEngine engine =
        h.builder(scaling(0.9), RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("predictive-scaling"), scalingTick());

      assertThat(r.state().trusted().get("cpu_utilization").asString()).isEqualTo("0.71");
      assertThat(r.state().trusted().get("collect.cpu_utilization").asString()).isEqualTo("0.71");
      assertThat(r.state().outputs().get("predicted_load_increase").asDouble()).isEqualTo(0.4);
      assertThat(r.state().trusted().get("confidence").asDouble()).isEqualTo(0.9);
      assertThat(r.state().proposals())
          .extracting(RunState.Proposal::status)
          .containsExactly(RunState.ProposalStatus.DONE, RunState.ProposalStatus.REJECTED);
      assertThat(r.state().proposals().get(1).note()).contains("max_replicas <= 100");
      assertThat(r.applied())
          .singleElement()
          .satisfies(a -> assertThat(a.description()).contains("from 3 to 5"));
      assertThat(r.state().proposals().get(0).action().method()).isEqualTo("gradual_scale_up");
      assertThat(cluster.deployment("default", "api-service").replicas()).isEqualTo(5);
      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_DENIALS);
    }
    EngineHarness unsure =
        new EngineHarness(
            FallbackTest.badRelease().fact("default", "api-service", "confidence", 0.6));
    try (PlaybookEngine engine =
        unsure.builder(scaling(0.9), RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("predictive-scaling"), scalingTick());
      assertThat(r.step("5_execute").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      // The model's 0.9 does not count: the trusted 0.6 does.
      assertThat(r.step("5_execute").orElseThrow().summary())
          .contains("if does not hold")
          .contains("confidence");
      assertThat(unsure.cluster.operations()).isEmpty();
    }
  }

  @Test
  void theModelsConfidenceNeverStandsInForTheTrustedOne() {
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .node("n1")
            .deployment("default", "api-service", 3, "api:v2.0.5", "512Mi")
            .build();
    EngineHarness h = new EngineHarness(cluster);
    try (PlaybookEngine engine =
        h.builder(scaling(0.99), RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("predictive-scaling"), scalingTick());

      // The forecast's confidence is the model's claim, readable only as predict.confidence.
      assertThat(r.state().outputs().get("predict.confidence").asDouble()).isEqualTo(0.99);
      assertThat(r.state().outputs().has("confidence")).isFalse();
      assertThat(r.state().trusted().has("confidence")).isFalse();
      StepResult execute = r.step("5_execute").orElseThrow();
      assertThat(execute.status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(execute.summary()).contains("cannot be decided").contains("confidence");
      assertThat(cluster.operations()).isEmpty();
      // Not knowing is not "no": the run hands the decision to a human.
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
      assertThat(r.state().escalations())
          .singleElement()
          .satisfies(e -> assertThat(e).contains("5_execute").contains("confidence"));
    }
  }

  /** The schedule's tick, about api-service in default. */
  private static TriggerEvent scalingTick() {
    return TriggerEvent.schedule(Instant.parse(Fixtures.OFF_HOURS))
        .withContext("namespace", "default")
        .withContext("deployment", "api-service");
  }

  private static ScriptedLlm savings() {
    return ScriptedLlm.builder()
        .onStep(
            "2_identify",
            ScriptedAnswer.json(
                Fixtures.json(
                    """
                    {"summary": "api-service requests far more memory than it uses.",
                     "findings": [{"category": "oversized_pods", "description": "api-service uses 300Mi of 1Gi",
                                   "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"}}],
                     "actions": [], "confidence": 0.8}""")))
        .onStep(
            "3_recommend",
            ScriptedAnswer.json(
                Fixtures.json(
                    """
                    {"summary": "Rightsize api-service.",
                     "actions": [{"action": "rightsize_pod",
                                  "target": {"kind": "Deployment", "namespace": "default", "name": "api-service"},
                                  "parameters": {"memory": "512Mi"}, "rationale": "uses 300Mi"}],
                     "savings": "$120/month", "confidence": 0.8}""")))
        .build();
  }

  @Test
  void costOptimizationAppliesOnlyWhenTrustedFactsSatisfyAutoApplyIf() {
    FakeToolProvider cost =
        FakeToolProvider.builder()
            .readTool("costexplorer_get_cost_and_usage", "get_cost_and_usage")
            .respond(
                "costexplorer_get_cost_and_usage",
                ToolResult.json(
                    Fixtures.json("{\"compute\": 5200, \"storage\": 800, \"network\": 300}")))
            .build();
    Target api = Target.of("deployment", "default", "api-service");
    TriggerEvent monday = TriggerEvent.schedule(Instant.parse(Fixtures.OFF_HOURS));

    // The model claims $120/month, but auto_apply_if reads only trusted facts: a human is asked.
    SimulatedCluster claimsOnly =
        SimulatedCluster.builder()
            .node("n1")
            .deployment("default", "api-service", 3, "api:v1", "1Gi")
            .build();
    EngineHarness h1 = new EngineHarness(claimsOnly, cost);
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    try (PlaybookEngine engine = h1.builder(savings(), approvals).build()) {
      RunResult r = engine.run(Fixtures.seed("cost-optimization"), monday);
      assertThat(r.actions())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.outcome()).isEqualTo("REQUIRE_APPROVAL");
                assertThat(a.rule()).isEqualTo("4_execute.auto_apply_if (all of)");
                assertThat(a.result()).isEqualTo("NOT_APPROVED");
              });
      assertThat(claimsOnly.deployment("default", "api-service").memoryLimit()).isEqualTo("1Gi");
    }

    // With the savings, the risk and the approval exemption as trusted facts, it applies.
    SimulatedCluster trusted =
        SimulatedCluster.builder()
            .node("n1")
            .deployment("default", "api-service", 3, "api:v1", "1Gi")
            .build();
    trusted.trustedFact(api, "savings", "$120/month");
    trusted.trustedFact(api, "risk", "low");
    trusted.trustedFact(api, "approval_not_required", true);
    EngineHarness h2 = new EngineHarness(trusted, cost);
    try (PlaybookEngine engine =
        h2.builder(savings(), RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("cost-optimization"), monday);

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.applied())
          .singleElement()
          .satisfies(a -> assertThat(a.action()).isEqualTo("rightsize_pod"));
      assertThat(trusted.deployment("default", "api-service").memoryLimit()).isEqualTo("512Mi");
      assertThat(r.state().outputs().get("oversized_pods").get(0).asString())
          .contains("300Mi of 1Gi");
      assertThat(r.report().sections())
          .containsExactly("current_spend", "optimizations_applied", "projected_savings");
      assertThat(r.report().extra().get("current_spend").get("compute").asInt()).isEqualTo(5200);
      assertThat(r.report().extra().get("optimizations_applied").get(0).asString())
          .isEqualTo("rightsize_pod on deployment default/api-service");
      assertThat(r.report().extra().get("projected_savings").asString()).isEqualTo("$120/month");
      assertThat(r.report().toMarkdown())
          .contains("## Current spend")
          .contains("## Projected savings");
    }
  }
}
