package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kleene logic when facts are missing, and how {@code test} reports them. */
class ThreeValuedEvaluationTest {

  /** Facts where a is true, b is false and u is absent (unknown); given as TRUE/FALSE/UNKNOWN. */
  private static Facts facts(String a, String b) {
    Map<String, Object> m = new HashMap<>();
    if (!a.equals("UNKNOWN")) {
      m.put("a", Boolean.valueOf(a.toLowerCase()));
    }
    if (!b.equals("UNKNOWN")) {
      m.put("b", Boolean.valueOf(b.toLowerCase()));
    }
    return Facts.of(m);
  }

  @ParameterizedTest(name = "a={0} b={1}: AND {2}, OR {3}")
  @CsvSource({
    "TRUE, TRUE, TRUE, TRUE",
    "TRUE, FALSE, FALSE, TRUE",
    "TRUE, UNKNOWN, UNKNOWN, TRUE",
    "FALSE, TRUE, FALSE, TRUE",
    "FALSE, FALSE, FALSE, FALSE",
    "FALSE, UNKNOWN, FALSE, UNKNOWN",
    "UNKNOWN, TRUE, UNKNOWN, TRUE",
    "UNKNOWN, FALSE, FALSE, UNKNOWN",
    "UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN"
  })
  void followsKleeneLogic(String a, String b, Truth and, Truth or) {
    Facts facts = facts(a, b);

    assertThat(Condition.compile("a AND b").evaluate(facts)).isEqualTo(and);
    assertThat(Condition.compile("a OR b").evaluate(facts)).isEqualTo(or);
    assertThat(Condition.compile("NOT a").evaluate(facts)).isEqualTo(Truth.valueOf(a).not());
    assertThat(Truth.valueOf(a).and(Truth.valueOf(b))).isEqualTo(and);
    assertThat(Truth.valueOf(a).or(Truth.valueOf(b))).isEqualTo(or);
  }

  @Test
  void notOfUnknownIsUnknown() {
    assertThat(Condition.compile("NOT x").evaluate(Facts.empty())).isEqualTo(Truth.UNKNOWN);
    assertThat(Condition.compile("NOT x > 5").evaluate(Facts.empty())).isEqualTo(Truth.UNKNOWN);
    assertThat(Truth.UNKNOWN.not()).isEqualTo(Truth.UNKNOWN);
  }

  @Test
  void aComparisonWithAMissingFactIsUnknownWhateverTheOperator() {
    for (String c : new String[] {"x == 1", "x != 1", "x < 1", "x IN [1]", "x NOT IN [1]"}) {
      assertThat(Condition.compile(c).evaluate(Facts.empty())).as(c).isEqualTo(Truth.UNKNOWN);
    }
  }

  @Test
  void policiesFailClosedWithTruth() {
    Truth t = Condition.compile("blast_radius < 10_pods").evaluate(Facts.empty());

    assertThat(t.isTrue()).as("an automatic rule does not apply").isFalse();
    assertThat(t.isPossible()).as("a rule that requires a human applies").isTrue();
    assertThat(Truth.FALSE.isPossible()).isFalse();
    assertThat(Truth.of(true)).isEqualTo(Truth.TRUE);
  }

  @Test
  void testThrowsNamingTheMissingFactTheResultDependsOn() {
    Condition c = Condition.compile("severity == P0 AND blast_radius < 10_pods");

    assertThatThrownBy(() -> c.test(Facts.of(Map.of("severity", "P0", "blast_radios", 3))))
        .isInstanceOfSatisfying(
            UnknownFactException.class,
            e -> {
              assertThat(e.factName()).isEqualTo("blast_radius");
              assertThat(e.suggestion()).contains("blast_radios");
              assertThat(e.code()).isEqualTo("CONDITION_UNKNOWN_FACT");
              assertThat(e.column()).isEqualTo(20);
              assertThat(e.getMessage())
                  .contains("fact 'blast_radius' is not in the facts given")
                  .contains("did you mean 'blast_radios'?")
                  .endsWith("  severity == P0 AND blast_radius < 10_pods\n" + " ".repeat(21) + "^");
            });
  }

  @Test
  void testDoesNotThrowWhenTheMissingFactDoesNotMatter() {
    Condition c = Condition.compile("severity == P0 AND blast_radius < 10_pods");

    assertThat(c.test(Facts.of(Map.of("severity", "P1")))).isFalse();
    assertThat(Condition.compile("a OR b").test(Facts.of(Map.of("b", true)))).isTrue();
  }

  @Test
  void typeErrorsThrowFromEveryEvaluation() {
    Condition c = Condition.compile("blast_radius < 10_pods");
    Facts wrong = Facts.of(Map.of("blast_radius", "12%"));

    assertThatThrownBy(() -> c.evaluate(wrong)).isInstanceOf(ConditionTypeException.class);
    assertThatThrownBy(() -> c.test(wrong)).isInstanceOf(ConditionTypeException.class);
    assertThatThrownBy(() -> c.explain(wrong)).isInstanceOf(ConditionTypeException.class);
  }

  @Test
  void aTypeErrorIsReportedEvenNextToAMissingFact() {
    Condition c = Condition.compile("missing == 1 OR severity > 2");

    assertThatThrownBy(() -> c.evaluate(Facts.of(Map.of("severity", "P0"))))
        .isInstanceOf(ConditionTypeException.class);
  }

  @Test
  void anOperandThatIsNotReachedIsNotEvaluated() {
    Condition c = Condition.compile("enabled AND severity > 2");

    assertThat(c.evaluate(Facts.of(Map.of("enabled", false, "severity", "P0"))))
        .isEqualTo(Truth.FALSE);
  }
}
