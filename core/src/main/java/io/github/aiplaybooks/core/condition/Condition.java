package io.github.aiplaybooks.core.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled condition in the playbooks' condition language, such as {@code severity == P0 AND
 * off_hours == true} or {@code blast_radius < 10_pods}; the grammar and unit rules are in the
 * {@linkplain io.github.aiplaybooks.core.condition package description}.
 *
 * <p>Compile once, evaluate many times: evaluation reads fact values converted when the {@link
 * Facts} were built and literals converted at compile time, and allocates nothing.
 *
 * <pre>{@code
 * Condition auto = Condition.compile("action IN ['restart_pod', 'scale_deployment']");
 * Facts facts = Facts.builder().put("action", "restart_pod").put("blast_radius", 12).build();
 * auto.test(facts);                                  // true
 *
 * Condition small = Condition.compile("blast_radius < 10_pods");
 * small.evaluate(facts);                             // Truth.FALSE
 * small.evaluate(Facts.empty());                     // Truth.UNKNOWN: the fact is missing
 * small.explain(facts).text();                       // "blast_radius (12) < 10_pods is false"
 *
 * FactSchema schema = FactSchema.builder().fact("blast_radius", FactType.count("pods")).build();
 * Condition.compile("blast_radios < 10_pods", schema); // UnknownFactException: did you mean blast_radius?
 * }</pre>
 *
 * <p>Three ways to evaluate:
 *
 * <ul>
 *   <li>{@link #test(Facts)}: {@code true} or {@code false}; a missing fact the result depends on
 *       is an {@link UnknownFactException}.
 *   <li>{@link #evaluate(Facts)}: {@link Truth#TRUE}, {@link Truth#FALSE} or {@link Truth#UNKNOWN}
 *       when the result depends on a missing fact (Kleene logic), for policies that fail closed.
 *   <li>{@link #explain(Facts)}: the result and why.
 * </ul>
 *
 * <p>All three throw {@link ConditionTypeException} on a type error (a fact of the wrong type for
 * its comparison), never returning {@code false} for it. Sub-conditions are evaluated left to right
 * and {@code AND}/{@code OR} stop at the first operand that decides them, so a type error in an
 * operand that is not reached is not reported.
 *
 * <p>Instances are immutable and thread-safe. Two conditions are equal when their syntax trees are
 * equal, that is when their {@link #normalized()} texts are.
 */
public final class Condition {
  private final String source;
  private final Ast.Expr expr;
  private final Eval root;
  private final Set<String> factNames;
  private final String normalized;

  private Condition(String source, Ast.Expr expr, Eval root, Set<String> factNames) {
    this.source = source;
    this.expr = expr;
    this.root = root;
    this.factNames = Collections.unmodifiableSet(new LinkedHashSet<>(factNames));
    this.normalized = Ast.print(expr);
  }

  /**
   * Compiles a condition without declarations: every name is a fact, except that a name on the
   * right of {@code ==}, {@code !=} or {@code IN} is read as a symbol when the facts given at
   * evaluation do not contain it. A missing fact shows at evaluation.
   *
   * @throws ConditionSyntaxException if {@code source} is not a condition
   * @throws ConditionTypeException if literals in it can never be compared ({@code 5% < $10})
   */
  public static Condition compile(String source) {
    return compile(source, null);
  }

  /**
   * Compiles a condition against declared facts: a name that is not declared is a symbol on the
   * right of {@code ==}, {@code !=} and {@code IN} ({@code P0}, {@code production}), and an unknown
   * fact anywhere else. A symbol one edit from a declared fact ({@code protected_namespce} when
   * {@code protected_namespace} is declared), or a declared name in another case, is refused as a
   * likely typo: quote it ({@code 'protected_namespce'}) if a symbol was meant. Declared types are
   * checked now where they can be, and against fact values at evaluation.
   *
   * @param schema the facts the condition may read; {@code null} compiles without declarations
   * @throws ConditionSyntaxException if {@code source} is not a condition
   * @throws UnknownFactException if it reads a fact that {@code schema} does not declare, or has a
   *     symbol one edit from a declared fact, naming the closest declared one
   * @throws ConditionTypeException if it compares values whose types can never match
   */
  public static Condition compile(String source, FactSchema schema) {
    Objects.requireNonNull(source, "source");
    Parser.Parsed parsed = Parser.parse(source);
    return compile(source, parsed.expr(), parsed.positions(), schema);
  }

  /** Compiles a syntax tree; for tests and for combining conditions. */
  static Condition compile(
      String source, Ast.Expr expr, Parser.Positions positions, FactSchema schema) {
    Compiler compiler = new Compiler(source, schema, positions);
    Eval root = compiler.compile(expr);
    return new Condition(source, expr, root, compiler.factNames());
  }

  /**
   * A condition that holds when any of {@code conditions} holds: their {@code OR}, evaluated left
   * to right. Each keeps the declarations it was compiled with. Its {@link #source()} is its
   * normalized text.
   *
   * @throws IllegalArgumentException if {@code conditions} is empty
   */
  public static Condition anyOf(List<Condition> conditions) {
    return combine(conditions, true);
  }

  /**
   * A condition that holds when all of {@code conditions} hold: their {@code AND}, evaluated left
   * to right. Each keeps the declarations it was compiled with.
   *
   * @throws IllegalArgumentException if {@code conditions} is empty
   */
  public static Condition allOf(List<Condition> conditions) {
    return combine(conditions, false);
  }

  private static Condition combine(List<Condition> conditions, boolean any) {
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("conditions: need at least one condition");
    }
    if (conditions.size() == 1) {
      return conditions.get(0);
    }
    List<Ast.Expr> exprs = new ArrayList<>();
    Eval[] roots = new Eval[conditions.size()];
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < roots.length; i++) {
      Condition c = Objects.requireNonNull(conditions.get(i), "conditions: null element");
      exprs.add(c.expr);
      roots[i] = c.root;
      names.addAll(c.factNames);
    }
    // Flattened as the parser would flatten the printed text, so that equality agrees.
    Ast.Expr expr = any ? Ast.or(exprs) : Ast.and(exprs);
    String text = Ast.print(expr);
    Eval.Site site = new Eval.Site(text, 0);
    Eval root = any ? new Eval.Or(expr, site, roots) : new Eval.And(expr, site, roots);
    return new Condition(text, expr, root, names);
  }

  /**
   * Whether the condition holds for {@code facts}.
   *
   * @throws UnknownFactException if the result depends on a fact that is absent, naming it
   * @throws ConditionTypeException if a fact's value cannot be compared as the condition asks
   */
  public boolean test(Facts facts) {
    int r = root.eval(facts);
    if (r == Eval.UNKNOWN) {
      throw unknownFact(facts);
    }
    return r == Eval.TRUE;
  }

  /**
   * The condition's result for {@code facts} in three-valued logic: {@link Truth#UNKNOWN} when it
   * depends on a fact that is absent. Allocates nothing.
   *
   * @throws ConditionTypeException if a fact's value cannot be compared as the condition asks
   */
  public Truth evaluate(Facts facts) {
    return Truth.ofCode(root.eval(facts));
  }

  /**
   * The result for {@code facts} and why: the sub-conditions that decided it, the fact values they
   * read and the literals they compared them with.
   *
   * @throws ConditionTypeException if a fact's value cannot be compared as the condition asks
   */
  public Explanation explain(Facts facts) {
    Objects.requireNonNull(facts, "facts");
    return root.explain(facts);
  }

  private UnknownFactException unknownFact(Facts facts) {
    Eval.FactArg fact = root.missing(facts);
    if (fact == null) {
      // Cannot happen: an unknown result always comes from an absent fact.
      throw new IllegalStateException("unknown result without a missing fact: " + normalized);
    }
    String suggestion = Suggestions.closestOrNull(fact.name, facts.names());
    return new UnknownFactException(
        "fact '"
            + fact.name
            + "' is not in the facts given"
            + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
            + ", and '"
            + normalized
            + "' depends on it",
        fact.name,
        suggestion,
        fact.site.source(),
        fact.site.column());
  }

  /** The text this condition was compiled from. */
  public String source() {
    return source;
  }

  /**
   * The canonical text: keywords in upper case ({@code AND}, {@code OR}, {@code NOT}, {@code IN}),
   * {@code &&}/{@code ||}/{@code !} spelt as words, single spaces, only the parentheses needed,
   * strings in single quotes and numbers without trailing zeros. Compiling it gives an equal
   * condition.
   */
  public String normalized() {
    return normalized;
  }

  /**
   * The facts this condition reads, in order of appearance. Names that may be symbols (on the right
   * of {@code ==}, {@code !=} or {@code IN} when compiled without declarations, or undeclared
   * there) are not included.
   */
  public Set<String> factNames() {
    return factNames;
  }

  /**
   * The name, if this whole condition is one bare identifier such as {@code restart_pod} or {@code
   * template_available}. Policy lists use it to read a bare action name as {@code action == name}.
   */
  public Optional<String> bareIdentifier() {
    if (expr instanceof Ast.Truthy && ((Ast.Truthy) expr).operand() instanceof Ast.Name) {
      return Optional.of(((Ast.Name) ((Ast.Truthy) expr).operand()).name());
    }
    return Optional.empty();
  }

  /** The syntax tree, for tests in this package. */
  Ast.Expr expr() {
    return expr;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Condition && expr.equals(((Condition) o).expr);
  }

  @Override
  public int hashCode() {
    return expr.hashCode();
  }

  /** The {@link #normalized()} text. */
  @Override
  public String toString() {
    return normalized;
  }
}
