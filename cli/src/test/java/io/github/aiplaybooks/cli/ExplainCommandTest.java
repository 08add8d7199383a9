package io.github.aiplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        .contains("actions it may take: add_resource_limits, apply_network_policy,");
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
  void withTheSeedPolicyItSaysWhichActionsCouldNeedApproval() {
    CliRun run =
        CliRun.run(
            "explain",
            "autonomous-incident-response",
            "--policy",
            CliRun.example("examples/policy/seed-policy.json"));

    assertThat(run.exit()).as(run.err()).isZero();
    String approvals = run.out().substring(run.out().indexOf("approval under the policy:"));
    // restart_pod is auto-approved by name, whatever the facts.
    assertThat(approvals).contains("  notify: allowed");
    // Without facts, blast_radius > 50_pods cannot be decided: fail closed.
    assertThat(approvals)
        .containsPattern("  rollback_deployment: could need approval \\(.*blast_radius")
        .containsPattern("  isolate_pod: could need approval");
  }

  @Test
  void aPolicyFileThatDoesNotExistIsInvalidInput() {
    CliRun run = CliRun.run("explain", "automated-rollback", "--policy", "no-such-policy.json");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no-such-policy.json");
  }

  @Test
  void withAPolicyItSaysWhichActionsCouldNeedApproval() {
    AtomicReference<Set<String>> asked = new AtomicReference<>();
    ApprovalPreview fake =
        (file, actions) -> {
          asked.set(actions);
          Map<String, String> m = new TreeMap<>();
          actions.forEach(
              a -> m.put(a, a.equals("rollback_deployment") ? "needs approval" : "allowed"));
          return m;
        };

    CliRun run =
        CliRun.run(
            new CommandLine(new ExplainCommand(fake)), "automated-rollback", "--policy", "p.json");

    assertThat(run.exit()).isZero();
    assertThat(asked.get()).containsExactly("notify", "rollback_deployment");
    assertThat(run.out())
        .endsWith(
            "approval under the policy:\n"
                + "  notify: allowed\n"
                + "  rollback_deployment: needs approval\n");
  }
}
