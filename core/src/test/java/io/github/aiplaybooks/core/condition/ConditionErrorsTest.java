package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.PlaybooksException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed conditions, unknown facts and type errors: the typed errors and what they say. */
class ConditionErrorsTest {

  private static ConditionSyntaxException syntaxError(String condition) {
    try {
      Condition.compile(condition);
    } catch (ConditionSyntaxException e) {
      return e;
    }
    throw new AssertionError("compiled: " + condition);
  }

  @ParameterizedTest(name = "[{0}] at column {1}: {2}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "blast_radius < ;15;expected a value after '<', found the end of the condition",
        ") a;1;expected a condition, found ')'",
        "`   `;1;the condition is empty",
        "a = b;3;use '==' to compare, not '='",
        "a & b;3;use '&&' or AND, not '&'",
        "a | b;3;use '||' or OR, not '|'",
        "a AND;6;expected a condition, found the end of the condition",
        "AND a;1;expected a condition, found 'AND'",
        "(a AND b;9;expected ')' to close the '(' at column 1",
        "a AND b);8;a ')' without a matching '('",
        "a b;3;unexpected 'b': expected AND, OR or the end of the condition",
        "a < b < c;7;unexpected '<'",
        "x IN [a, b;11;expected ',' or ']' to close the '[' at column 6",
        "x IN [a,, b];9;expected a value in the list, found ','",
        "x IN;5;expected a list after IN, found the end of the condition",
        "x NOT b;7;expected IN after NOT",
        "x < 10pods;7;unknown unit 'pods'",
        "x < 10_;8;expected a unit after '_', as in 10_pods",
        "x < $50/year;9;money is an amount per month",
        "x < 5.;6;expected digits after '.'",
        "x < $;6;expected digits after '$'",
        "x == 'open;6;string is not closed: add ' at its end",
        "x == 'a\\q';8;unknown escape '\\q'",
        "x == #;6;unexpected character '#'",
        "x - 5;3;'-' must be followed by a number",
        "x == é;6;unexpected character U+00E9"
      })
  void reportsTheColumnAndACaretExcerpt(String condition, int column, String reason) {
    ConditionSyntaxException e = syntaxError(condition);

    assertThat(e.column()).isEqualTo(column);
    assertThat(e.reason()).contains(reason);
    assertThat(e.code()).isEqualTo("CONDITION_SYNTAX");
    assertThat(e.source()).isEqualTo(condition);
    String caretLine = " ".repeat(column + 1) + "^";
    assertThat(e.getMessage())
        .startsWith(e.reason())
        .contains("(column " + column + ")")
        .endsWith("\n  " + condition + "\n" + caretLine);
  }

  @Test
  void excerptsLongConditionsAroundTheColumn() {
    String condition = "a AND ".repeat(40) + "b <";

    ConditionSyntaxException e = syntaxError(condition);

    String[] lines = e.getMessage().split("\n");
    assertThat(lines[1]).startsWith("  ...").hasSizeLessThan(140);
    assertThat(lines[2].indexOf('^')).isEqualTo(lines[1].length());
  }

  @Test
  void boundsNestingDepth() {
    String deep = "(".repeat(Parser.MAX_DEPTH + 1) + "a" + ")".repeat(Parser.MAX_DEPTH + 1);
    String notNot = "NOT ".repeat(Parser.MAX_DEPTH + 1) + "a";
    String fine = "(".repeat(Parser.MAX_DEPTH) + "a" + ")".repeat(Parser.MAX_DEPTH);

    assertThat(syntaxError(deep).reason()).contains("nests deeper than 64 levels");
    assertThat(syntaxError(deep).column()).isEqualTo(65);
    assertThat(syntaxError(notNot).reason()).contains("nests deeper than 64 levels");
    assertThat(syntaxError("(".repeat(5000)).reason()).contains("nests deeper");
    assertThat(Condition.compile(fine).normalized()).isEqualTo("a");
  }

  @Test
  void boundsLength() {
    String huge = "a AND ".repeat(2000) + "a";

    ConditionSyntaxException e = syntaxError(huge);

    assertThat(e.reason()).contains("at most 8192 characters");
    assertThat(e.column()).isEqualTo(8193);
  }

  @Test
  void errorsAreCallerFaultsWithStableCodes() {
    ConditionException e = syntaxError("a <");

    assertThat(e).isInstanceOf(CallerFaultException.class);
    assertThat(e.fault()).isEqualTo(PlaybooksException.Fault.CALLER);
    assertThat(e.retryable()).isFalse();
    assertThat(ConditionSyntaxException.CODE).isEqualTo("CONDITION_SYNTAX");
    assertThat(ConditionTypeException.CODE).isEqualTo("CONDITION_TYPE");
    assertThat(UnknownFactException.CODE).isEqualTo("CONDITION_UNKNOWN_FACT");
  }

  @Test
  void unknownFactAtCompileTimeNamesItAndSuggestsTheClosestDeclaredOne() {
    FactSchema schema = FactSchema.of("severity", "off_hours", "blast_radius");

    assertThatThrownBy(() -> Condition.compile("severity == P0 AND blast_radiu < 10_pods", schema))
        .isInstanceOfSatisfying(
            UnknownFactException.class,
            e -> {
              assertThat(e.factName()).isEqualTo("blast_radiu");
              assertThat(e.suggestion()).contains("blast_radius");
              assertThat(e.column()).isEqualTo(20);
              assertThat(e.code()).isEqualTo("CONDITION_UNKNOWN_FACT");
              assertThat(e.getMessage())
                  .startsWith("unknown fact 'blast_radiu' (did you mean 'blast_radius'?)")
                  .contains("declared facts: severity, off_hours, blast_radius");
            });
  }

  @Test
  void unknownFactWithoutACloseNameHasNoSuggestion() {
    assertThatThrownBy(() -> Condition.compile("zzz", FactSchema.of("severity")))
        .isInstanceOfSatisfying(
            UnknownFactException.class, e -> assertThat(e.suggestion()).isEmpty());
  }

  @Test
  void suggestionsCatchCaseSlipsAndTranspositions() {
    FactSchema schema = FactSchema.of("severity", "off_hours", "cost_increase");

    assertThat(schema.closestName("Severity")).contains("severity");
    assertThat(schema.closestName("sevreity")).contains("severity");
    assertThat(schema.closestName("off_hour")).contains("off_hours");
    assertThat(schema.closestName("cost")).isEmpty();
  }

  @ParameterizedTest(name = "{0} with x = {1}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "x < 10m;$50/month;cannot compare an amount of money ($50/month) with a duration (10m)",
        "x == $5;5s;cannot compare a duration (5s) with an amount of money ($5)",
        "x > 5;abc;cannot compare a string (abc) with a number (5)",
        "x == P0;5%;cannot compare a ratio (5%) with a string (P0)",
        "x < 10_pods;3_nodes;cannot compare a count of nodes (3 nodes) with a count of pods",
        "x < 20%;10_pods;cannot compare a count of pods (10 pods) with a ratio (20%)",
        "x == true;yes;cannot compare a string (yes) with a boolean (true)",
        "x;yes;a condition needs a boolean, found a string (yes)",
        "x IN [1, 2];P0;cannot compare a string (P0) with a number (1)",
        "5 < x;abc;cannot compare a number (5) with a string (abc)"
      })
  void typeErrorsAtEvaluationNameTheValues(String condition, String x, String reason) {
    Condition c = Condition.compile(condition);

    assertThatThrownBy(() -> c.evaluate(Facts.of(Map.of("x", x))))
        .isInstanceOfSatisfying(
            ConditionTypeException.class,
            e -> {
              assertThat(e.reason()).startsWith(c.normalized() + ": ").contains(reason);
              assertThat(e.code()).isEqualTo("CONDITION_TYPE");
              assertThat(e.column()).isPositive();
            });
  }

  @Test
  void listsOnlyWorkWithIn() {
    Condition c = Condition.compile("tags == a");

    assertThatThrownBy(() -> c.evaluate(Facts.of(Map.of("tags", List.of("a")))))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("a list can only be the left or right side of IN");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "$5 < 5%;cannot compare $5 (an amount of money) with 5% (a ratio);4",
        "x < 'abc';'<' compares numbers and quantities;3",
        "x >= true;'>=' compares numbers and quantities;3",
        "x IN [1, 'a'];a list mixes a number (1) with a string ('a');10",
        "x IN [10_pods, 2_nodes];a list mixes a count of pods (10_pods) with a count of nodes;16",
        "5;5 is a number, not a condition;1",
        "'yes';'yes' is a string, not a condition;1",
        "1 IN ['a'];cannot compare 1 (a number) with ['a'];3"
      })
  void typeErrorsBetweenLiteralsAreFoundAtCompileTime(String condition, String reason, int column) {
    assertThatThrownBy(() -> Condition.compile(condition))
        .isInstanceOfSatisfying(
            ConditionTypeException.class,
            e -> {
              assertThat(e.reason()).contains(reason);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  @Test
  void declaredTypesFindTypeErrorsAtCompileTime() {
    FactSchema schema =
        FactSchema.builder()
            .fact("blast_radius", FactType.count("pods"))
            .fact("latency", FactType.DURATION)
            .fact("savings", FactType.MONEY)
            .fact("severity", FactType.STRING)
            .fact("off_hours", FactType.BOOLEAN)
            .fact("tags", FactType.LIST)
            .build();

    assertThatThrownBy(() -> Condition.compile("blast_radius < 10_nodes", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining(
            "cannot compare fact blast_radius (a count of pods) with 10_nodes (a count of nodes)");
    assertThatThrownBy(() -> Condition.compile("latency < $5", schema))
        .isInstanceOf(ConditionTypeException.class);
    assertThatThrownBy(() -> Condition.compile("savings > 5m", schema))
        .isInstanceOf(ConditionTypeException.class);
    assertThatThrownBy(() -> Condition.compile("severity > 2", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("'>' compares numbers and quantities");
    assertThatThrownBy(() -> Condition.compile("latency == severity", schema))
        .isInstanceOf(ConditionTypeException.class);
    assertThatThrownBy(() -> Condition.compile("severity", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact severity is declared as a string, not a boolean");
    assertThatThrownBy(() -> Condition.compile("tags == a", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("a list can only be compared with IN");
    assertThat(Condition.compile("blast_radius < 10", schema).factNames())
        .containsExactly("blast_radius");
    assertThat(Condition.compile("off_hours AND tags IN [a]", schema).factNames())
        .containsExactly("off_hours", "tags");
  }

  @Test
  void declaredTypesAreCheckedAgainstFactValues() {
    FactSchema schema =
        FactSchema.builder()
            .fact("blast_radius", FactType.count("pods"))
            .fact("confidence", FactType.NUMBER)
            .build();
    Condition c = Condition.compile("blast_radius < 10 AND confidence > 0.5", schema);

    assertThat(c.test(Facts.of(Map.of("blast_radius", "3_pods", "confidence", 0.9)))).isTrue();
    assertThatThrownBy(() -> c.test(Facts.of(Map.of("blast_radius", "3_nodes", "confidence", 0.9))))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining(
            "fact blast_radius is declared as a count of pods but is a count of nodes (3 nodes)");
    assertThatThrownBy(() -> c.test(Facts.of(Map.of("blast_radius", 3, "confidence", "90%"))))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact confidence is declared as a number but is a ratio (90%)");
  }

  @Test
  void oneOfTypesRejectUnknownValuesWithASuggestion() {
    FactSchema schema =
        FactSchema.builder()
            .fact("severity", FactType.oneOf(List.of("P0", "P1", "P2")))
            .fact("action", FactType.oneOf(Map.of("delete_pod", "restart_pod")))
            .build();

    assertThatThrownBy(() -> Condition.compile("severity == P9", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("'P9' is not a value of severity, which is one of P0, P1, P2");
    assertThatThrownBy(() -> Condition.compile("action IN [restart_pdo]", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("did you mean 'restart_pod'?");
    Condition c = Condition.compile("action == delete_pod", schema);
    assertThat(c.test(Facts.of(Map.of("action", "restart_pod")))).isTrue();
    assertThat(c.test(Facts.of(Map.of("action", "delete_pod")))).isTrue();
    assertThatThrownBy(() -> c.test(Facts.of(Map.of("action", "drop_database"))))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("fact action is 'drop_database', which is not one of restart_pod");
  }

  @Test
  void anUndeclaredSymbolCloseToADeclaredFactIsAnErrorNotASilentString() {
    FactSchema schema =
        FactSchema.builder()
            .fact("namespace", FactType.STRING)
            .fact("protected_namespace", FactType.STRING)
            .build();
    for (String condition :
        List.of(
            "namespace == protected_namespce",
            "namespace != protected_namespce",
            "namespace IN protected_namespce",
            "namespace == Protected_Namespace")) {
      assertThatThrownBy(() -> Condition.compile(condition, schema))
          .as(condition)
          .isInstanceOfSatisfying(
              UnknownFactException.class,
              e -> {
                assertThat(e.suggestion()).contains("protected_namespace");
                assertThat(e.mayBeSymbol()).isTrue();
                assertThat(e.reason())
                    .contains("'" + e.factName() + "'")
                    .contains("fact 'protected_namespace'")
                    .contains("quote it");
              });
    }
    UnknownFactException e =
        catchUnknown(() -> Condition.compile("namespace == protected_namespce", schema));
    assertThat(e.getMessage())
        .isEqualTo(
            "'protected_namespce' is not a declared fact, but it is close to the fact"
                + " 'protected_namespace' (did you mean 'protected_namespace'?); if a symbol was"
                + " meant, quote it: 'protected_namespce' (column 14)\n"
                + "  namespace == protected_namespce\n"
                + "               ^");
    // Quoted, or two edits or more from every fact, it is a symbol as before.
    FactSchema routing = FactSchema.builder().fact("type").fact("severity").fact("source").build();
    assertThat(Condition.compile("type == security OR type == resource", routing).factNames())
        .containsExactly("type");
    assertThat(
            Condition.compile("namespace == 'protected_namespce'", schema)
                .test(Facts.builder().put("namespace", "protected_namespce").build()))
        .isTrue();
    assertThat(
            Condition.compile("namespace == production", schema)
                .test(Facts.builder().put("namespace", "production").build()))
        .isTrue();
    assertThat(Condition.compile("namespace == protected_namespace", schema).factNames())
        .containsExactly("namespace", "protected_namespace");
  }

  private static UnknownFactException catchUnknown(Runnable r) {
    try {
      r.run();
    } catch (UnknownFactException e) {
      return e;
    }
    throw new AssertionError("no UnknownFactException");
  }

  @Test
  void countsAreNeverNegative() {
    assertThatThrownBy(() -> Condition.compile("x < -5_pods"))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageStartingWith("a count is never negative: -5_pods (column 5)");
    FactSchema schema = FactSchema.builder().fact("blast_radius", FactType.count("pods")).build();
    assertThatThrownBy(() -> Condition.compile("blast_radius > -5", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageStartingWith(
            "blast_radius > -5: fact blast_radius is a count of pods, and a count is never negative");
    assertThatThrownBy(() -> Condition.compile("blast_radius IN [1, -2]", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("a count is never negative");
    Facts negative = Facts.builder().put("blast_radius", -500).build();
    assertThatThrownBy(() -> Condition.compile("blast_radius < 10_pods", schema).evaluate(negative))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageStartingWith(
            "fact blast_radius is declared as a count of pods but is -500: a count is never"
                + " negative");
    assertThat(schema.violations(negative))
        .containsExactly(
            Map.entry(
                "blast_radius",
                "is declared as a count of pods but is -500: a count is never negative"));
    assertThat(schema.conforms(negative)).isFalse();
    assertThat(schema.conforms(Facts.builder().put("blast_radius", "3_pods").build())).isTrue();
    FactSchema severities =
        FactSchema.builder().fact("severity", FactType.oneOf(List.of("P0", "P1"))).build();
    assertThat(severities.conforms(Facts.builder().put("severity", "P7").build())).isFalse();
    assertThat(severities.conforms(Facts.builder().put("other", "x").build())).isTrue();
    assertThatThrownBy(() -> Quantity.count(-1, "pods"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count: a count is never negative, was -1.0");
    // A string that would be a negative count is no quantity: it stays a string.
    assertThat(Facts.builder().put("n", "-5_pods").build().get("n")).contains("-5_pods");
    assertThat(
            Condition.compile("blast_radius >= 0", schema)
                .test(Facts.builder().put("blast_radius", 0).build()))
        .isTrue();
  }
}
