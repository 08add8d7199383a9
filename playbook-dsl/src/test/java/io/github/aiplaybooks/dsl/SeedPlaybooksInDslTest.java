package io.github.aiplaybooks.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.playbook.AlertTrigger;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.dsl.load.PlaybookFormat;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import io.github.aiplaybooks.dsl.load.PlaybookWriter;
import io.github.aiplaybooks.dsl.load.SeedPlaybooks;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed's playbooks written in the DSL equal the ones loaded from the seed's JSON. */
class SeedPlaybooksInDslTest {

  static Stream<Arguments> seeds() {
    Map<String, Supplier<Playbook>> dsl =
        Map.of(
            "autonomous-incident-response", SeedPlaybooksInDsl::autonomousIncidentResponse,
            "predictive-scaling", SeedPlaybooksInDsl::predictiveScaling,
            "security-optimization", SeedPlaybooksInDsl::securityOptimization,
            "cost-optimization", SeedPlaybooksInDsl::costOptimization,
            "automated-rollback", SeedPlaybooksInDsl::automatedRollback);
    return SeedPlaybooks.NAMES.stream().map(n -> Arguments.of(n, dsl.get(n)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void theDslVersionEqualsTheJsonLoadedOne(String name, Supplier<Playbook> dsl) {
    Playbook written = dsl.get();
    Playbook loaded = SeedPlaybooks.load(name);

    assertThat(written).isEqualTo(loaded);
    assertThat(written.hashCode()).isEqualTo(loaded.hashCode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void theDslVersionWrittenAsJsonLoadsBackEqual(String name, Supplier<Playbook> dsl) {
    Playbook written = dsl.get();
    PlaybookLoader loader = PlaybookLoader.standard();

    assertThat(loader.load(name + ".json", PlaybookWriter.toJson(written), PlaybookFormat.JSON))
        .isEqualTo(written);
    assertThat(loader.load(name + ".yaml", PlaybookWriter.toYaml(written), PlaybookFormat.YAML))
        .isEqualTo(written);
  }

  @Test
  void withoutTheProseTriggerTheDslVersionEqualsTheSeedJsonAsWritten() {
    Playbook written = SeedPlaybooksInDsl.autonomousIncidentResponseAsWritten();

    assertThat(written).isEqualTo(SeedPlaybooks.loadAsWritten("autonomous-incident-response"));
    assertThat(written.trigger())
        .isEqualTo(
            new AlertTrigger(
                List.of("cloudwatch", "prometheus", "guardduty", "security_hub"), List.of()));
    assertThat(written).isNotEqualTo(SeedPlaybooks.load("autonomous-incident-response"));
  }
}
