package io.github.aiplaybooks.core.condition;

import io.github.aiplaybooks.core.condition.Ast.BoolLit;
import io.github.aiplaybooks.core.condition.Ast.Compare;
import io.github.aiplaybooks.core.condition.Ast.Expr;
import io.github.aiplaybooks.core.condition.Ast.In;
import io.github.aiplaybooks.core.condition.Ast.ListLit;
import io.github.aiplaybooks.core.condition.Ast.Lit;
import io.github.aiplaybooks.core.condition.Ast.Name;
import io.github.aiplaybooks.core.condition.Ast.Operand;
import io.github.aiplaybooks.core.condition.Ast.QtyLit;
import io.github.aiplaybooks.core.condition.Ast.StrLit;
import io.github.aiplaybooks.core.condition.Ast.Target;
import io.github.aiplaybooks.core.condition.Ast.Truthy;
import io.github.aiplaybooks.core.condition.Quantity.Notation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random syntax trees and facts for property tests. Trees are well typed as far as literals go
 * (literals compared with each other, or listed together, are of one category; ordering compares
 * only quantities; a bare operand is a name or a boolean), so that compiling without a schema never
 * fails and every type error comes from fact values at evaluation. Facts are anything.
 */
final class ConditionArbitraries {
  private ConditionArbitraries() {}

  /** Fact names, some of which are also symbols, so names on the right of == may be either. */
  static final List<String> NAMES =
      List.of(
          "a",
          "b",
          "severity",
          "P0",
          "low",
          "blast_radius",
          "kube-system",
          "v2.1.0",
          "_x",
          "Severity");

  /**
   * The names a schema declares in schema-mode properties: all but {@code P0} and {@code low},
   * which are symbols on the right of {@code ==}, {@code !=} and {@code IN} and unknown facts
   * elsewhere, and {@code Severity}, which is too close to {@code severity} to be a symbol.
   */
  static final List<String> DECLARED =
      List.of("a", "b", "severity", "blast_radius", "kube-system", "v2.1.0", "_x");

  static final List<String> STRINGS =
      List.of("P0", "low", "a", "", "it's", "back\\slash", "say \"hi\"", "été", "10_pods", "12%");

  /** What a literal is, so that literals that meet are comparable. */
  enum Category {
    BOOLEAN,
    STRING,
    NUMBER,
    RATIO,
    DURATION,
    MONEY,
    PODS,
    NODES;

    boolean numeric() {
      return this != BOOLEAN && this != STRING;
    }
  }

  static Arbitrary<Expr> exprs() {
    return expr(3, leaf());
  }

  /**
   * Trees for {@code schema} whose leaves often compare one of its {@code oneOf} facts with its
   * spellings (values, aliases, and now and then a string that is none), so that typed schemas meet
   * values, aliases and mistakes of their {@code oneOf} facts.
   */
  static Arbitrary<Expr> typedExprs(Map<String, TypedReference.Declared> schema) {
    List<Arbitrary<Expr>> comparisons = new java.util.ArrayList<>();
    schema.forEach(
        (name, d) -> {
          if (d.spellings() != null) {
            comparisons.add(oneOfComparison(name, d.spellings().keySet()));
          } else {
            Category c = categoryOf(d.type());
            if (c != null) {
              // The fact with a literal of its own type: these compile, and evaluate.
              comparisons.add(
                  Combinators.combine(
                          Arbitraries.just(new Name(name)),
                          c.numeric()
                              ? Arbitraries.of(Ast.Op.class)
                              : Arbitraries.of(Ast.Op.EQ, Ast.Op.NE),
                          literal(c))
                      .as((n, op, l) -> (Expr) new Compare(n, op, l)));
            }
          }
        });
    Arbitrary<Expr> leaves =
        comparisons.isEmpty()
            ? leaf()
            : Arbitraries.frequencyOf(
                Tuple.of(1, leaf()), Tuple.of(3, Arbitraries.oneOf(comparisons)));
    return expr(2, leaves);
  }

  private static Category categoryOf(FactType t) {
    switch (t.kind()) {
      case BOOLEAN:
        return Category.BOOLEAN;
      case STRING:
        return Category.STRING;
      case NUMBER:
        return Category.NUMBER;
      case RATIO:
        return Category.RATIO;
      case DURATION:
        return Category.DURATION;
      case MONEY:
        return Category.MONEY;
      case COUNT:
        return t.countUnit().orElseThrow().equals("pods") ? Category.PODS : Category.NODES;
      default:
        return null;
    }
  }

  private static Arbitrary<Expr> oneOfComparison(String fact, java.util.Set<String> spellings) {
    List<String> values = new java.util.ArrayList<>(spellings);
    values.add("P7");
    Arbitrary<Name> name = Arbitraries.just(new Name(fact));
    Arbitrary<StrLit> spelling =
        Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(List.copyOf(spellings))),
                Tuple.of(1, Arbitraries.of(values)))
            .map(v -> new StrLit(v, false));
    Arbitrary<Expr> equal =
        Combinators.combine(
                name, Arbitraries.of(Ast.Op.EQ, Ast.Op.NE), spelling, Arbitraries.of(true, false))
            .as(
                (n, op, v, literalFirst) ->
                    literalFirst ? new Compare(v, op, n) : new Compare(n, op, v));
    Arbitrary<Expr> in =
        Combinators.combine(
                name,
                Arbitraries.of(true, false),
                spelling.map(v -> (Lit) v).list().ofMinSize(1).ofMaxSize(3).map(ListLit::new))
            .as((n, negated, list) -> new In(n, negated, list));
    return Arbitraries.oneOf(equal, in);
  }

  private static Arbitrary<Expr> expr(int depth, Arbitrary<Expr> leaves) {
    if (depth == 0) {
      return leaves;
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1, leaves));
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaves),
        Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(4).map(Ast::and)),
        Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(4).map(Ast::or)),
        Tuple.of(1, sub.map(Ast.Not::new)));
  }

  static Arbitrary<Expr> leaf() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(Category.class).flatMap(ConditionArbitraries::comparison)),
        Tuple.of(2, Arbitraries.of(Category.class).flatMap(ConditionArbitraries::membership)),
        Tuple.of(1, truthy()));
  }

  private static Arbitrary<Expr> comparison(Category c) {
    Arbitrary<Ast.Op> ops =
        c.numeric() ? Arbitraries.of(Ast.Op.class) : Arbitraries.of(Ast.Op.EQ, Ast.Op.NE);
    return Combinators.combine(operand(c, 7), ops, operand(c, 5)).as(Compare::new);
  }

  private static Arbitrary<Expr> membership(Category c) {
    Arbitrary<Target> target =
        Arbitraries.frequencyOf(
            Tuple.of(4, listLiteral(c).map(t -> (Target) t)),
            Tuple.of(1, operand(c, 10).map(t -> (Target) t)));
    return Combinators.combine(operand(c, 8), Arbitraries.of(true, false), target).as(In::new);
  }

  private static Arbitrary<Expr> truthy() {
    return Arbitraries.frequencyOf(
            Tuple.of(5, names().map(n -> (Operand) n)),
            Tuple.of(1, Arbitraries.of(true, false).map(b -> (Operand) new BoolLit(b))))
        .map(Truthy::new);
  }

  /** A name ({@code nameWeight} in 10 times) or a literal of category {@code c}. */
  private static Arbitrary<Operand> operand(Category c, int nameWeight) {
    return Arbitraries.frequencyOf(
        Tuple.of(nameWeight, names().map(n -> (Operand) n)),
        Tuple.of(10 - nameWeight, literal(c).map(l -> (Operand) l)));
  }

  private static Arbitrary<Name> names() {
    return Arbitraries.of(NAMES).map(Name::new);
  }

  private static Arbitrary<ListLit> listLiteral(Category c) {
    Arbitrary<Lit> element =
        c == Category.STRING
            ? Arbitraries.frequencyOf(
                Tuple.of(1, literal(c)),
                Tuple.of(1, Arbitraries.of(NAMES).map(n -> (Lit) new StrLit(n, true))))
            : literal(c);
    return element.list().ofMaxSize(4).map(ListLit::new);
  }

  static Arbitrary<Lit> literal(Category c) {
    switch (c) {
      case BOOLEAN:
        return Arbitraries.of(true, false).map(BoolLit::new);
      case STRING:
        return Arbitraries.of(STRINGS).map(s -> new StrLit(s, false));
      default:
        // A plain number may stand for any quantity.
        return Arbitraries.frequencyOf(
                Tuple.of(3, quantity(c)), Tuple.of(1, quantity(Category.NUMBER)))
            .map(QtyLit::new);
    }
  }

  static Arbitrary<Quantity> quantity(Category c) {
    Arbitrary<BigDecimal> amounts =
        Arbitraries.frequencyOf(
            // Small amounts often meet equal ones, which tests the boundaries of < and <=.
            Tuple.of(4, Arbitraries.integers().between(0, 4).map(BigDecimal::valueOf)),
            Tuple.of(2, Arbitraries.integers().between(-3, 120).map(BigDecimal::valueOf)),
            Tuple.of(
                1,
                Arbitraries.bigDecimals()
                    .between(BigDecimal.valueOf(-1000), BigDecimal.valueOf(1000))
                    .ofScale(3)));
    Arbitrary<Notation> notations;
    Arbitrary<String> units = Arbitraries.just(null);
    switch (c) {
      case RATIO:
        notations = Arbitraries.of(Notation.PERCENT, Notation.TIMES);
        break;
      case DURATION:
        notations =
            Arbitraries.of(
                Notation.MILLIS,
                Notation.SECONDS,
                Notation.MINUTES,
                Notation.HOURS,
                Notation.DAYS,
                Notation.WEEKS);
        break;
      case MONEY:
        notations = Arbitraries.of(Notation.DOLLARS, Notation.DOLLARS_PER_MONTH);
        break;
      case PODS:
        notations = Arbitraries.just(Notation.COUNT);
        units = Arbitraries.just("pods");
        break;
      case NODES:
        notations = Arbitraries.just(Notation.COUNT);
        units = Arbitraries.just("nodes");
        break;
      default:
        notations = Arbitraries.just(Notation.PLAIN);
        break;
    }
    // A count is never negative: negative amounts are read as their absolute value.
    boolean count = c == Category.PODS || c == Category.NODES;
    return Combinators.combine(amounts.map(a -> count ? a.abs() : a), notations, units)
        .as(Quantity::ofOrNull);
  }

  /** Values of any kind, so that facts meet comparisons they do and do not fit. */
  static Arbitrary<Object> factValues() {
    Arbitrary<Object> scalar =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.of(true, false).map(b -> (Object) b)),
            Tuple.of(
                3,
                Arbitraries.oneOf(Arbitraries.of(STRINGS), Arbitraries.of(NAMES))
                    .map(s -> (Object) s)),
            Tuple.of(
                5,
                Arbitraries.of(Category.class)
                    .filter(Category::numeric)
                    .flatMap(c -> quantity(c))
                    .map(q -> (Object) q)));
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalar), Tuple.of(1, scalar.list().ofMaxSize(3).map(l -> (Object) l)));
  }

  static Arbitrary<Facts> facts() {
    return Arbitraries.maps(Arbitraries.of(NAMES), factValues())
        .ofMaxSize(NAMES.size())
        .map(ConditionArbitraries::toFacts);
  }

  private static Facts toFacts(Map<String, Object> values) {
    Facts.Builder b = Facts.builder();
    values.forEach(b::put);
    return b.build();
  }

  // ---------------------------------------------------------------------------------------------
  // Typed schemas

  /** The {@code oneOf} types schemas may declare: values, with other spellings (aliases). */
  static final List<Map<String, String>> ONE_OF =
      List.of(
          Map.of("P0", "P0", "low", "low", "a", "a"),
          // 'low' and 'a' are other spellings of P0 and P1.
          Map.of("P0", "P0", "P1", "P1", "low", "P0", "a", "P1"),
          Map.of("10_pods", "10_pods", "it's", "it's"));

  /** A type for a declared fact, each with its spellings when it is a {@code oneOf}. */
  static Arbitrary<TypedReference.Declared> declaredTypes() {
    Arbitrary<TypedReference.Declared> plain =
        Arbitraries.of(
                FactType.BOOLEAN,
                FactType.NUMBER,
                FactType.STRING,
                FactType.RATIO,
                FactType.DURATION,
                FactType.MONEY,
                FactType.count("pods"),
                FactType.count("nodes"),
                FactType.LIST,
                FactType.ANY)
            .map(t -> new TypedReference.Declared(t, null));
    Arbitrary<TypedReference.Declared> oneOf =
        Arbitraries.of(ONE_OF).map(m -> new TypedReference.Declared(FactType.oneOf(m), m));
    return Arbitraries.frequencyOf(Tuple.of(4, plain), Tuple.of(3, oneOf));
  }

  /** A schema declaring every name of {@link #DECLARED}, with random types. */
  static Arbitrary<Map<String, TypedReference.Declared>> typedSchemas() {
    return declaredTypes()
        .list()
        .ofSize(DECLARED.size())
        .map(
            types -> {
              Map<String, TypedReference.Declared> m = new java.util.LinkedHashMap<>();
              for (int i = 0; i < DECLARED.size(); i++) {
                m.put(DECLARED.get(i), types.get(i));
              }
              return m;
            });
  }

  /** A value that fits {@code d} (or, now and then, one that does not). */
  static Arbitrary<Object> valueOf(TypedReference.Declared d) {
    Arbitrary<Object> fitting;
    if (d.spellings() != null) {
      fitting = Arbitraries.of(List.copyOf(d.spellings().keySet())).map(s -> (Object) s);
    } else {
      switch (d.type().kind()) {
        case BOOLEAN:
          fitting = Arbitraries.of(true, false).map(b -> (Object) b);
          break;
        case STRING:
          fitting = Arbitraries.oneOf(Arbitraries.of(STRINGS), Arbitraries.of(NAMES)).map(s -> s);
          break;
        case NUMBER:
          fitting = quantity(Category.NUMBER).map(q -> (Object) q);
          break;
        case RATIO:
          fitting = quantity(Category.RATIO).map(q -> (Object) q);
          break;
        case DURATION:
          fitting = quantity(Category.DURATION).map(q -> (Object) q);
          break;
        case MONEY:
          fitting = quantity(Category.MONEY).map(q -> (Object) q);
          break;
        case COUNT:
          // A count, or a plain number (which may be negative: no count is).
          fitting =
              Arbitraries.oneOf(
                      quantity(
                          d.type().countUnit().orElseThrow().equals("pods")
                              ? Category.PODS
                              : Category.NODES),
                      quantity(Category.NUMBER))
                  .map(q -> (Object) q);
          break;
        default:
          fitting = factValues();
      }
    }
    return Arbitraries.frequencyOf(Tuple.of(5, fitting), Tuple.of(1, factValues()));
  }

  /** Facts for {@code schema}: mostly of their declared types. */
  static Arbitrary<Facts> factsFor(Map<String, TypedReference.Declared> schema) {
    List<Arbitrary<java.util.Optional<Object>>> values = new java.util.ArrayList<>();
    for (String name : NAMES) {
      TypedReference.Declared d = schema.get(name);
      Arbitrary<Object> v = d == null ? factValues() : valueOf(d);
      values.add(
          Arbitraries.frequencyOf(
              Tuple.of(2, v.map(java.util.Optional::of)),
              Tuple.of(1, Arbitraries.just(java.util.Optional.empty()))));
    }
    return Combinators.combine(values)
        .as(
            present -> {
              Facts.Builder b = Facts.builder();
              for (int i = 0; i < NAMES.size(); i++) {
                int k = i;
                present.get(i).ifPresent(v -> b.put(NAMES.get(k), v));
              }
              return b.build();
            });
  }
}
