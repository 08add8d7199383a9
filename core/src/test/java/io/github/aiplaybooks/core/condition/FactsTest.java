package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Building facts from maps, JSON and builders, and layering them. */
class FactsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void readsJsonNumbersBooleansStringsAndArrays() {
    Facts facts =
        Facts.fromJson(
            json(
                "{\"severity\": \"P0\", \"off_hours\": true, \"blast_radius\": 12,"
                    + " \"cost_increase\": \"12%\", \"latency_p99\": \"350ms\","
                    + " \"savings\": \"$65/month\", \"pods\": \"10_pods\","
                    + " \"tags\": [\"a\", 2, false], \"ignored\": null}"));

    assertThat(facts.names())
        .containsExactly(
            "severity",
            "off_hours",
            "blast_radius",
            "cost_increase",
            "latency_p99",
            "savings",
            "pods",
            "tags");
    assertThat(facts.get("severity")).contains("P0");
    assertThat(facts.get("off_hours")).contains(true);
    assertThat(facts.get("blast_radius")).contains(Quantity.number(12));
    assertThat(facts.get("cost_increase")).contains(Quantity.percent(12));
    assertThat(facts.get("latency_p99")).contains(Quantity.duration(Duration.ofMillis(350)));
    assertThat(facts.get("savings")).contains(Quantity.dollarsPerMonth(65));
    assertThat(facts.get("pods")).contains(Quantity.count(10, "pods"));
    assertThat(facts.get("tags")).contains(List.of("a", Quantity.number(2), false));
    assertThat(facts.contains("ignored")).isFalse();
    assertThat(facts.get("ignored")).isEmpty();
  }

  @Test
  void keepsStringsThatAreNotEntirelyAQuantityWithAUnit() {
    Facts facts =
        Facts.of(
            Map.of(
                "plain",
                "12",
                "word",
                "P0",
                "sentence",
                "12% of pods",
                "empty",
                "",
                "spaced",
                " 5s "));

    assertThat(facts.get("plain")).contains("12");
    assertThat(facts.get("word")).contains("P0");
    assertThat(facts.get("sentence")).contains("12% of pods");
    assertThat(facts.get("empty")).contains("");
    assertThat(facts.get("spaced")).contains(Quantity.duration(Duration.ofSeconds(5)));
  }

  @Test
  void rejectsJsonValuesThatCannotBeFactsNamingThePointer() {
    assertThatThrownBy(() -> Facts.fromJson(json("{\"target\": {\"name\": \"api\"}}")))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact /target: an object is not a fact value");
    assertThatThrownBy(() -> Facts.fromJson(json("{\"a/b\": [1, [2]]}")))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact /a~1b/1: an array cannot be a list element");
    assertThatThrownBy(() -> Facts.fromJson(json("{\"x\": [null]}")))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact /x/0: null cannot be a list element");
    assertThatThrownBy(() -> Facts.fromJson(json("{\"tags\": [1, {}]}"), "/facts"))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact /facts/tags/1: an object cannot be a list element");
    assertThatThrownBy(() -> Facts.fromJson(json("\"x\""), "/facts"))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("facts at /facts must be a JSON object");
    assertThatThrownBy(() -> Facts.fromJson(json("[1, 2]")))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("facts must be a JSON object");
    assertThatThrownBy(() -> Facts.fromJson(json("{\"x\": 1e400}")))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact /x: the number is out of range");
  }

  @Test
  void convertsJavaValues() {
    enum Severity {
      P0
    }
    Map<String, Object> values = new HashMap<>();
    values.put("int", 3);
    values.put("long", 4L);
    values.put("big", new BigDecimal("0.85"));
    values.put("duration", Duration.ofMinutes(10));
    values.put("enum", Severity.P0);
    values.put("array", new String[] {"a", "10m"});
    values.put("absent", null);
    Facts facts = Facts.of(values);

    assertThat(facts.get("int")).contains(Quantity.number(3));
    assertThat(facts.get("long")).contains(Quantity.number(4));
    assertThat(facts.get("big")).contains(Quantity.number(0.85));
    assertThat(facts.get("duration")).contains(Quantity.parse("10m"));
    assertThat(facts.get("enum")).contains("P0");
    assertThat(facts.get("array")).contains(List.of("a", Quantity.parse("10m")));
    assertThat(facts.contains("absent")).isFalse();
    assertThat(facts.size()).isEqualTo(6);
  }

  @Test
  void rejectsJavaValuesThatCannotBeFacts() {
    assertThatThrownBy(() -> Facts.of(Map.of("x", Double.NaN)))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact 'x': NaN is not a finite number");
    assertThatThrownBy(() -> Facts.of(Map.of("x", new Object())))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact 'x': a java.lang.Object is not a fact value");
    assertThatThrownBy(() -> Facts.of(Map.of("x", List.of(List.of(1)))))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact 'x[0]'");
    assertThatThrownBy(() -> Facts.builder().put("x", (Object) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void buildsWithTypedPutsAndCopies() {
    Facts.Builder b =
        Facts.builder()
            .put("flag", true)
            .put("ratio", 0.5)
            .put("name", "api")
            .put("limit", Quantity.count(3, "pods"))
            .put("age", Duration.ofSeconds(90));
    Facts first = b.build();
    b.put("flag", false).remove("name");
    Facts second = b.build();

    assertThat(first.get("flag")).contains(true);
    assertThat(first.get("name")).contains("api");
    assertThat(second.get("flag")).contains(false);
    assertThat(second.contains("name")).isFalse();
    assertThat(first.get("age")).contains(Quantity.parse("90s"));
    assertThat(first.toBuilder().put("extra", 1).build().size()).isEqualTo(6);
    assertThat(first.size()).isEqualTo(5);
  }

  @Test
  void layersDefaultsUnderTrustedFacts() {
    Facts trusted = Facts.builder().put("action", "restart_pod").put("off_hours", false).build();
    Facts computed = Facts.builder().put("off_hours", true).put("scale_up", 0).build();

    Facts facts = trusted.withDefaults(computed);

    assertThat(facts.get("off_hours")).contains(false);
    assertThat(facts.get("scale_up")).contains(Quantity.number(0));
    assertThat(facts.names()).containsExactly("action", "off_hours", "scale_up");
    assertThat(trusted.withDefaults(Facts.empty())).isSameAs(trusted);
    assertThat(Facts.builder().put("a", 1).putIfAbsent("a", 2).putIfAbsent("b", 3).build())
        .isEqualTo(Facts.of(Map.of("a", 1, "b", 3)));
  }

  @Test
  void comparesByValueAndPrintsReadably() {
    Facts a = Facts.of(Map.of("x", "12%", "y", List.of("a")));
    Facts b = Facts.builder().put("y", List.of("a")).put("x", Quantity.percent(12)).build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Facts.of(Map.of("x", "13%", "y", List.of("a"))));
    assertThat(Facts.builder().put("n", "10_pods").put("s", "P0").build().toString())
        .isEqualTo("{n=10 pods, s=P0}");
  }

  @Test
  void publicValuesAreUnmodifiable() {
    Facts facts = Facts.of(Map.of("tags", List.of("a")));

    @SuppressWarnings("unchecked")
    List<Object> tags = (List<Object>) facts.get("tags").orElseThrow();
    assertThatThrownBy(() -> tags.add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> facts.names().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readsTheSameWhetherBuiltBeforeOrAfterTheConditionIsCompiled() {
    String name = "fresh_" + Long.toHexString(System.nanoTime());
    Facts before = Facts.of(Map.of(name, 5, "other", true));

    Condition c = Condition.compile(name + " > 3 AND NOT other");
    Facts after = Facts.of(Map.of(name, 5, "other", true));
    Facts afterWithout = Facts.of(Map.of("other", false));

    assertThat(c.evaluate(before)).isEqualTo(Truth.FALSE);
    assertThat(c.evaluate(after)).isEqualTo(Truth.FALSE);
    assertThat(c.evaluate(afterWithout)).isEqualTo(Truth.UNKNOWN);
    assertThat(c.evaluate(before.toBuilder().put("other", false).build())).isEqualTo(Truth.TRUE);
    assertThat(c.evaluate(Facts.of(Map.of("other", false)).withDefaults(before)))
        .isEqualTo(Truth.TRUE);
  }
}
