package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link Condition#explain} says about a result. */
class ExplanationTest {

  @Test
  void explainsAComparisonWithTheFactValueAndTheLiteral() {
    Explanation e =
        Condition.compile("blast_radius < 10_pods")
            .explain(Facts.of(Map.of("blast_radius", "12_pods")));

    assertThat(e.result()).isEqualTo(Truth.FALSE);
    assertThat(e.text()).isEqualTo("blast_radius (12 pods) < 10_pods is false");
    assertThat(e.isLeaf()).isTrue();
    assertThat(e.condition()).isEqualTo("blast_radius < 10_pods");
    assertThat(e.factsRead())
        .containsExactly(Map.entry("blast_radius", Quantity.count(12, "pods")));
    assertThat(e.literals()).containsExactly("10_pods");
    assertThat(e.missingFacts()).isEmpty();
  }

  @Test
  void namesTheFirstFalseOperandOfAFalseAnd() {
    Explanation e =
        Condition.compile("severity == P0 AND off_hours == true")
            .explain(Facts.of(Map.of("severity", "P1", "off_hours", true)));

    assertThat(e.result()).isEqualTo(Truth.FALSE);
    assertThat(e.text())
        .isEqualTo(
            "severity == P0 AND off_hours == true is false because severity (P1) == P0 is false");
    assertThat(e.children()).hasSize(1).as("off_hours is not evaluated");
    assertThat(e.decisive()).extracting(Explanation::condition).containsExactly("severity == P0");
    assertThat(e.factsRead()).containsOnlyKeys("severity");
  }

  @Test
  void namesEveryOperandOfATrueAnd() {
    Explanation e =
        Condition.compile("risk == missing_network_policy AND template_available")
            .explain(
                Facts.of(Map.of("risk", "missing_network_policy", "template_available", true)));

    assertThat(e.text())
        .isEqualTo(
            "risk == missing_network_policy AND template_available is true because"
                + " risk (missing_network_policy) == missing_network_policy is true"
                + " and template_available (true) is true");
    assertThat(e.decisive()).hasSize(2);
  }

  @Test
  void namesTheFirstTrueOperandOfATrueOr() {
    Explanation e =
        Condition.compile("blast_radius > 50_pods OR action IN ['delete_node', 'modify_rbac']")
            .explain(Facts.of(Map.of("blast_radius", 3, "action", "modify_rbac")));

    assertThat(e.result()).isEqualTo(Truth.TRUE);
    assertThat(e.children()).hasSize(2);
    assertThat(e.decisive())
        .extracting(Explanation::text)
        .containsExactly("action (modify_rbac) IN ['delete_node', 'modify_rbac'] is true");
  }

  @Test
  void namesTheUnknownOperandsAndTheMissingFacts() {
    Explanation e =
        Condition.compile("confidence > 0.85 AND predicted_load_increase > 30%")
            .explain(Facts.of(Map.of("confidence", 0.9)));

    assertThat(e.result()).isEqualTo(Truth.UNKNOWN);
    assertThat(e.text())
        .isEqualTo(
            "confidence > 0.85 AND predicted_load_increase > 30% is unknown because"
                + " predicted_load_increase (missing) > 30% is unknown");
    assertThat(e.missingFacts()).containsExactly("predicted_load_increase");
    assertThat(e.factsRead()).containsOnlyKeys("confidence");
  }

  @Test
  void explainsNotThroughItsOperand() {
    Explanation e =
        Condition.compile("NOT (a OR b)").explain(Facts.of(Map.of("a", false, "b", true)));

    assertThat(e.result()).isEqualTo(Truth.FALSE);
    assertThat(e.text()).isEqualTo("NOT (a OR b) is false because b (true) is true");
  }

  @Test
  void showsSymbolsBareAndFactsThatShadowThemWithTheirValue() {
    Condition c = Condition.compile("severity == P0");

    assertThat(c.explain(Facts.of(Map.of("severity", "P0"))).text())
        .isEqualTo("severity (P0) == P0 is true");
    assertThat(c.explain(Facts.of(Map.of("severity", "P0", "P0", "P1"))).text())
        .isEqualTo("severity (P0) == P0 (P1) is false");
  }

  @Test
  void printsTheEvaluatedTree() {
    Explanation e =
        Condition.compile("a AND (b OR c)")
            .explain(Facts.of(Map.of("a", true, "b", false, "c", true)));

    assertThat(e.toString())
        .isEqualTo(
            String.join(
                "\n",
                "true: a AND (b OR c)",
                "  true: a (true)",
                "  true: b OR c",
                "    false: b (false)",
                "    true: c (true)"));
  }

  @Test
  void explainsListFactsAndQuantityStrings() {
    Explanation e =
        Condition.compile("namespaces IN [prod] OR cost > $50/month")
            .explain(Facts.of(Map.of("namespaces", List.of("dev"), "cost", "$65/month")));

    assertThat(e.text())
        .isEqualTo(
            "namespaces IN [prod] OR cost > $50/month is true because"
                + " cost ($65/month) > $50/month is true");
    assertThat(e.children().get(0).text()).isEqualTo("namespaces ([dev]) IN [prod] is false");
  }

  @Test
  void explainsConstantsAndFoldedComparisons() {
    assertThat(Condition.compile("true").explain(Facts.empty()).text()).isEqualTo("true is true");
    assertThat(Condition.compile("1s < 500ms").explain(Facts.empty()).text())
        .isEqualTo("1s < 500ms is false");
  }
}
