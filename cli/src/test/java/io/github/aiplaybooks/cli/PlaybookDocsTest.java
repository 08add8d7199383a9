package io.github.aiplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code docs/playbooks/NAME.md} is what {@code ./playbooks explain NAME --format markdown} prints,
 * for each of the seed's playbooks. After a deliberate change, regenerate with {@code mvn -pl cli
 * -am test -Dtest=PlaybookDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dplaybooks.updateDocs=true}.
 */
class PlaybookDocsTest {
  static final java.util.List<String> NAMES = SeedPlaybooks.NAMES;

  @ParameterizedTest
  @FieldSource("NAMES")
  void theCommittedPageIsWhatTheCommandPrints(String name) throws IOException {
    CliRun run = CliRun.run("explain", name, "--format", "markdown");
    Path page = repositoryRoot().resolve("docs/playbooks/" + name + ".md");

    assertThat(run.exit()).isZero();
    if (Boolean.getBoolean("playbooks.updateDocs")) {
      Files.createDirectories(page.getParent());
      Files.writeString(page, run.out(), StandardCharsets.UTF_8);
    }
    assertThat(page).exists();
    assertThat(Files.readString(page, StandardCharsets.UTF_8)).isEqualTo(run.out());
    assertThat(run.out()).contains("```mermaid\nflowchart TD\n");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("cli/pom.xml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root").isNotNull();
    return dir;
  }
}
