package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts of the public API: combining, equality, fact names, schemas and types. */
class ConditionApiTest {

  @Test
  void anyOfHoldsWhenOneConditionHoldsAndKeepsEachSchema() {
    FactSchema schema = FactSchema.builder().fact("blast_radius", FactType.count("pods")).build();
    Condition any =
        Condition.anyOf(
            List.of(
                Condition.compile("action IN ['delete_node', 'modify_rbac']"),
                Condition.compile("blast_radius > 50_pods", schema)));

    assertThat(any.normalized())
        .isEqualTo("action IN ['delete_node', 'modify_rbac'] OR blast_radius > 50_pods");
    assertThat(any.source()).isEqualTo(any.normalized());
    assertThat(any.factNames()).containsExactly("action", "blast_radius");
    assertThat(any.test(Facts.of(Map.of("action", "restart_pod", "blast_radius", 60)))).isTrue();
    assertThat(any.evaluate(Facts.of(Map.of("action", "restart_pod")))).isEqualTo(Truth.UNKNOWN);
    assertThatThrownBy(() -> any.evaluate(Facts.of(Map.of("action", "x", "blast_radius", "5%"))))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("declared as a count of pods");
    assertThat(any).isEqualTo(Condition.compile(any.normalized()));
  }

  @Test
  void allOfHoldsWhenEveryConditionHolds() {
    Condition all =
        Condition.allOf(List.of(Condition.compile("a OR b"), Condition.compile("c AND d")));

    assertThat(all.normalized()).isEqualTo("(a OR b) AND c AND d");
    assertThat(all).isEqualTo(Condition.compile("(a OR b) AND c AND d"));
    assertThat(all.test(Facts.of(Map.of("a", true, "c", true, "d", true)))).isTrue();
    assertThat(all.test(Facts.of(Map.of("a", true, "c", true, "d", false)))).isFalse();
    assertThat(Condition.allOf(List.of(Condition.compile("a")))).isEqualTo(Condition.compile("a"));
    assertThatThrownBy(() -> Condition.allOf(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityIsByNormalizedTree() {
    Condition a = Condition.compile("x>1 && y");
    Condition b = Condition.compile("(x > 1) AND y");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Condition.compile("x > 1.5 AND y"));
    assertThat(Condition.compile("x > 1.0")).isEqualTo(Condition.compile("x > 1"));
    assertThat(Condition.compile("x == 'P0'")).isNotEqualTo(Condition.compile("x == P0"));
  }

  @Test
  void factNamesAreInOrderOfAppearanceWithoutPossibleSymbols() {
    Condition c = Condition.compile("b > 1 AND a == P0 AND (c OR b) AND d IN [x] AND e IN f");

    assertThat(c.factNames()).containsExactly("b", "a", "c", "d", "e");
  }

  @Test
  void schemasAreImmutableAndDescribeTheirFacts() {
    FactSchema schema =
        FactSchema.builder()
            .fact("severity", FactType.oneOf(List.of("P0", "P1")))
            .fact("blast_radius", FactType.count("pods"))
            .fact("namespace")
            .build();
    FactSchema extended = schema.toBuilder().fact("off_hours", FactType.BOOLEAN).build();

    assertThat(schema.names()).containsExactly("severity", "blast_radius", "namespace");
    assertThat(extended.names()).hasSize(4);
    assertThat(schema.declares("off_hours")).isFalse();
    assertThat(schema.type("namespace")).contains(FactType.ANY);
    assertThat(schema.type("blast_radius").orElseThrow().countUnit()).contains("pods");
    assertThat(schema.type("severity").orElseThrow().values()).containsExactly("P0", "P1");
    assertThat(schema)
        .isEqualTo(
            FactSchema.of().toBuilder()
                .fact("severity", FactType.oneOf(List.of("P0", "P1")))
                .fact("blast_radius", FactType.count("pods"))
                .fact("namespace")
                .build());
    assertThatThrownBy(() -> schema.names().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> FactSchema.of("not a name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name: 'not a name' is not a name a condition can write");
  }

  @Test
  void factTypesPrintAndCompare() {
    assertThat(FactType.count("pods")).isEqualTo(FactType.count("pods")).hasToString("COUNT(pods)");
    assertThat(FactType.count("pods")).isNotEqualTo(FactType.count("nodes"));
    assertThat(FactType.SYMBOL).isSameAs(FactType.STRING);
    assertThat(FactType.oneOf(Map.of("delete_pod", "restart_pod")).values())
        .containsExactly("restart_pod");
    assertThat(FactType.oneOf(List.of("a", "b"))).hasToString("STRING[a, b]");
    assertThat(FactType.RATIO.kind()).isEqualTo(FactType.Kind.RATIO);
    assertThatThrownBy(() -> FactType.oneOf(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FactType.count("10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unit");
  }

  @Test
  void aPlainNumberIsAcceptedWhereAQuantityIsDeclared() {
    FactSchema schema =
        FactSchema.builder()
            .fact("latency", FactType.DURATION)
            .fact("cost", FactType.MONEY)
            .fact("ratio", FactType.RATIO)
            .build();
    Condition c = Condition.compile("latency < 1s AND cost < $10 AND ratio < 50%", schema);

    assertThat(c.test(Facts.of(Map.of("latency", 500, "cost", 5, "ratio", 0.2)))).isTrue();
    assertThat(c.test(Facts.of(Map.of("latency", "2s", "cost", "$5", "ratio", "20%")))).isFalse();
  }
}
