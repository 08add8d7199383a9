package io.github.aiplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ExplainCommandTest {

  @Test
  void explainsASeedPlaybookByNameWithEveryConditionNormalized() {
    CliRun run = CliRun.run("explain", "autonomous-incident-response");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "  trigger: alert of severity P0, P1 from cloudwatch, prometheus, guardduty, security_hub\n")
        .contains(
            "  5_approve  check_approval_required\n"
                + "      auto_approve_if (any of):\n"
                + "        severity == P0 AND off_hours == true\n"
                + "        action IN ['restart_pod', 'scale_deployment']\n"
                + "        blast_radius < 10_pods\n"
                + "      require_human_if (any of):\n")
        .contains("      GuardDuty Finding: source == guardduty → isolate_pod, notify\n")
        .contains("routing (depth first, the first leaf whose conditions all hold; else escalate)")
        .contains(
            "actions it may take (each still passes the policy engine)\n"
                + "  6_execute  run_remediation: add_resource_limits, apply_network_policy,"
                + " clean_logs, describe, escalate, events, expand_pvc, get_findings,"
                + " get_metric_data, get_traces, isolate_pod, logs, notify, rightsize_pod,"
                + " rollback_deployment, scale_deployment, scale_nodegroup (the routing's"
                + " runbooks)\n");
  }

  @Test
  void explainsAFileAndNormalizesItsConditions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        "playbook: p\n"
            + "workflow:\n"
            + "  1_detect: {action: receive_alert}\n"
            + "  2_act:\n"
            + "    action: apply_optimizations\n"
            + "    auto_apply_if: ['savings>$50/month', 'risk==low and not off_hours']\n");

    CliRun run = CliRun.run("explain", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "      auto_apply_if (all of):\n"
                + "        savings > $50/month\n"
                + "        risk == low AND NOT off_hours\n");
  }

  @Test
  void drawsAMermaidFlowchartWithEveryLabelQuotedAndEscaped() {
    CliRun run = CliRun.run("explain", "automated-rollback", "--format", "mermaid");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith(
            "flowchart TD\n  trigger([\"health check every 30s fails: pod_ready_rate #gt; 80%")
        .contains(
            "  s3{{\"3_decide: rollback_decision<br/>rollback_if (any of):<br/>• error_rate_increase #gt; 200%")
        .contains("  s2 --> s3\n")
        .doesNotContain("<br/>• latency_p99 < ");
    for (String line : run.out().split("\n")) {
      // Outside the quoted labels only ids, shapes and arrows remain.
      String unquoted = line.replaceAll("\"[^\"]*\"", "\"\"");
      assertThat(unquoted)
          .as(line)
          .matches(
              "flowchart TD|\\s+[a-z0-9_]+[\\[\\]{}()\"|.>\\- ]*[a-z0-9_]*|\\s+end|\\s+subgraph [a-z]+\\[\"\"\\]");
    }
  }

  @Test
  void drawsTheDecisionTreeOfTheIncidentResponse() {
    CliRun run = CliRun.run("explain", "autonomous-incident-response", "--format", "mermaid");

    assertThat(run.out())
        .contains("  subgraph routing[\"Decision tree: depth first, first match wins\"]\n")
        .contains(
            "    r_0_0_0[\"GuardDuty Finding<br/>source == guardduty<br/>→ isolate_pod, notify\"]\n")
        .contains("    route -.->|\"otherwise\"| rdefault\n")
        .contains("  s4 -.->|\"without the model\"| route\n");
  }

  @Test
  void anInvalidPlaybookPrintsItsErrorsAndExitsTwo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("p.json");
    Files.writeString(
        file, "{\"playbook\": \"p\", \"workflow\": {\"1_a\": {\"action\": \"recieve_alert\"}}}");

    CliRun run = CliRun.run("explain", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(file + ":1:50: /workflow/1_a/action: unknown action 'recieve_alert'");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CliRun run = CliRun.run("explain", "automated-rollback", "--format", "svg");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "Invalid value for option '--format': expected one of text, mermaid, markdown;"
                + " found 'svg'");
  }

  @Test
  void withTheSeedPolicyItSaysWhatThePolicyDecidesWithoutFacts() {
    CliRun run =
        CliRun.run(
            "explain",
            "autonomous-incident-response",
            "--policy",
            CliRun.example("examples/policy/seed-policy.json"));

    assertThat(run.exit()).as(run.err()).isZero();
    String approvals = run.out().substring(run.out().indexOf("approval under "));
    assertThat(approvals)
        .startsWith(
            "approval under "
                + CliRun.example("examples/policy/seed-policy.json")
                + ", deciding with no trusted facts (a rule that needs a missing fact fails"
                + " closed), in business hours and off hours:\n");
    // notify is read-only.
    assertThat(approvals).contains("  notify: allowed");
    // Without facts, blast_radius > 50_pods cannot be decided: fail closed.
    assertThat(approvals)
        .containsPattern("  rollback_deployment: could need approval \\(.*blast_radius")
        .containsPattern("  isolate_pod: could need approval");
  }

  /** Each seed playbook names the catalog actions its steps may take. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "autonomous-incident-response | 6_execute  run_remediation: add_resource_limits,",
        "predictive-scaling | 5_execute  apply_scaling: scale_deployment (scaling the deployment)",
        "security-optimization | 4_remediate  auto_fix: apply_network_policy, modify_rbac,"
            + " rotate_secrets, update_image (the fixes of the risks found; without asking when"
            + " auto_fix_if holds: apply_network_policy, update_image)",
        "cost-optimization | 4_execute  apply_optimizations: consolidate_lb, delete_pvc,"
            + " rightsize_pod (the savings opportunities planned)",
        "automated-rollback | 4_execute  rollback_deployment: rollback_deployment (its own action)"
      })
  void everySeedPlaybookNamesTheActionsItsStepsMayTake(String name, String line) {
    CliRun run =
        CliRun.run("explain", name, "--policy", CliRun.example("examples/policy/seed-policy.json"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\n  " + line).doesNotContain("(chosen at run time)");
    String approvals = run.out().substring(run.out().indexOf("approval under "));
    assertThat(approvals.lines().count()).isGreaterThan(1);
  }

  @Test
  void aRemediationWithoutRoutingIsChosenAtRunTimeAndTheCatalogIsSummarized(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("autonomous-incident-response.json");
    Files.writeString(file, SeedPlaybooks.json("autonomous-incident-response"));

    CliRun run =
        CliRun.run(
            "explain",
            file.toString(),
            "--policy",
            CliRun.example("examples/policy/seed-policy.json"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "  6_execute  run_remediation: chosen at run time by the model from the catalog\n")
        .containsPattern(
            "  the catalog, for steps that choose at run time \\(\\d+ actions\\): \\d+ allowed,"
                + " \\d+ could need approval, 0 denied\n")
        .contains("    allowed: ");
  }

  @Test
  void offHoursAreDecidedAtNowWhenGivenElseBothOutcomesAreShown(@TempDir Path dir)
      throws IOException {
    Path policy = dir.resolve("policy.json");
    Files.writeString(
        policy,
        "{\"auto_approve_if\": [\"off_hours == true\"],"
            + " \"business_hours\": {\"days\": \"MON-FRI\", \"start\": \"09:00\","
            + " \"end\": \"17:00\", \"zone\": \"UTC\"}}");

    CliRun both = CliRun.run("explain", "predictive-scaling", "--policy", policy.toString());
    CliRun saturday =
        CliRun.run(
            "explain",
            "predictive-scaling",
            "--policy",
            policy.toString(),
            "--now",
            "2024-01-06T03:00:00Z");
    CliRun monday =
        CliRun.run(
            "explain",
            "predictive-scaling",
            "--policy",
            policy.toString(),
            "--now",
            "2024-01-08T10:00:00+00:00");

    assertThat(both.out())
        .containsPattern(
            "  scale_deployment: business hours: could need approval \\(.*\\); off hours:"
                + " allowed \\(auto_approve_if\\[0\\]");
    assertThat(saturday.out())
        .contains("at 2024-01-06T03:00:00Z:\n")
        .containsPattern("  scale_deployment: allowed \\(auto_approve_if\\[0\\]");
    assertThat(monday.out()).containsPattern("  scale_deployment: could need approval");
    // The same arguments give the same output, whatever the time of day.
    assertThat(CliRun.run("explain", "predictive-scaling", "--policy", policy.toString()).out())
        .isEqualTo(both.out());
  }

  @Test
  void helpPrintsNothingOnStandardError() {
    CliRun explain = CliRun.run("explain", "--help");
    CliRun validate = CliRun.run("validate", "--help");

    assertThat(explain.exit()).isZero();
    assertThat(explain.err()).isEmpty();
    assertThat(explain.out()).contains("--now=INSTANT");
    assertThat(validate.exit()).isZero();
    assertThat(validate.err()).isEmpty();
  }

  @Test
  void nowNeedsAPolicyAndAnOffset() {
    assertThat(CliRun.run("explain", "predictive-scaling", "--now", "2024-01-06T03:00:00Z").exit())
        .isEqualTo(2);
    CliRun bad =
        CliRun.run(
            "explain",
            "predictive-scaling",
            "--policy",
            CliRun.example("examples/policy/seed-policy.json"),
            "--now",
            "tomorrow");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("expected an ISO-8601 date and time with an offset");
  }

  @Test
  void aPolicyFileThatDoesNotExistIsInvalidInput() {
    CliRun run = CliRun.run("explain", "automated-rollback", "--policy", "no-such-policy.json");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no-such-policy.json");
  }

  @Test
  void withAPolicyItPreviewsTheActionsOfTheStepsAtTheInstantGiven() {
    AtomicReference<Set<String>> asked = new AtomicReference<>();
    AtomicReference<Instant> at = new AtomicReference<>();
    ApprovalPreview fake =
        (file, actions, now) -> {
          asked.set(actions);
          at.set(now);
          Map<String, String> m = new TreeMap<>();
          actions.forEach(
              a -> m.put(a, a.equals("rollback_deployment") ? "needs approval" : "allowed"));
          return m;
        };

    CliRun run =
        CliRun.run(
            new CommandLine(new ExplainCommand(fake)),
            "automated-rollback",
            "--policy",
            "p.json",
            "--now",
            "2024-01-06T03:00:00Z");

    assertThat(run.exit()).isZero();
    assertThat(asked.get()).containsExactly("notify", "rollback_deployment");
    assertThat(at.get()).isEqualTo(Instant.parse("2024-01-06T03:00:00Z"));
    assertThat(run.out())
        .endsWith(
            "approval under p.json, deciding with no trusted facts (a rule that needs a missing"
                + " fact fails closed), at 2024-01-06T03:00:00Z:\n"
                + "  notify: allowed\n"
                + "  rollback_deployment: needs approval\n");
  }
}
