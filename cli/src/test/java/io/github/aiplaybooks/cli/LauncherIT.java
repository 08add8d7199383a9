package io.github.aiplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the real {@code ./playbooks} launcher as a subprocess, from another directory, against the
 * jar this build packaged: the README's first command (an offline run), the policy command, and an
 * exit code other than zero.
 */
class LauncherIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path elsewhere;

  private record Result(int exit, String out, String err) {}

  private Result launch(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("playbooks").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile());
    // The jar was just packaged; a rebuild here would run Maven inside Maven, so forbid it.
    pb.environment().put("PLAYBOOKS_NO_BUILD", "1");
    Path out = elsewhere.resolve("out.txt");
    Path err = elsewhere.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theReadmesFirstCommandWorksFromAnyDirectory() throws Exception {
    Result r =
        launch(
            "",
            "run",
            "autonomous-incident-response",
            "--alert",
            ROOT.resolve("examples/run/alert.json").toString(),
            "--llm",
            "scripted:" + ROOT.resolve("examples/run/llm-script.json"),
            "--tools",
            "fixtures:" + ROOT.resolve("examples/run/tools.json"),
            "--now",
            "2024-01-01T03:00:00Z");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Run run-20240101T030000Z finished: COMPLETED (every step ran)")
        .contains("  change add_resource_limits on deployment default/api-service: APPLIED (live)");
    // The default report directory is relative to where the command runs.
    JsonNode report =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(elsewhere.resolve("playbook-report/report.json")));
    assertThat(report.get("status").stringValue()).isEqualTo("COMPLETED");
  }

  @Test
  void thePolicyCommandWorksFromAnyDirectory() throws Exception {
    Result r =
        launch(
            "",
            "policy",
            "eval",
            "--policy",
            ROOT.resolve("examples/policy/seed-policy.json").toString(),
            "--action",
            ROOT.resolve("examples/policy/restart-pod.json").toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    JsonNode decision = JsonMapper.builder().build().readTree(r.out());
    assertThat(decision.get("decision").stringValue()).isEqualTo("ALLOW");
    assertThat(decision.get("rule").stringValue()).isEqualTo("auto_approve[0]: restart_pod");
  }

  @Test
  void exitCodesAndStandardInputPassThrough() throws Exception {
    Result r =
        launch(
            "{\"severity\": \"P0\"}",
            "expr",
            "eval",
            "severity == P0 AND off_hours",
            "--facts",
            "-");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: the condition needs fact 'off_hours'");

    Result ok = launch("{\"severity\": \"P0\"}", "expr", "eval", "severity == P0", "--facts", "-");
    assertThat(ok).isEqualTo(new Result(0, "true\n", ""));
  }
}
