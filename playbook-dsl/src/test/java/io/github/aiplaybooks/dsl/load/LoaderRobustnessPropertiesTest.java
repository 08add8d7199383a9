package io.github.aiplaybooks.dsl.load;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The loader never throws anything but its own typed exception: on random text, on the seed
 * playbooks cut short anywhere, and on the seed playbooks with random edits.
 */
class LoaderRobustnessPropertiesTest {
  private static final List<String> SEEDS_JSON =
      SeedPlaybooks.NAMES.stream().map(SeedPlaybooks::json).toList();
  private static final List<String> SEEDS_YAML =
      SeedPlaybooks.NAMES.stream().map(n -> PlaybookWriter.toYaml(SeedPlaybooks.load(n))).toList();

  @Property(tries = 300)
  void randomTextLoadsOrExplains(@ForAll("noise") String text) {
    LoaderRobustness.loadsOrExplains(text, PlaybookFormat.JSON);
    LoaderRobustness.loadsOrExplains(text, PlaybookFormat.YAML);
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings()
            .withChars("{}[]\":,-_ \n0123456789abcxyz$&*!|>%@#'\\")
            .ofMaxLength(200));
  }

  @Property(tries = 300)
  void aSeedPlaybookCutShortAnywhereLoadsOrExplains(
      @ForAll @IntRange(min = 0, max = 4) int seed,
      @ForAll @IntRange(min = 0, max = 4000) int cut) {
    String json = SEEDS_JSON.get(seed);
    String yaml = SEEDS_YAML.get(seed);
    LoaderRobustness.loadsOrExplains(
        json.substring(0, Math.min(cut, json.length())), PlaybookFormat.JSON);
    LoaderRobustness.loadsOrExplains(
        yaml.substring(0, Math.min(cut, yaml.length())), PlaybookFormat.YAML);
  }

  @Property(tries = 500)
  void aSeedPlaybookWithRandomEditsLoadsOrExplains(
      @ForAll @IntRange(min = 0, max = 4) int seed, @ForAll("edits") List<Edit> edits) {
    String json = SEEDS_JSON.get(seed);
    String yaml = SEEDS_YAML.get(seed);
    for (Edit e : edits) {
      json = e.apply(json);
      yaml = e.apply(yaml);
    }
    LoaderRobustness.loadsOrExplains(json, PlaybookFormat.JSON);
    LoaderRobustness.loadsOrExplains(yaml, PlaybookFormat.YAML);
  }

  /** Replace {@code length} characters at a relative position with {@code text}. */
  record Edit(double at, int length, String text) {
    String apply(String s) {
      int from = (int) (at * s.length());
      int to = Math.min(s.length(), from + length);
      return s.substring(0, from) + text + s.substring(to);
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "\"",
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "null",
                "true",
                "42",
                "-1e999",
                "\"x-a\": 1,",
                "\"1_detect\": {}",
                "${",
                "${x}",
                "'",
                "\n",
                "  ",
                "- ",
                "&a",
                "*a",
                "!!binary",
                "\u0000",
                "\"auto_aprove_if\"",
                "\"action\": \"auto_fix\"",
                "\"99999_x\""),
            Arbitraries.strings().ofMaxLength(6));
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.doubles().between(0, 1).ofScale(3),
                Arbitraries.integers().between(0, 12),
                text)
            .as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(4);
  }
}
