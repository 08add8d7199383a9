package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.condition.Ast.Expr;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Properties of the parser, printer and evaluator over random syntax trees and facts. */
class ConditionPropertiesTest {

  @Provide
  Arbitrary<Expr> conditions() {
    return ConditionArbitraries.exprs();
  }

  @Provide
  Arbitrary<Facts> facts() {
    return ConditionArbitraries.facts();
  }

  @Property(tries = 1000)
  void printingAParsedConditionAndParsingItAgainGivesTheSameTree(@ForAll("conditions") Expr e) {
    String text = Ast.print(e);

    Expr reparsed = Parser.parse(text).expr();

    assertThat(reparsed).as(text).isEqualTo(e);
    assertThat(Ast.print(reparsed)).isEqualTo(text);
  }

  @Property(tries = 1000)
  void anyLegalSpellingParsesToTheSameTreeAsTheCanonicalText(
      @ForAll("conditions") Expr e, @ForAll long seed) {
    String noisy = NoisyPrinter.print(e, new Random(seed));

    Condition c = Condition.compile(noisy);

    assertThat(c.normalized()).as(noisy).isEqualTo(Ast.print(e));
    assertThat(c).isEqualTo(Condition.compile(Ast.print(e)));
  }

  @Property(tries = 3000)
  void compiledEvaluatorAgreesWithTheReferenceInterpreter(
      @ForAll("conditions") Expr e, @ForAll("facts") Facts facts) {
    Condition c = Condition.compile(Ast.print(e));

    Outcome expected = Outcome.of(() -> ReferenceInterpreter.evaluate(e, facts));
    Outcome actual = Outcome.of(() -> c.evaluate(facts));

    assertThat(actual).as("%s with %s", c, facts).isEqualTo(expected);
    Statistics.label("outcome")
        .collect(actual.toString())
        .coverage(
            check -> {
              check.check("TRUE").percentage(p -> p > 10);
              check.check("FALSE").percentage(p -> p > 10);
              check.check("UNKNOWN").percentage(p -> p > 5);
              check.check("ConditionTypeException").percentage(p -> p > 5);
            });
  }

  @Property(tries = 1000)
  void compiledAgainstASchemaItAgreesWithTheReferenceInterpreter(
      @ForAll("conditions") Expr e, @ForAll("facts") Facts facts) {
    Set<String> declared = Set.copyOf(ConditionArbitraries.DECLARED);
    FactSchema schema = FactSchema.of(declared);
    String text = Ast.print(e);

    Class<? extends ConditionException> compileError =
        ReferenceInterpreter.compileError(e, declared);
    Outcome expected =
        compileError != null
            ? new Outcome(null, compileError)
            : Outcome.of(() -> ReferenceInterpreter.evaluate(e, facts, declared));
    Outcome actual = Outcome.of(() -> Condition.compile(text, schema).evaluate(facts));

    assertThat(actual).as("%s with %s", text, facts).isEqualTo(expected);
    Statistics.label("outcome")
        .collect(actual.toString())
        .coverage(
            check -> {
              check.check("TRUE").percentage(p -> p > 5);
              check.check("FALSE").percentage(p -> p > 5);
              check.check("UNKNOWN").percentage(p -> p > 5);
              check.check("UnknownFactException").percentage(p -> p > 5);
            });
  }

  /** A typed schema, a condition that often reads its {@code oneOf} facts, and facts for it. */
  record Typed(Map<String, TypedReference.Declared> schema, Expr condition, Facts facts) {}

  @Provide
  Arbitrary<Typed> typed() {
    return ConditionArbitraries.typedSchemas()
        .flatMap(
            schema ->
                net.jqwik.api.Combinators.combine(
                        ConditionArbitraries.typedExprs(schema),
                        ConditionArbitraries.factsFor(schema))
                    .as((e, f) -> new Typed(schema, e, f)));
  }

  @Property(tries = 1000)
  void compiledAgainstATypedSchemaItAgreesWithTheReferenceInterpreter(
      @ForAll("typed") Typed typed) {
    Map<String, TypedReference.Declared> declared = typed.schema();
    Expr e = typed.condition();
    Facts facts = typed.facts();
    FactSchema.Builder b = FactSchema.builder();
    declared.forEach((name, d) -> b.fact(name, d.type()));
    FactSchema schema = b.build();
    String text = Ast.print(e);

    Class<? extends ConditionException> compileError = TypedReference.compileError(e, declared);
    Outcome expected =
        compileError != null
            ? new Outcome(null, compileError)
            : Outcome.of(() -> TypedReference.evaluate(e, facts, declared));
    Outcome actual = Outcome.of(() -> Condition.compile(text, schema).evaluate(facts));

    assertThat(actual).as("%s with %s under %s", text, facts, declared).isEqualTo(expected);
    boolean readsOneOf =
        compileError == null
            && actual.error() == null
            && Condition.compile(text, schema).factNames().stream()
                .anyMatch(n -> declared.get(n).spellings() != null);
    Statistics.label("evaluated a oneOf fact")
        .collect(readsOneOf)
        .coverage(check -> check.check(true).percentage(p -> p > 3));
    Statistics.label("outcome")
        .collect(compileError != null ? "compile " + actual : actual.toString())
        .coverage(
            check -> {
              check.check("TRUE").percentage(p -> p > 5);
              check.check("FALSE").percentage(p -> p > 5);
              check.check("UNKNOWN").percentage(p -> p > 0.2);
              check.check("ConditionTypeException").percentage(p -> p > 2);
              check.check("compile ConditionTypeException").percentage(p -> p > 2);
              check.check("compile UnknownFactException").percentage(p -> p > 1);
            });
  }

  @Property(tries = 1000)
  void testAndExplainAgreeWithEvaluate(@ForAll("conditions") Expr e, @ForAll("facts") Facts facts) {
    Condition c = Condition.compile(Ast.print(e));
    Outcome evaluated = Outcome.of(() -> c.evaluate(facts));

    if (evaluated.error() != null) {
      assertThatThrownBy(() -> c.test(facts)).isInstanceOf(evaluated.error());
      assertThatThrownBy(() -> c.explain(facts)).isInstanceOf(evaluated.error());
    } else if (evaluated.value() == Truth.UNKNOWN) {
      assertThatThrownBy(() -> c.test(facts))
          .isInstanceOfSatisfying(
              UnknownFactException.class,
              u -> {
                assertThat(facts.contains(u.factName())).isFalse();
                assertThat(c.factNames()).contains(u.factName());
              });
      assertThat(c.explain(facts).result()).isEqualTo(Truth.UNKNOWN);
      assertThat(c.explain(facts).missingFacts())
          .contains(((UnknownFactException) catchThrowable(() -> c.test(facts))).factName());
    } else {
      assertThat(c.test(facts)).isEqualTo(evaluated.value() == Truth.TRUE);
      assertThat(c.explain(facts).result()).isEqualTo(evaluated.value());
    }
  }

  @Property(tries = 500)
  void compilingTheNormalizedTextGivesAnEqualCondition(@ForAll("conditions") Expr e) {
    Condition c = Condition.compile(Ast.print(e));

    Condition again = Condition.compile(c.normalized());

    assertThat(again).isEqualTo(c);
    assertThat(again.hashCode()).isEqualTo(c.hashCode());
    assertThat(again.factNames()).isEqualTo(c.factNames());
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException ex) {
      return ex;
    }
  }

  /** A result or the type of the exception thrown. */
  record Outcome(Truth value, Class<? extends Throwable> error) {
    static Outcome of(Supplier<Truth> evaluation) {
      try {
        return new Outcome(evaluation.get(), null);
      } catch (RuntimeException e) {
        return new Outcome(null, e.getClass());
      }
    }

    @Override
    public String toString() {
      return error != null ? error.getSimpleName() : value.name();
    }
  }
}
