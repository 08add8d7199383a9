package io.github.aiplaybooks.dsl.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of the loader. During {@code mvn test} it runs in regression mode on the seeds
 * under {@code src/test/resources/.../PlaybookLoaderFuzzTestInputs/} (the seed playbooks, JSON and
 * YAML); to fuzz:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl playbook-dsl -am test -Dtest=PlaybookLoaderFuzzTest
 * </pre>
 *
 * <p>A finding is any exception but {@link PlaybookLoadException} (so also a defect the loader
 * reports as {@value PlaybookLoader#LOADER_BUG}), an error without a place or a message, a loaded
 * playbook that does not round-trip, or a hang.
 */
class PlaybookLoaderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void loadAnything(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    LoaderRobustness.loadsOrExplains(text, PlaybookFormat.JSON);
    LoaderRobustness.loadsOrExplains(text, PlaybookFormat.YAML);
  }
}
