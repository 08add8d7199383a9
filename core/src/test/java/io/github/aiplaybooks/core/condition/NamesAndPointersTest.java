package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared helpers every message and loader uses: identifiers, suggestions, JSON pointers. */
class NamesAndPointersTest {

  @Test
  void identifiersAreWhatTheLexerReadsAsOneName() {
    for (String ok :
        List.of("a", "_x", "blast_radius", "kube-system", "v2.1.0", "get-metric-data")) {
      assertThat(Identifiers.isIdentifier(ok)).as(ok).isTrue();
      assertThat(Condition.compile(ok).bareIdentifier()).as(ok).contains(ok);
    }
    for (String bad :
        List.of("", " a", "a ", "my fact", "1a", "a-", "a--b", "a..b", "-a", "AND", "true", "In")) {
      assertThat(Identifiers.isIdentifier(bad)).as(bad).isFalse();
    }
    assertThat(Identifiers.isIdentifier(null)).isFalse();
  }

  @Test
  void requireIdentifierNamesTheField() {
    assertThat(Identifiers.requireIdentifier("restart_pod", "name")).isEqualTo("restart_pod");
    assertThatThrownBy(() -> Identifiers.requireIdentifier("restart pod", "name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name: 'restart pod' is not a name a condition can write");
    assertThatThrownBy(() -> Identifiers.requireIdentifier(null, "category"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("category");
  }

  @Test
  void suggestionsWorkForAnyCandidateNotOnlyIdentifiers() {
    List<String> actions = List.of("get_metric_data", "get-metric-data", "restart_pod");
    assertThat(Suggestions.closest("get-metric-dat", actions)).contains("get-metric-data");
    assertThat(Suggestions.closest("restrat_pod", actions)).contains("restart_pod");
    assertThat(Suggestions.closest("Restart_Pod", actions)).as("case").contains("restart_pod");
    assertThat(Suggestions.closest("restart_pod", actions)).as("itself is no typo").isEmpty();
    assertThat(Suggestions.closest("scale_up", actions)).isEmpty();
    assertThat(Suggestions.closest("bussiness hours", List.of("business hours", "x y")))
        .contains("business hours");
    assertThat(Suggestions.didYouMean("restrat_pod", actions))
        .isEqualTo(" (did you mean 'restart_pod'?)");
    assertThat(Suggestions.didYouMean("zzz", actions)).isEmpty();
  }

  @Test
  void jsonPointersEscapeTildeAndSlash() {
    assertThat(JsonPointers.escape("plain")).isEqualTo("plain");
    assertThat(JsonPointers.escape("a/b~c")).isEqualTo("a~1b~0c");
    assertThat(JsonPointers.escape("~1")).isEqualTo("~01");
    assertThat(JsonPointers.child("/facts", "a/b")).isEqualTo("/facts/a~1b");
    assertThat(JsonPointers.child("", "x")).isEqualTo("/x");
  }
}
