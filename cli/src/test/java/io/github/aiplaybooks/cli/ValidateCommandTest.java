package io.github.aiplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @Test
  void validFilesGiveOneSummaryLineEachAndExitZero(@TempDir Path dir) throws IOException {
    List<String> args = new ArrayList<>(List.of("validate"));
    for (String name : SeedPlaybooks.NAMES) {
      Path file = dir.resolve(name + ".json");
      Files.writeString(file, SeedPlaybooks.json(name));
      args.add(file.toString());
    }

    CliRun run = CliRun.run(args.toArray(String[]::new));

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines())
        .containsExactly(
            dir.resolve("autonomous-incident-response.json")
                + ": valid: autonomous-incident-response, trigger alert, 8 steps, 8 conditions",
            dir.resolve("predictive-scaling.json")
                + ": valid: predictive-scaling, trigger manual, 5 steps, 4 conditions",
            dir.resolve("security-optimization.json")
                + ": valid: security-optimization, trigger manual, 5 steps, 3 conditions",
            dir.resolve("cost-optimization.json")
                + ": valid: cost-optimization, trigger manual, 5 steps, 3 conditions",
            dir.resolve("automated-rollback.json")
                + ": valid: automated-rollback, trigger health_check, 6 steps, 6 conditions");
  }

  @Test
  void anInvalidFilePrintsEveryErrorWithItsPlaceAndExitsTwo(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "playbook: good\nworkflow:\n  1_detect: {action: receive_alert}\n");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "playbook: bad\n"
            + "workflow:\n"
            + "  1_detect: {action: receive_alert}\n"
            + "  2_approve:\n"
            + "    action: check_approval_required\n"
            + "    auto_aprove_if: [blast_radius < 10_pods]\n"
            + "  4_execute: {action: run_remediation, timeout: soon}\n");

    CliRun run = CliRun.run("validate", good.toString(), bad.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out().lines())
        .containsExactly(good + ": valid: good, trigger alert, 1 step, 0 conditions");
    assertThat(run.err().lines())
        .containsExactly(
            bad
                + ":6:5: /workflow/2_approve/auto_aprove_if: unknown key 'auto_aprove_if' for"
                + " action 'check_approval_required' (did you mean 'auto_approve_if'?); expected"
                + " one of: action, auto_approve_if, require_human_if, or x-… for your own data",
            bad
                + ":7:3: /workflow/4_execute: step number 4 follows 2: steps are numbered 1, 2, 3,"
                + " … without gaps; expected 3_execute",
            bad
                + ":7:49: /workflow/4_execute/timeout: expected a duration such as 30s, 10m or 7"
                + " days: expected a quantity such as 20%, 10_pods or 30s");
  }

  @Test
  void theShippedPlaybooksValidateAndTheRoutingFragmentWithItsPlaybook() {
    Path dir = CliRun.ROOT.resolve("playbook-dsl/src/main/resources/playbooks");
    List<String> args = new ArrayList<>(List.of("validate"));
    for (String name : SeedPlaybooks.NAMES) {
      args.add(dir.resolve(name + ".json").toString());
    }
    args.add(dir.resolve("autonomous-incident-response.routing.json").toString());

    CliRun run = CliRun.run(args.toArray(String[]::new));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines())
        .hasSize(6)
        .last()
        .isEqualTo(
            dir.resolve("autonomous-incident-response.routing.json")
                + ": valid: routing of autonomous-incident-response ("
                + dir.resolve("autonomous-incident-response.json")
                + "), 12 routes to a runbook");
  }

  @Test
  void aRoutingFragmentWithoutItsPlaybookSaysWhatItIs(@TempDir Path dir) throws IOException {
    Path fragment = dir.resolve("orphan.routing.json");
    Files.writeString(
        fragment, "{\"routes\": [{\"when\": \"severity == P0\", \"runbook\": [\"escalate\"]}]}");

    CliRun run = CliRun.run("validate", fragment.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            fragment + ":1:1: /: this is a routing fragment (routes and default), not a playbook");
  }

  @Test
  void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    CliRun run = CliRun.run("validate", missing.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith(missing + ":1:1: /: cannot read the file");
  }

  @Test
  void withoutAFileItPrintsUsageAndExitsTwo() {
    CliRun run = CliRun.run("validate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'FILE'").contains("Usage:");
  }

  @Test
  void helpShowsAnExample() {
    CliRun run = CliRun.run("validate", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("playbooks validate playbooks/automated-rollback.json");
  }
}
