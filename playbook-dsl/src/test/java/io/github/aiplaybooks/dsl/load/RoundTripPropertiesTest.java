package io.github.aiplaybooks.dsl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.playbook.Playbook;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Playbook → JSON → Playbook and Playbook → YAML → Playbook are the identity. */
class RoundTripPropertiesTest {
  private static final PlaybookLoader LOADER = PlaybookLoader.standard();

  @Provide
  Arbitrary<Playbook> playbooks() {
    return PlaybookArbitraries.playbooks();
  }

  @Property(tries = 300)
  void writingAsJsonAndLoadingGivesAnEqualPlaybook(@ForAll("playbooks") Playbook p) {
    String json = PlaybookWriter.toJson(p);

    assertSamePlaybook(LOADER.load("p.json", json, PlaybookFormat.JSON), p);
  }

  /** Equal, comparing part by part first so that a failure shows what differs. */
  static void assertSamePlaybook(Playbook actual, Playbook expected) {
    assertThat(actual.trigger()).isEqualTo(expected.trigger());
    assertThat(actual.inputs()).isEqualTo(expected.inputs());
    assertThat(actual.steps()).containsExactlyElementsOf(expected.steps());
    assertThat(actual.routing()).isEqualTo(expected.routing());
    assertThat(actual.extensions()).isEqualTo(expected.extensions());
    assertThat(actual).isEqualTo(expected).hasSameHashCodeAs(expected);
  }

  @Property(tries = 300)
  void writingAsYamlAndLoadingGivesAnEqualPlaybook(@ForAll("playbooks") Playbook p) {
    String yaml = PlaybookWriter.toYaml(p);

    assertSamePlaybook(LOADER.load("p.yaml", yaml, PlaybookFormat.YAML), p);
  }

  @Property(tries = 100)
  void writingIsStable(@ForAll("playbooks") Playbook p) {
    String json = PlaybookWriter.toJson(p);

    assertThat(PlaybookWriter.toJson(LOADER.load("p.json", json, PlaybookFormat.JSON)))
        .isEqualTo(json);
  }
}
