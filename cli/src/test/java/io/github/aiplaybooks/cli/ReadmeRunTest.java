package io.github.aiplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's set-up is two commands, the first of which runs the example scenario offline; the
 * output it shows is what the run prints, and the files it shows are the example's files.
 */
class ReadmeRunTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path report;

  private static String readme() throws IOException {
    return Files.readString(CliRun.ROOT.resolve("README.md"));
  }

  /** The commands of the set-up block, one a line. */
  private static List<String> setUpCommands() throws IOException {
    String readme = readme();
    int section = readme.indexOf("## Set-up: two commands");
    assertThat(section).as("README has its set-up section").isNotNegative();
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    return Arrays.stream(block.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  /** The README's first command, run in this process from the repository's root. */
  private CliRun runFirstCommand() throws IOException {
    List<String> words = new ArrayList<>(List.of(setUpCommands().get(0).split("\\s+")));
    assertThat(words.remove(0)).isEqualTo("./playbooks");
    List<String> args = new ArrayList<>();
    for (String w : words) {
      int at = w.indexOf("examples/");
      args.add(at < 0 ? w : w.substring(0, at) + CliRun.ROOT.resolve(w.substring(at)));
    }
    assertThat(args).doesNotContain("--report");
    args.add("--report");
    args.add(report.toString());
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void theSetUpIsTwoCommandsTheOfflineRunAndTheBuild() throws IOException {
    List<String> commands = setUpCommands();
    assertThat(commands).hasSize(2);
    assertThat(commands.get(0))
        .startsWith("./playbooks run autonomous-incident-response --alert examples/run/alert.json");
    assertThat(commands.get(1)).isEqualTo("mvn -B verify");
  }

  @Test
  void theFirstCommandRunsTheExampleToCompletionAndPrintsWhatTheReadmeShows() throws IOException {
    CliRun run = runFirstCommand();

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("finished: COMPLETED");
    assertThat(report.resolve("report.json")).exists();
    assertThat(report.resolve("report.md")).exists();

    String readme = readme();
    int shown = readme.indexOf("It prints, in part:");
    int start = readme.indexOf("```text\n", shown) + "```text\n".length();
    String excerpt = readme.substring(start, readme.indexOf("```", start));
    List<String> printed = Arrays.asList(run.out().split("\n"));
    for (String line : excerpt.split("\n")) {
      assertThat(printed).as("the README's output line is printed").contains(line);
    }
  }

  @Test
  void theExampleFilesTheReadmeShowsAreTheExamplesFiles() throws IOException {
    Matcher m =
        Pattern.compile(
                "\\*\\*(examples/run/[a-z-]+\\.json)\\*\\*\\n\\n```json\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme());
    List<String> shown = new ArrayList<>();
    while (m.find()) {
      shown.add(m.group(1));
      assertThat(JSON.readTree(m.group(2)))
          .as(m.group(1))
          .isEqualTo(JSON.readTree(Files.readString(CliRun.ROOT.resolve(m.group(1)))));
    }
    assertThat(shown)
        .containsExactly(
            "examples/run/alert.json", "examples/run/llm-script.json", "examples/run/tools.json");
  }
}
