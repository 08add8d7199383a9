package io.github.aiplaybooks.dsl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of broken playbooks, one per kind of error and one with many, under {@code
 * src/test/resources/broken/}. Each {@code NAME.json} or {@code NAME.yaml} has a {@code
 * NAME.json.expected} or {@code NAME.yaml.expected} beside it with every error the loader must
 * report, one per line, exactly as {@code ./playbooks validate} prints them.
 *
 * <p>After a deliberate change of wording, regenerate the expected files with {@code mvn -pl
 * playbook-dsl test -Dtest=BrokenPlaybooksTest -Dplaybooks.updateExpected=true} and review the
 * diff.
 */
class BrokenPlaybooksTest {
  private static final Path CORPUS = Path.of("src/test/resources/broken");

  static Stream<String> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".expected"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachBrokenPlaybookGivesExactlyTheExpectedErrors(String file) throws IOException {
    Path path = CORPUS.resolve(file);
    Path expectedFile = CORPUS.resolve(file + ".expected");

    List<String> actual = errors(path);

    if (Boolean.getBoolean("playbooks.updateExpected")) {
      Files.writeString(expectedFile, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
    }
    assertThat(expectedFile).as("expected errors of " + file).exists();
    assertThat(actual).isNotEmpty();
    assertThat(actual)
        .containsExactlyElementsOf(Files.readAllLines(expectedFile, StandardCharsets.UTF_8));
  }

  private static List<String> errors(Path file) {
    PlaybookLoadException[] caught = new PlaybookLoadException[1];
    assertThatThrownBy(() -> PlaybookLoader.standard().load(file))
        .isInstanceOfSatisfying(PlaybookLoadException.class, e -> caught[0] = e);
    PlaybookLoadException e = caught[0];
    assertThat(e.code()).isEqualTo("PLAYBOOK_LOAD");
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.getMessage()).startsWith("cannot load playbook " + file + ": ");
    return e.errors().stream()
        .map(LoadError::toString)
        .map(line -> line.replace(CORPUS.toString(), "broken"))
        .toList();
  }

  @Test
  void theCorpusHasOneFilePerKindOfError() throws IOException {
    assertThat(corpus())
        .contains(
            "bad-json.json",
            "unknown-key.json",
            "unknown-key.yaml",
            "wrong-type.json",
            "bad-condition.json",
            "bad-duration.json",
            "unknown-action.json",
            "undeclared-variable.json",
            "step-order-gap.json",
            "duplicate-step-number.json",
            "several-errors.json");
  }
}
