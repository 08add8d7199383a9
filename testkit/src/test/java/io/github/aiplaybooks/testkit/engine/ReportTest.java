package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.llm.LlmJson;
import io.github.aiplaybooks.core.report.IncidentReport;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import io.github.aiplaybooks.testkit.SimulatedCluster;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The incident report, as JSON and Markdown: its sections, its facts, and no secrets. */
class ReportTest {
  static final String SECRET_KEY = "AKIAIOSFODNN7EXAMPLE";

  private RunResult oomRun(EngineHarness h, int claimedBlastRadius) {
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(claimedBlastRadius)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .onStep(
                "8_document",
                ScriptedAnswer.json(
                    Fixtures.json(
                        "{\"lessons_learned\": [\"Set memory limits from observed peaks plus headroom.\"]}")))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      return engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
    }
  }

  @Test
  void theJsonHasThePlaybooksSectionsAndTheSafetyRecord() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RunResult r = oomRun(h, 3);
    ObjectNode json = r.report().toJson();

    assertThat(json.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(json.get("run_id").asString()).isEqualTo(r.runId());
    // The seed's include list, then the safety record that had content.
    assertThat(json.get("sections").valueStream().map(n -> n.asString()))
        .containsExactly(
            "timeline",
            "root_cause",
            "remediation",
            "lessons_learned",
            "decisions",
            "verification");
    assertThat(json.has("budget")).isFalse();
    assertThat(json.has("classification")).isFalse();
    assertThat(json.get("root_cause").asString()).contains("256Mi is below the 280Mi");
    assertThat(json.get("remediation").get(0).get("result").asString()).isEqualTo("APPLIED");
    assertThat(json.get("remediation").get(0).get("inverse").asString())
        .contains("add_resource_limits")
        .contains("256Mi");
    assertThat(json.get("decisions").get(0).get("rule").asString())
        .isEqualTo("auto_approve[2]: add_resource_limits");
    assertThat(json.get("decisions").get(0).get("trusted_facts").get("blast_radius").asInt())
        .isEqualTo(3);
    assertThat(json.get("verification").get(0).get("check").asString()).isEqualTo("alert_cleared");
    assertThat(json.get("lessons_learned").get("items").get(0).asString())
        .isEqualTo("Set memory limits from observed peaks plus headroom.");
    assertThat(json.get("timeline").size()).isGreaterThan(5);
    // The whole report reads back.
    assertThat(IncidentReport.fromJson(r.report().toFullJson())).isEqualTo(r.report());
  }

  @Test
  void whereTheModelsClaimsDifferFromTheTrustedFactsTheReportShowsBoth() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    RunResult r = oomRun(h, 1);

    IncidentReport.DecisionEntry d = r.report().decisions().get(0);
    assertThat(d.trustedFacts().get("blast_radius").asInt()).isEqualTo(3);
    // The model's claim is named for the step that made it, never as the trusted fact.
    assertThat(d.claimedFacts().has("blast_radius")).isFalse();
    assertThat(d.claimedFacts().get("classify.blast_radius").asInt()).isEqualTo(1);
    assertThat(d.differences())
        .containsExactly("blast_radius: claimed 1 (classify.blast_radius), trusted 3");
    String md = r.report().toMarkdown();
    assertThat(md)
        .contains("# Incident report: autonomous-incident-response — COMPLETED")
        .contains("## Remediation")
        .contains(
            "| 6_execute | add_resource_limits | deployment default/api-service | ALLOW | APPLIED |")
        .contains("- **differs**: blast_radius: claimed 1 (classify.blast_radius), trusted 3")
        .contains("## Lessons learned")
        .contains("_Source: model._");
  }

  @Test
  void secretsInTheAlertAndTheLogsReachNeitherTheModelNorTheAuditNorTheReport() {
    SimulatedCluster cluster =
        Fixtures.oomCluster()
            .logs(
                "default",
                "api-service",
                "connecting with AWS_ACCESS_KEY_ID=" + SECRET_KEY + " password=hunter2\nOOMKilled");
    EngineHarness h = new EngineHarness(cluster);
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .build();
    TriggerEvent alert = Fixtures.oomAlert().withContext("db_password", "hunter2");
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), alert);

      String prompts = LlmJson.writeString(llm.requests());
      assertThat(prompts)
          .contains("OOMKilled")
          .doesNotContain(SECRET_KEY)
          .doesNotContain("hunter2");
      for (AuditEvent e : r.auditEvents()) {
        assertThat(e.toJson().toString()).doesNotContain(SECRET_KEY).doesNotContain("hunter2");
      }
      assertThat(r.report().toMarkdown()).doesNotContain(SECRET_KEY).doesNotContain("hunter2");
      assertThat(r.report().toFullJson().toString())
          .doesNotContain(SECRET_KEY)
          .doesNotContain("hunter2");
      assertThat(r.state().evidence()).anySatisfy(e -> assertThat(e.text()).contains("[REDACTED:"));
    }
  }

  @Test
  void aPlaybookWithoutAReportStepGetsTheDefaultSections() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r =
          engine.run(
              Fixtures.playbook(
                  """
                  {"playbook": "no-report", "workflow": {
                    "1_detect": {"action": "receive_alert"},
                    "2_decide": {"action": "determine_remediation"},
                    "3_execute": {"action": "run_remediation"}}}
                  """),
              Fixtures.oomAlert());
      assertThat(r.report().sections()).isEqualTo(IncidentReport.DEFAULT_SECTIONS);
      assertThat(r.report().toMarkdown())
          .contains("## Budget")
          .contains("| model calls | 1 | 40 |");
      assertThat(r.report().lessonsLearned().source()).isEqualTo("engine");
    }
  }
}
