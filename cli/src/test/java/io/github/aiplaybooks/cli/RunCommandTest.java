package io.github.aiplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditChainVerifier;
import io.github.aiplaybooks.core.report.IncidentReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code playbooks run}: the example scenario end to end, approvals, dry runs, invalid input. */
class RunCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NOW = "2024-01-01T03:00:00Z";

  @TempDir Path dir;

  private static String alert() {
    return CliRun.example("examples/run/alert.json");
  }

  private static String script() {
    return "scripted:" + CliRun.example("examples/run/llm-script.json");
  }

  private static String fixtures() {
    return "fixtures:" + CliRun.example("examples/run/tools.json");
  }

  /** The example scenario with {@code extra} options, reporting into {@code report}. */
  private static CliRun runExample(Path report, String... extra) {
    return runWith(report, fixtures(), "", extra);
  }

  private static CliRun runWith(Path report, String tools, String stdin, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "autonomous-incident-response",
                "--alert",
                alert(),
                "--llm",
                script(),
                "--tools",
                tools,
                "--now",
                NOW,
                "--report",
                report.toString()));
    args.addAll(List.of(extra));
    return CliRun.runWithInput(stdin, args.toArray(String[]::new));
  }

  /** The example's fixtures, with add_resource_limits carried out without an inverse. */
  private Path fixturesWithoutInverse() throws IOException {
    ObjectNode f =
        (ObjectNode)
            JSON.readTree(Files.readString(Path.of(CliRun.example("examples/run/tools.json"))));
    ((ObjectNode) f.get("actions").get("add_resource_limits")).remove("inverse");
    Path file = dir.resolve("no-inverse.json");
    Files.writeString(file, f.toString());
    return file;
  }

  private static JsonNode reportJson(Path report) throws IOException {
    return JSON.readTree(Files.readString(report.resolve("report.json")));
  }

  @Test
  void theExampleScenarioRunsEveryStepAndRaisesTheMemoryLimit() throws IOException {
    Path report = dir.resolve("report");
    CliRun run = runExample(report);

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith(
            "Running autonomous-incident-response as run-20240101T030000Z, starting "
                + NOW
                + "\n"
                + "  trigger:   alert memory_pressure (P1) from prometheus\n")
        .contains("  approvals: deny\n")
        .contains("[2_classify] analyze_alert\n  model call: 1850 tokens in, 140 out")
        .contains(
            "  routing (classification): Severity = P1 (High) > Type = Resource > Memory Pressure"
                + " -> [scale_deployment, add_resource_limits]\n")
        // The parallel calls, printed in one order.
        .contains(
            "  tool cloudwatch_get_metric_data {}: ok, 128 chars\n"
                + "  tool kubectl_get {\"resource\":\"pods\",\"namespace\":\"default\"}: ok, 300"
                + " chars\n")
        .contains(
            "[5_approve] check_approval_required\n"
                + "  decision add_resource_limits on deployment default/api-service: ALLOW by"
                + " auto_approve[2]: add_resource_limits\n"
                + "  => COMPLETED in 0s: 1 of 1 may run: add_resource_limits: ALLOW\n")
        .contains(
            "  change add_resource_limits on deployment default/api-service: APPLIED (live); undo:"
                + " add_resource_limits on deployment default/api-service"
                + " {\"container\":\"api\",\"memory\":\"256Mi\"}\n")
        .contains(
            "  verification attempt 1: not yet (alert_cleared FALSE, metrics_normalized FALSE,"
                + " no_new_errors TRUE)\n")
        .contains("  => COMPLETED in 15s: verified:")
        .contains("Run run-20240101T030000Z finished: COMPLETED (every step ran)\n")
        .contains(
            "  took 15s (simulated), 3 model call(s), 7990 tokens, 8 tool call(s), 1 change(s)"
                + " applied, 0 rolled back, 0 escalation(s)\n");

    JsonNode json = reportJson(report);
    assertThat(json.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(json.get("run_id").asString()).isEqualTo("run-20240101T030000Z");
    assertThat(json.get("started_at").asString()).isEqualTo(NOW);
    assertThat(IncidentReport.fromJson(json).rootCause()).contains("peaks at 280Mi");
    String md = Files.readString(report.resolve("report.md"));
    assertThat(md)
        .startsWith("# Incident report: autonomous-incident-response — COMPLETED\n")
        .contains(
            "| 6_execute | add_resource_limits | deployment default/api-service | ALLOW | APPLIED |")
        .contains("- Set memory limits from the observed peak working set plus headroom")
        .contains("| 7_verify | alert_cleared | TRUE | 2 |");
    // The audit trail is a hash chain that verifies.
    assertThat(AuditChainVerifier.ofDefaults().verify(report.resolve("audit.jsonl")).intact())
        .isTrue();
  }

  @Test
  void withAFixedStartTheOutputIsTheSameEveryTime() {
    CliRun first = runExample(dir.resolve("a"));
    CliRun second = runExample(dir.resolve("a"));

    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.exit()).isZero();
  }

  @Test
  void aChangeThatNeedsAHumanIsNotMadeWhenApprovalsAreDenied() throws IOException {
    Path report = dir.resolve("report");
    CliRun run = runWith(report, "fixtures:" + fixturesWithoutInverse(), "", "--approve", "deny");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "  decision add_resource_limits on deployment default/api-service: REQUIRE_APPROVAL"
                + " by gate.no_inverse\n")
        .contains("  approval add_resource_limits on deployment default/api-service: DENIED")
        .doesNotContain("  change add_resource_limits");
    JsonNode remediation = reportJson(report).get("remediation");
    assertThat(remediation.get(0).get("result").asString()).isEqualTo("NOT_APPROVED");
  }

  @Test
  void autoApprovalRunsWhatNeedsAHumanAndSaysNoHumanLooked() throws IOException {
    Path report = dir.resolve("report");
    CliRun run = runWith(report, "fixtures:" + fixturesWithoutInverse(), "", "--approve", "auto");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("  approvals: auto\n")
        .contains(
            "  approval add_resource_limits on deployment default/api-service: APPROVED by"
                + " playbooks run --approve auto\n")
        .contains("  change add_resource_limits on deployment default/api-service: APPLIED (live)");
    assertThat(reportJson(report).get("remediation").get(0).get("result").asString())
        .isEqualTo("APPLIED");
  }

  @Test
  void interactiveApprovalAsksOnTheConsole() throws IOException {
    CliRun yes =
        runWith(
            dir.resolve("yes"),
            "fixtures:" + fixturesWithoutInverse(),
            "y\n",
            "--approve",
            "interactive");
    assertThat(yes.exit()).isZero();
    assertThat(yes.out())
        .contains("Approval needed for run run-20240101T030000Z")
        .contains("Approve? [y/N] Approved.")
        .contains("APPROVED by console")
        .contains("  change add_resource_limits on deployment default/api-service: APPLIED");

    CliRun no =
        runWith(
            dir.resolve("no"),
            "fixtures:" + fixturesWithoutInverse(),
            "n\n",
            "--approve",
            "interactive");
    assertThat(no.out()).contains("Approve? [y/N] Denied.").doesNotContain("  change ");
  }

  @Test
  void aDryRunMakesNoChangeAndTheReportSaysWhatWouldHaveHappened() throws IOException {
    Path report = dir.resolve("report");
    CliRun run = runExample(report, "--dry-run");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("as run-20240101T030000Z (dry run: no change is made)")
        .contains(
            "  change add_resource_limits on deployment default/api-service: DRY_RUN (dry_run)")
        .contains("1 change(s) dry-run");
    JsonNode json = reportJson(report);
    assertThat(json.get("dry_run").asBoolean()).isTrue();
    assertThat(json.get("remediation").get(0).get("result").asString()).isEqualTo("DRY_RUN");
  }

  // ---- invalid input: exit 2, naming the file and the problem ----

  private static void assertInvalid(CliRun run, String... messages) {
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    for (String m : messages) {
      assertThat(run.err()).contains(m);
    }
  }

  @Test
  void aMissingAlertFileIsInvalidInput() {
    Path missing = dir.resolve("nope.json");
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            missing.toString(),
            "--llm",
            script(),
            "--tools",
            fixtures(),
            "--report",
            dir.resolve("r").toString());
    assertInvalid(run, "error: " + missing + ": no such file");
  }

  @Test
  void anAlertThatIsNotJsonIsInvalidInputWithLineAndColumn() throws IOException {
    Path bad = dir.resolve("alert.json");
    Files.writeString(bad, "{\n  \"severity\": \"P1\",\n  oops\n}\n");
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            bad.toString(),
            "--llm",
            script(),
            "--tools",
            fixtures(),
            "--report",
            dir.resolve("r").toString());
    assertInvalid(run, "error: " + bad + ": not valid JSON: ", "(line 3, column ");
  }

  @Test
  void aBadScriptIsInvalidInputNamingTheFileAndPointer() throws IOException {
    Path bad = dir.resolve("script.json");
    Files.writeString(bad, "{\"answers\": [{\"step\": \"2_classify\", \"error\": \"slow\"}]}");
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            alert(),
            "--llm",
            "scripted:" + bad,
            "--tools",
            fixtures(),
            "--report",
            dir.resolve("r").toString());
    assertInvalid(
        run,
        "error: --llm: LLM script "
            + bad
            + ": /answers/0/error 'slow' is not one of throttled, unavailable, timeout, refused,"
            + " guardrail, invalid_request");

    Files.writeString(bad, "{\"answers\": [\n  {\"step\": \"2_classify\" \"text\": \"x\"}]}");
    CliRun notJson =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            alert(),
            "--llm",
            "scripted:" + bad,
            "--tools",
            fixtures(),
            "--report",
            dir.resolve("r").toString());
    assertInvalid(
        notJson,
        "error: --llm: LLM script " + bad + ": the document is not valid JSON",
        "(line 2, column");
  }

  @Test
  void badFixturesAreInvalidInputNamingTheFileAndPointer() throws IOException {
    Path bad = dir.resolve("tools.json");
    Files.writeString(bad, "{\"tools\": {\"kubectl_get\": {\"results\": []}}}");
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            alert(),
            "--llm",
            script(),
            "--tools",
            "fixtures:" + bad,
            "--report",
            dir.resolve("r").toString());
    assertInvalid(
        run,
        "error: --tools: tool fixtures "
            + bad
            + ": /tools/kubectl_get/effect is missing: say what a call does, read, mutate or"
            + " destructive");
  }

  @Test
  void anUnknownPlaybookNameIsInvalidInputWithASuggestion() {
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-responce",
            "--alert",
            alert(),
            "--llm",
            script(),
            "--tools",
            fixtures(),
            "--report",
            dir.resolve("r").toString());
    assertInvalid(
        run,
        "error: PLAYBOOK autonomous-incident-responce: no such file, and not the name of a seed"
            + " playbook (did you mean 'autonomous-incident-response'?)");
  }

  @Test
  void aBadApproveValueIsAUsageError() {
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            alert(),
            "--llm",
            script(),
            "--tools",
            fixtures(),
            "--approve",
            "yes");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("expected one of deny, auto, interactive; found 'yes'");
  }

  @Test
  void otherInvalidOptionsAreNamedTogether() throws IOException {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            alert(),
            "--llm",
            "bedrock:claude",
            "--tools",
            "mcp:kubectl",
            "--now",
            "yesterday",
            "--report",
            file.toString());
    assertInvalid(
        run,
        "error: --now: 'yesterday' is not an ISO-8601 instant such as 2024-01-01T03:00:00Z",
        "error: --llm bedrock:claude: 'bedrock:' is not supported offline; expected scripted:FILE",
        "error: --tools mcp:kubectl: 'mcp:' is not supported offline; expected fixtures:FILE",
        "error: --report " + file + ": is a file, not a directory");
  }

  @Test
  void aPlaybookTheAlertDoesNotStartIsRefusedAsInvalidInput() {
    CliRun run =
        CliRun.run(
            "run",
            "predictive-scaling",
            "--alert",
            alert(),
            "--llm",
            script(),
            "--tools",
            fixtures(),
            "--report",
            dir.resolve("r").toString());
    assertInvalid(
        run,
        "error: the run was refused (TRIGGER_MISMATCH): trigger: the event does not start playbook"
            + " predictive-scaling");
  }

  @Test
  void aBadPolicyIsInvalidInput() throws IOException {
    Path bad = dir.resolve("policy.json");
    Files.writeString(bad, "{\"auto_approve\": [\"restart_pd\"]}");
    CliRun run =
        CliRun.run(
            "run",
            "autonomous-incident-response",
            "--alert",
            alert(),
            "--llm",
            script(),
            "--tools",
            fixtures(),
            "--policy",
            bad.toString(),
            "--report",
            dir.resolve("r").toString());
    assertInvalid(run, bad.toString(), "restart_pd");
  }
}
