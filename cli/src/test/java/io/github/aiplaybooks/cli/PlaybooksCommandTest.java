package io.github.aiplaybooks.cli;

import static io.github.aiplaybooks.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlaybooksCommandTest {
  static List<List<String>> commands() {
    return List.of(
        List.of(),
        List.of("expr"),
        List.of("expr", "eval"),
        List.of("policy"),
        List.of("policy", "eval"));
  }

  @ParameterizedTest(name = "playbooks {0} --help")
  @MethodSource("commands")
  void everyCommandHasHelpWithAnExample(List<String> command) {
    String[] args =
        new java.util.ArrayList<String>(command) {
          {
            add("--help");
          }
        }.toArray(new String[0]);
    CliRun r = run(args);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: playbooks").containsPattern("Examples?:\\n  playbooks ");
  }

  /** Every command of the tree, as the words that name it, found by walking the tree. */
  static List<List<String>> everyCommand() {
    List<List<String>> out = new java.util.ArrayList<>();
    walk(PlaybooksCommand.newCommandLine(), new java.util.ArrayList<>(), out);
    return out;
  }

  private static void walk(picocli.CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    for (java.util.Map.Entry<String, picocli.CommandLine> sub : cl.getSubcommands().entrySet()) {
      if (sub.getValue().getCommandName().equals(sub.getKey())) {
        List<String> next = new java.util.ArrayList<>(path);
        next.add(sub.getKey());
        walk(sub.getValue(), next, out);
      }
    }
  }

  @ParameterizedTest(name = "playbooks {0} --help")
  @MethodSource("everyCommand")
  void helpOfEveryCommandWritesNothingToStandardError(List<String> command) {
    List<String> args = new java.util.ArrayList<>(command);
    args.add("--help");
    // picocli warns about a bad help text (an unescaped %) on System.err, not the command's err.
    java.io.PrintStream systemErr = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    CliRun r;
    try {
      System.setErr(
          new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      r = run(args.toArray(new String[0]));
    } finally {
      System.setErr(systemErr);
    }
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    assertThat(r.out()).isNotEmpty();
  }

  @Test
  void theTreeHasTheCommandsWeKnow() {
    assertThat(everyCommand())
        .contains(List.of("expr", "eval"), List.of("policy", "eval"), List.of("validate"));
  }

  @Test
  void aGroupWithoutASubcommandIsAUsageError() {
    for (String[] args : new String[][] {{}, {"expr"}, {"policy"}}) {
      CliRun r = run(args);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).startsWith("Missing required subcommand").contains("Usage: playbooks");
    }
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    CliRun r = run("expr", "eval", "true", "--fcats", "x.json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("Unknown options: '--fcats', 'x.json'");
  }

  @Test
  void printsAVersion() {
    CliRun r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("playbooks ");
  }
}
