package io.github.aiplaybooks.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class IncidentReportTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant T0 = Instant.parse("2024-01-01T03:00:00Z");

  private static IncidentReport report(List<String> sections, boolean dryRun) {
    return new IncidentReport(
        "run-1",
        "security-optimization",
        "COMPLETED_WITH_DENIALS",
        dryRun,
        "schedule at 2024-01-01T02:00:00Z",
        T0,
        T0.plusSeconds(42),
        "One fix applied, one refused.",
        sections,
        List.of(new IncidentReport.TimelineEntry(T0, "1_scan", "scanned | 3 sources")),
        null,
        null,
        List.of(
            new IncidentReport.ActionEntry(
                "4_remediate",
                "apply_network_policy",
                "namespace dev",
                "apply a default-deny policy",
                "plan",
                "ALLOW",
                "APPLIED",
                "applied",
                "delete network policy default-deny")),
        List.of(
            new IncidentReport.DecisionEntry(
                "4_remediate",
                "modify_rbac",
                "role ops/admin",
                "DENY",
                "rate_limits.rbac_changes: 1 per hour",
                List.of("rate limit reached"),
                JsonNodeFactory.instance.objectNode().put("blast_radius", 0),
                JsonNodeFactory.instance.objectNode().put("blast_radius", 5),
                List.of("blast_radius: claimed 5, trusted 0"))),
        List.of(),
        List.of(),
        List.of(),
        new IncidentReport.Budget(
            3, 40, 1200, 400_000, 7, 200, Duration.ofSeconds(42), Duration.ofMinutes(30), null),
        List.of(),
        new IncidentReport.Lessons(
            List.of("Keep a default-deny policy in every namespace."), "engine"),
        Map.of(
            "fixed_issues", JSON.readTree("[\"apply_network_policy on namespace dev\"]"),
            "recommendations", JSON.readTree("{\"rotate\": \"the ops admin token\"}")));
  }

  @Test
  void theIncludeListPicksTheSectionsAndTheSafetyRecordIsAlwaysThere() {
    IncidentReport r = report(List.of("fixed_issues", "remaining_risks", "recommendations"), false);
    assertThat(r.renderedSections())
        .containsExactly("fixed_issues", "remaining_risks", "recommendations", "decisions");
    var json = r.toJson();
    assertThat(json.get("fixed_issues").get(0).asString())
        .isEqualTo("apply_network_policy on namespace dev");
    assertThat(json.get("remaining_risks").isNull()).isTrue();
    assertThat(json.get("decisions").get(0).get("differences").get(0).asString())
        .isEqualTo("blast_radius: claimed 5, trusted 0");
    assertThat(json.has("timeline")).isFalse();
    assertThat(json.has("remediation")).isFalse();
  }

  @Test
  void theMarkdownHasATitleASummaryAndEachSection() {
    String md =
        report(
                List.of(
                    "timeline",
                    "remediation",
                    "budget",
                    "lessons_learned",
                    "fixed_issues",
                    "recommendations"),
                true)
            .toMarkdown();
    assertThat(md)
        .startsWith("# Incident report: security-optimization — COMPLETED_WITH_DENIALS\n")
        .contains("> **Dry run:** nothing was changed.")
        .contains("| run | run-1 |")
        .contains("One fix applied, one refused.")
        .contains("## Timeline")
        .contains("| 2024-01-01T03:00:00Z | 1_scan | scanned \\| 3 sources |")
        .contains(
            "| 4_remediate | apply_network_policy | namespace dev | ALLOW | APPLIED | applied | delete network policy default-deny |")
        .contains("| model calls | 3 | 40 |")
        .contains("| wall time | 42s | 30m |")
        .contains("- Keep a default-deny policy in every namespace.")
        .contains("## Fixed issues\n\n- apply_network_policy on namespace dev")
        .contains("## Recommendations\n\n```json")
        .contains("### DENY: modify_rbac on role ops/admin")
        .contains("- **differs**: blast_radius: claimed 5, trusted 0");
  }

  @Test
  void theFullJsonReadsBack() {
    IncidentReport r = report(List.of("timeline"), false);
    assertThat(IncidentReport.fromJson(r.toFullJson())).isEqualTo(r);
  }
}
