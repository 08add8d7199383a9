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
