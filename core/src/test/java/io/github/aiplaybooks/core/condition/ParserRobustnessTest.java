package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Bad input: random strings, token soups and truncated or mutated seed conditions. The parsers
 * never throw anything but {@link ConditionException} (see {@link Robustness}) and never recurse
 * without bound.
 */
class ParserRobustnessTest {

  static final List<String> SEED_CONDITIONS =
      List.of(
          "severity == P0 AND off_hours == true",
          "action IN ['restart_pod', 'scale_deployment']",
          "blast_radius < 10_pods",
          "action IN ['delete_node', 'modify_rbac', 'change_security_group']",
          "blast_radius > 50_pods",
          "min_replicas >= 2",
          "max_replicas <= 100",
          "cost_increase < 20%",
          "confidence > 0.85 AND predicted_load_increase > 30%",
          "risk == exposed_service AND namespace != production",
          "risk == missing_network_policy AND template_available",
          "savings > $50/month",
          "pod_ready_rate > 80%",
          "latency_p99 < 500ms",
          "error_rate_increase > 200%",
          "scale_down > 50%",
          "scale_up < 2x",
          "NOT (a || b) && !c OR x NOT IN [\"q\", 2]",
          "5 per hour",
          "last_7_days",
          "next_4_hours",
          "10m");

  private static final List<String> TOKENS =
      List.of(
          "a",
          "P0",
          "x.y",
          "k-s",
          "AND",
          "or",
          "Not",
          "IN",
          "&&",
          "||",
          "!",
          "(",
          ")",
          "[",
          "]",
          ",",
          "==",
          "!=",
          "<",
          "<=",
          ">",
          ">=",
          "=",
          "'s'",
          "\"d\"",
          "'",
          "\"",
          "\\",
          "true",
          "FALSE",
          "5",
          "-5",
          "0.5",
          "20%",
          "2x",
          "10_pods",
          "$50/month",
          "$",
          "500ms",
          "7 days",
          "last_7_days",
          "per",
          "hour",
          "_",
          ".",
          "-",
          "/",
          "%",
          "é",
          "\u0000",
          "\n");

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            3,
            Arbitraries.strings()
                .withChars("()[]!=<>&|'\"$%_-.,/\\ \t\nxX0123456789aAnNdDoOrRtTiIeEfFsSmMhHwWpP")
                .ofMaxLength(60)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(
            4,
            Arbitraries.of(TOKENS).list().ofMaxSize(25).map(tokens -> String.join(" ", tokens))));
  }

  @Provide
  Arbitrary<String> seedConditions() {
    return Arbitraries.of(SEED_CONDITIONS);
  }

  @Property(tries = 3000)
  void randomTextOnlyFailsWithConditionExceptions(@ForAll("noise") String text) {
    boolean compiled = Robustness.exerciseCondition(text);
    Robustness.exerciseLiterals(text);

    Statistics.label("condition")
        .collect(compiled ? "compiled" : "rejected")
        .coverage(check -> check.check("compiled").percentage(p -> p > 2));
  }

  @Property(tries = 2000)
  void truncatedAndMutatedSeedConditionsOnlyFailWithConditionExceptions(
      @ForAll("seedConditions") String condition,
      @ForAll @IntRange(max = 80) int cut,
      @ForAll @IntRange(max = 80) int at,
      @ForAll("noise") String insert) {
    String truncated = condition.substring(0, Math.min(cut, condition.length()));
    int i = Math.min(at, condition.length());
    String mutated = condition.substring(0, i) + insert + condition.substring(i);
    String deleted =
        condition.substring(0, i) + condition.substring(Math.min(i + 3, condition.length()));

    boolean compiled = false;
    for (String text : List.of(truncated, mutated, deleted)) {
      compiled |= Robustness.exerciseCondition(text);
      Robustness.exerciseLiterals(text);
    }

    Statistics.label("some variant")
        .collect(compiled ? "compiled" : "rejected")
        .coverage(check -> check.check("compiled").percentage(p -> p > 20));
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    for (String text :
        List.of(
            "(".repeat(8000),
            "!".repeat(8000) + "a",
            "NOT ".repeat(2000) + "a",
            "((((((((".repeat(500) + "a",
            "[".repeat(8000))) {
      assertThatThrownBy(() -> Condition.compile(text))
          .isInstanceOf(ConditionSyntaxException.class);
    }
  }

  @Test
  void longButFlatInputsCompileAndEvaluate() {
    Robustness.exerciseCondition("x IN [" + "1, ".repeat(2000) + "2]");
    Robustness.exerciseCondition("a" + " OR a".repeat(1300));
    Robustness.exerciseCondition("x == '" + "y".repeat(8000) + "'");
    Robustness.exerciseLiterals("9".repeat(100_000));
    Robustness.exerciseLiterals("5 per " + "9".repeat(100_000) + "s");
  }
}
