package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operators, precedence, spellings, names and units of the condition language. */
class ConditionOperatorsTest {

  private static boolean holds(String condition, Map<String, ?> facts) {
    return Condition.compile(condition).test(Facts.of(facts));
  }

  @Nested
  class Comparisons {
    @ParameterizedTest(name = "{0} with x = {1} is {2}")
    @CsvSource({
      "x == 5, 5, true",
      "x == 5, 4, false",
      "x != 5, 4, true",
      "x != 5, 5, false",
      "x < 5, 4, true",
      "x < 5, 5, false",
      "x <= 5, 5, true",
      "x <= 5, 6, false",
      "x > 5, 6, true",
      "x > 5, 5, false",
      "x >= 5, 5, true",
      "x >= 5, 4, false",
      "5 > x, 4, true",
      "5 > x, 5, false",
      "-1.5 < x, -1, true",
      "x > -1.5, -2, false"
    })
    void compareNumbers(String condition, double x, boolean expected) {
      assertThat(holds(condition, Map.of("x", x))).isEqualTo(expected);
    }

    @Test
    void compareStringsAndSymbolsForEquality() {
      assertThat(holds("env == 'prod'", Map.of("env", "prod"))).isTrue();
      assertThat(holds("env == \"prod\"", Map.of("env", "prod"))).isTrue();
      assertThat(holds("env == prod", Map.of("env", "prod"))).isTrue();
      assertThat(holds("env != prod", Map.of("env", "prod"))).isFalse();
      assertThat(holds("env == 'it\\'s'", Map.of("env", "it's"))).isTrue();
      assertThat(holds("env == kube-system", Map.of("env", "kube-system"))).isTrue();
      assertThat(holds("version == v2.1.0", Map.of("version", "v2.1.0"))).isTrue();
    }

    @Test
    void compareBooleans() {
      assertThat(holds("off_hours == true", Map.of("off_hours", true))).isTrue();
      assertThat(holds("off_hours == FALSE", Map.of("off_hours", true))).isFalse();
      assertThat(holds("off_hours != false", Map.of("off_hours", true))).isTrue();
      assertThat(holds("true", Map.of())).isTrue();
      assertThat(holds("false OR x", Map.of("x", true))).isTrue();
    }

    @Test
    void compareTwoFacts() {
      assertThat(holds("current < target", Map.of("current", 2, "target", "3_pods"))).isTrue();
      assertThat(holds("a == b", Map.of("a", "x", "b", "x"))).isTrue();
    }

    @Test
    void foldComparisonsOfTwoLiterals() {
      assertThat(holds("1 < 2", Map.of())).isTrue();
      assertThat(holds("20% == 0.2", Map.of())).isTrue();
      assertThat(holds("1s == 1000ms", Map.of())).isTrue();
      assertThat(holds("'a' IN ['b']", Map.of())).isFalse();
    }
  }

  @Nested
  class Connectives {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
        delimiter = ';',
        value = {
          "t AND t; true",
          "t AND f; false",
          "t and f; false",
          "t && t; true",
          "f OR t; true",
          "f or f; false",
          "f || t; true",
          "NOT f; true",
          "not t; false",
          "!t; false",
          "! f; true",
          "NOT NOT t; true",
          "f OR t AND f; false",
          "(f OR t) AND f; false",
          "t OR t AND f; true",
          "f AND t OR t; true",
          "NOT f AND f; false",
          "NOT (f AND f); true",
          "!(t && f) || f; true",
          "t AnD NoT f; true"
        })
    void followPrecedenceNotThenAndThenOr(String condition, boolean expected) {
      assertThat(holds(condition, Map.of("t", true, "f", false))).isEqualTo(expected);
    }

    @Test
    void notAppliesToAWholeComparison() {
      Condition c = Condition.compile("NOT severity == P0");

      assertThat(c.normalized()).isEqualTo("NOT severity == P0");
      assertThat(c.test(Facts.of(Map.of("severity", "P1")))).isTrue();
      assertThat(c).isEqualTo(Condition.compile("NOT (severity == P0)"));
    }

    @Test
    void spellingsNormalizeToOneCanonicalText() {
      Condition c = Condition.compile("  (a&&b)||!c  and  d in [ 'x' ,y ]");

      assertThat(c.normalized()).isEqualTo("a AND b OR NOT c AND d IN ['x', y]");
      assertThat(c.toString()).isEqualTo(c.normalized());
      assertThat(c.source()).isEqualTo("  (a&&b)||!c  and  d in [ 'x' ,y ]");
      assertThat(c).isEqualTo(Condition.compile("a AND b OR NOT c AND d IN ['x', y]"));
      assertThat(c).isNotEqualTo(Condition.compile("a AND (b OR NOT c) AND d IN ['x', y]"));
    }

    @Test
    void parenthesesAroundARunOfOneOperatorDoNotChangeTheTree() {
      assertThat(Condition.compile("(a AND b) AND (c AND d)"))
          .isEqualTo(Condition.compile("a AND b AND c AND d"));
      assertThat(Condition.compile("((a))").normalized()).isEqualTo("a");
      assertThat(Condition.compile("a AND (b OR c)").normalized()).isEqualTo("a AND (b OR c)");
    }

    @Test
    void longRunsOfAndAndOrEvaluateWithoutDeepRecursion() {
      StringBuilder b = new StringBuilder("x0");
      for (int i = 1; i < 700; i++) {
        b.append(i % 2 == 0 ? " AND x" : " OR x").append(i);
      }
      Condition c = Condition.compile(b.toString());

      assertThat(c.evaluate(Facts.of(Map.of("x699", true)))).isEqualTo(Truth.TRUE);
      assertThat(c.factNames()).hasSize(700);
    }
  }

  @Nested
  class Membership {
    @Test
    void testsAScalarFactAgainstAList() {
      Condition c = Condition.compile("action IN ['restart_pod', 'scale_deployment']");

      assertThat(c.test(Facts.of(Map.of("action", "restart_pod")))).isTrue();
      assertThat(c.test(Facts.of(Map.of("action", "delete_node")))).isFalse();
    }

    @Test
    void holdsForAListFactWhenAnyElementIsInTheList() {
      Condition in = Condition.compile("namespaces IN ['prod', 'payments']");
      Condition notIn = Condition.compile("namespaces NOT IN ['prod', 'payments']");

      Facts some = Facts.of(Map.of("namespaces", List.of("dev", "prod")));
      Facts none = Facts.of(Map.of("namespaces", List.of("dev", "staging")));
      Facts empty = Facts.of(Map.of("namespaces", List.of()));
      assertThat(in.test(some)).isTrue();
      assertThat(in.test(none)).isFalse();
      assertThat(in.test(empty)).isFalse();
      assertThat(notIn.test(some)).isFalse();
      assertThat(notIn.test(none)).isTrue();
      assertThat(notIn.test(empty)).isTrue();
    }

    @Test
    void readsAListFactOnTheRight() {
      Condition c = Condition.compile("namespace IN protected_namespaces");

      assertThat(
              c.test(
                  Facts.of(Map.of("namespace", "prod", "protected_namespaces", List.of("prod")))))
          .isTrue();
      assertThat(
              c.test(Facts.of(Map.of("namespace", "dev", "protected_namespaces", List.of("prod")))))
          .isFalse();
    }

    @Test
    void readsAnAbsentNameOnTheRightAsAOneElementList() {
      assertThat(holds("severity IN P0", Map.of("severity", "P0"))).isTrue();
    }

    @Test
    void comparesQuantitiesInBaseUnits() {
      assertThat(holds("timeout IN [30s, 1m]", Map.of("timeout", "60000ms"))).isTrue();
      assertThat(holds("replicas IN [1, 2, 3]", Map.of("replicas", "2_pods"))).isTrue();
      assertThat(holds("flag IN [true]", Map.of("flag", true))).isTrue();
    }

    @Test
    void notInIsNotOfIn() {
      assertThat(holds("x NOT IN [a, b]", Map.of("x", "c"))).isTrue();
      assertThat(holds("x not in [a, b]", Map.of("x", "a"))).isFalse();
      assertThat(holds("x IN []", Map.of("x", "a"))).isFalse();
      assertThat(holds("x NOT IN []", Map.of("x", "a"))).isTrue();
    }
  }

  @Nested
  class Names {
    @Test
    void aNameOnTheRightOfEqualsIsTheFactWhenPresentElseASymbol() {
      Condition c = Condition.compile("severity == P0");

      assertThat(c.test(Facts.of(Map.of("severity", "P0")))).isTrue();
      assertThat(c.test(Facts.of(Map.of("severity", "P1", "P0", "P1")))).isTrue();
      assertThat(c.factNames()).containsExactly("severity");
    }

    @Test
    void aNameOnTheRightOfAnOrderingIsAlwaysAFact() {
      Condition c = Condition.compile("current < target");

      assertThat(c.factNames()).containsExactly("current", "target");
      assertThat(c.evaluate(Facts.of(Map.of("current", 1)))).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void withASchemaAnUndeclaredNameOnTheRightOfEqualsIsASymbol() {
      FactSchema schema = FactSchema.of("severity", "P0_threshold");

      Condition c = Condition.compile("severity == P0", schema);

      assertThat(c.factNames()).containsExactly("severity");
      assertThat(c.test(Facts.of(Map.of("severity", "P0", "P0", "other")))).isTrue();
    }

    @Test
    void withASchemaADeclaredNameOnTheRightOfEqualsIsAFact() {
      Condition c = Condition.compile("desired == current", FactSchema.of("desired", "current"));

      assertThat(c.factNames()).containsExactly("desired", "current");
      assertThat(c.test(Facts.of(Map.of("desired", 3, "current", 3)))).isTrue();
      assertThat(c.evaluate(Facts.of(Map.of("desired", 3)))).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void identifiersInAListAreAlwaysSymbols() {
      Condition c = Condition.compile("x IN [a, b]");

      assertThat(c.test(Facts.of(Map.of("x", "a", "a", "zzz")))).isTrue();
    }

    @Test
    void keywordsMatchInAnyCaseAndCannotBeFactNames() {
      assertThat(holds("a AnD b oR nOt c", Map.of("a", true, "b", true, "c", true))).isTrue();
      assertThatThrownBy(() -> FactSchema.of("and")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Condition.compile("x == in"))
          .isInstanceOf(ConditionSyntaxException.class);
    }
  }

  @Nested
  class Units {
    @ParameterizedTest(name = "{0} with x = {1} is {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          "x < 20%      | 0.15        | true",
          "x < 20%      | 15%         | true",
          "x < 20%      | 0.2         | false",
          "x == 200%    | 2x          | true",
          "x < 2x       | 1.5         | true",
          "x < 2x       | 150%        | true",
          "x < 500ms    | 350         | true",
          "x < 500ms    | 0.4s        | true",
          "x < 500ms    | 1s          | false",
          "x == 10m     | 600s        | true",
          "x == 10m     | 600000      | true",
          "x < 7 days   | 6d          | true",
          "x < 7_days   | 1w          | false",
          "x == 2 hours | 120 minutes | true",
          "x == 1h      | 60min       | true",
          "x > $50/month | $65/month  | true",
          "x > $50/month | 65         | true",
          "x > $50/month | $45        | false",
          "x == $50     | $50/month   | true",
          "x < 10_pods  | 9           | true",
          "x < 10_pods  | 10_pods     | false",
          "x > -$5/month | -$1/month  | true"
        })
    void readPlainNumbersInTheQuantitysBaseUnit(String condition, String x, boolean expected) {
      // A string with a unit is that quantity; a plain number is given as a number.
      Object value = Quantity.parseUnitLiteralOrNull(x) != null ? x : Double.parseDouble(x);
      assertThat(holds(condition, Map.of("x", value))).isEqualTo(expected);
    }

    @Test
    void javaDurationsAndQuantitiesAreFactValues() {
      assertThat(holds("age > 10m", Map.of("age", Duration.ofMinutes(11)))).isTrue();
      assertThat(holds("ratio < 2x", Map.of("ratio", Quantity.ratio(1.5)))).isTrue();
      assertThat(holds("cost > $10", Map.of("cost", Quantity.dollarsPerMonth(11)))).isTrue();
    }
  }
}
