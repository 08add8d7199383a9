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
import io.github.aiplaybooks.core.condition.Eval.Arg;
import io.github.aiplaybooks.core.condition.Eval.ConstArg;
import io.github.aiplaybooks.core.condition.Eval.FactArg;
import io.github.aiplaybooks.core.condition.Eval.NameArg;
import io.github.aiplaybooks.core.condition.Eval.Site;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a syntax tree into an {@link Eval} tree: decides which names are facts and which are
 * symbols, checks the types it can know (literals, declared facts), folds literals into values and
 * picks the specialised node for each comparison.
 *
 * <p>Names: with a schema, a declared name is a fact; an undeclared one is a symbol on the right of
 * {@code ==}, {@code !=} and {@code IN} unless it is one edit from a declared fact or equal to one
 * but for case (then it is an {@link UnknownFactException} that says to quote it), and an {@link
 * UnknownFactException} anywhere else. Without a schema, a name on the right of {@code ==}, {@code
 * !=} and {@code IN} is the fact if the facts contain it, else the symbol; anywhere else it is a
 * fact. Identifiers inside a list literal are always symbols.
 */
final class Compiler {
  /**
   * How many edits a symbol may be from a declared fact before it is taken for that fact misspelt:
   * one, or none but case.
   */
  static final int NEAR_MISS = 1;

  private final String source;
  private final FactSchema schema;
  private final Parser.Positions positions;
  private final Set<String> factNames = new LinkedHashSet<>();

  Compiler(String source, FactSchema schema, Parser.Positions positions) {
    this.source = source;
    this.schema = schema;
    this.positions = positions;
  }

  /** The facts the compiled condition reads (not names that may be symbols), in order. */
  Set<String> factNames() {
    return factNames;
  }

  Eval compile(Expr e) {
    Site site = new Site(source, positions.start(e));
    if (e instanceof Ast.Or) {
      return new Eval.Or(e, site, compileAll(((Ast.Or) e).operands()));
    }
    if (e instanceof Ast.And) {
      return new Eval.And(e, site, compileAll(((Ast.And) e).operands()));
    }
    if (e instanceof Ast.Not) {
      return new Eval.Not(e, site, compile(((Ast.Not) e).operand()));
    }
    if (e instanceof Compare) {
      return compare((Compare) e);
    }
    if (e instanceof In) {
      return in((In) e);
    }
    return truthy((Truthy) e, site);
  }

  private Eval[] compileAll(List<Expr> operands) {
    Eval[] compiled = new Eval[operands.size()];
    for (int i = 0; i < compiled.length; i++) {
      compiled[i] = compile(operands.get(i));
    }
    return compiled;
  }

  private Eval compare(Compare c) {
    Site site = new Site(source, positions.operator(c));
    Ast.Op op = c.op();
    Arg left = resolve(c.left(), false);
    Arg right = resolve(c.right(), !op.isOrdering());
    StaticType lt = StaticType.of(left);
    StaticType rt = StaticType.of(right);
    if (op.isOrdering()) {
      checkOrdering(c, site, left, lt, right, rt);
    } else {
      checkEquality(c, site, left, lt, right, rt);
      left = canonicalize(left, right, c, site);
      right = canonicalize(right, left, c, site);
    }
    checkNotNegativeCount(c, site, left, right);
    checkNotNegativeCount(c, site, right, left);
    int code = op.ordinal();
    if (left instanceof ConstArg && right instanceof ConstArg) {
      Eval.Comparison folded = new Eval.Comparison(c, site, left, code, right);
      return new Eval.Constant(c, site, left, op.text, right, folded.eval(Facts.empty()));
    }
    boolean leftFact = left instanceof FactArg;
    boolean rightFact = right instanceof FactArg;
    if (leftFact && right instanceof ConstArg) {
      return specialised(c, site, left, right, (FactArg) left, op, ((ConstArg) right).value, false);
    }
    if (rightFact && left instanceof ConstArg) {
      return specialised(
          c, site, left, right, (FactArg) right, op.swapped(), ((ConstArg) left).value, true);
    }
    return new Eval.Comparison(c, site, left, code, right);
  }

  private static Eval specialised(
      Compare c,
      Site site,
      Arg left,
      Arg right,
      FactArg fact,
      Ast.Op factOp,
      FactValue constant,
      boolean literalFirst) {
    String text = c.op().text;
    switch (constant.kind) {
      case FactValue.NUM:
        return new Eval.FactVsNumber(
            c, site, left, text, right, fact, factOp.ordinal(), constant, literalFirst);
      case FactValue.STR:
        if (!factOp.isOrdering()) {
          return new Eval.FactVsString(
              c, site, left, text, right, fact, constant, factOp == Ast.Op.NE, literalFirst);
        }
        break;
      case FactValue.BOOL:
        if (!factOp.isOrdering()) {
          return new Eval.FactVsBoolean(
              c, site, left, text, right, fact, constant, factOp == Ast.Op.NE, literalFirst);
        }
        break;
      default:
        break;
    }
    return new Eval.Comparison(c, site, left, c.op().ordinal(), right);
  }

  private Eval in(In in) {
    Site site = new Site(source, positions.operator(in));
    Arg left = resolve(in.left(), false);
    Target target = in.right();
    Arg right;
    if (target instanceof ListLit) {
      right = list((ListLit) target);
    } else {
      right = resolve((Operand) target, true);
    }
    checkMembership(in, site, left, StaticType.of(left), right, StaticType.of(right));
    checkNotNegativeCount(in, site, left, right);
    checkNotNegativeCount(in, site, right, left);
    right = canonicalize(right, left, in, site);
    left = canonicalize(left, right, in, site);
    String operator = in.negated() ? "NOT IN" : "IN";
    if (left instanceof ConstArg && right instanceof ConstArg) {
      Eval.Membership folded = new Eval.Membership(in, site, left, operator, right, in.negated());
      return new Eval.Constant(in, site, left, operator, right, folded.eval(Facts.empty()));
    }
    if (right instanceof ConstArg) {
      FactValue list = ((ConstArg) right).value;
      if (left instanceof FactArg && list.kind == FactValue.LIST && allStrings(list)) {
        return new Eval.FactInStrings(in, site, (FactArg) left, operator, right, in.negated());
      }
      return new Eval.InConstant(in, site, left, operator, right, in.negated());
    }
    return new Eval.Membership(in, site, left, operator, right, in.negated());
  }

  private static boolean allStrings(FactValue list) {
    for (FactValue e : list.elements) {
      if (e.kind != FactValue.STR) {
        return false;
      }
    }
    return true;
  }

  private Eval truthy(Truthy t, Site site) {
    Operand o = t.operand();
    if (o instanceof BoolLit) {
      Arg a = resolve(o, false);
      return new Eval.Constant(
          t, site, a, null, null, ((BoolLit) o).value() ? Eval.TRUE : Eval.FALSE);
    }
    if (o instanceof Lit) {
      ConstArg a = (ConstArg) resolve(o, false);
      throw new ConditionTypeException(
          a.text
              + " is "
              + a.value.describe()
              + ", not a condition; compare a fact with it, as in x == "
              + a.text,
          source,
          site.column());
    }
    FactArg fact = (FactArg) resolve(o, false);
    StaticType type = StaticType.of(fact);
    if (type.known() && type.kind != FactValue.BOOL) {
      throw new ConditionTypeException(
          "fact "
              + fact.name
              + " is declared as "
              + fact.declared.describe()
              + ", not a boolean, so it cannot be a condition by itself; compare it, as in "
              + fact.name
              + " == ...",
          source,
          site.column());
    }
    return new Eval.BooleanFact(t, site, fact);
  }

  // ---------------------------------------------------------------------------------------------
  // Operands

  private Arg resolve(Operand o, boolean symbolPosition) {
    if (o instanceof Name) {
      String name = ((Name) o).name();
      int column = positions.start(o);
      if (schema != null) {
        FactType type = schema.typeOrNull(name);
        if (type != null) {
          factNames.add(name);
          return new FactArg(name, type, new Site(source, column));
        }
        if (symbolPosition) {
          String fact = Suggestions.closestOrNull(name, schema.names(), NEAR_MISS);
          if (fact != null) {
            // A symbol spelt almost like a fact is most likely that fact misspelt: as a symbol it
            // would make the comparison silently false, so it is refused until quoted or fixed.
            // Only one edit away (or another case), since symbols such as security, resource
            // (of type == security) are legitimately two edits from facts (severity, source).
            throw new UnknownFactException(
                "'"
                    + name
                    + "' is not a declared fact, but it is close to the fact '"
                    + fact
                    + "' (did you mean '"
                    + fact
                    + "'?); if a symbol was meant, quote it: '"
                    + name
                    + "'",
                name,
                fact,
                source,
                column,
                true);
          }
          return new ConstArg(FactValue.ofString(name), name);
        }
        String suggestion = schema.closestName(name).orElse(null);
        throw new UnknownFactException(
            "unknown fact '"
                + name
                + "'"
                + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
                + "; declared facts: "
                + declaredList(),
            name,
            suggestion,
            source,
            column);
      }
      if (symbolPosition) {
        return new NameArg(name);
      }
      factNames.add(name);
      return new FactArg(name, null, new Site(source, column));
    }
    return new ConstArg(literal((Lit) o), Ast.print(o));
  }

  private String declaredList() {
    Set<String> names = schema.names();
    if (names.isEmpty()) {
      return "none";
    }
    List<String> shown = new ArrayList<>();
    for (String n : names) {
      if (shown.size() == 20) {
        shown.add("... (" + names.size() + " in all)");
        break;
      }
      shown.add(n);
    }
    return String.join(", ", shown);
  }

  private static FactValue literal(Lit lit) {
    if (lit instanceof BoolLit) {
      return FactValue.of(((BoolLit) lit).value());
    }
    if (lit instanceof StrLit) {
      return FactValue.ofString(((StrLit) lit).value());
    }
    return FactValue.of(((QtyLit) lit).value());
  }

  private ConstArg list(ListLit list) {
    List<FactValue> values = new ArrayList<>();
    StaticType elementType = StaticType.UNKNOWN;
    Lit first = null;
    for (Lit element : list.elements()) {
      FactValue v = literal(element);
      StaticType t = StaticType.of(v);
      if (first != null && !elementType.comparableTo(t)) {
        throw new ConditionTypeException(
            "a list mixes "
                + elementType.describe()
                + " ("
                + Ast.print(first)
                + ") with "
                + t.describe()
                + " ("
                + Ast.print(element)
                + ")",
            source,
            positions.start(element));
      }
      if (first == null || elementType.isPlainNumber()) {
        first = element;
        elementType = t;
      }
      values.add(v);
    }
    return new ConstArg(FactValue.ofList(values), Ast.print(list));
  }

  /**
   * For a {@link FactType#oneOf} fact compared with string literals: the literals read as their
   * canonical values, or a type error naming the closest value.
   */
  private Arg canonicalize(Arg literal, Arg other, Expr e, Site site) {
    if (!(literal instanceof ConstArg) || !(other instanceof FactArg)) {
      return literal;
    }
    Map<String, FactValue> canonical = ((FactArg) other).canonical;
    if (canonical == null) {
      return literal;
    }
    ConstArg c = (ConstArg) literal;
    FactValue v = c.value;
    if (v.kind == FactValue.STR) {
      return new ConstArg(canonicalValue(v.str, canonical, (FactArg) other, e, site), c.text);
    }
    if (v.kind == FactValue.LIST) {
      List<FactValue> mapped = new ArrayList<>();
      for (FactValue element : v.elements) {
        mapped.add(canonicalValue(element.str, canonical, (FactArg) other, e, site));
      }
      return new ConstArg(FactValue.ofList(mapped), c.text);
    }
    return literal;
  }

  private FactValue canonicalValue(
      String s, Map<String, FactValue> canonical, FactArg fact, Expr e, Site site) {
    FactValue v = canonical.get(s);
    if (v == null) {
      String suggestion = Suggestions.closestOrNull(s, canonical.keySet());
      throw new ConditionTypeException(
          Ast.print(e)
              + ": '"
              + s
              + "' is not a value of "
              + fact.name
              + ", which is "
              + fact.declared.describe()
              + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : ""),
          source,
          site.column());
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // Static types

  private void checkEquality(Expr e, Site site, Arg left, StaticType lt, Arg right, StaticType rt) {
    if (lt.kind == FactValue.LIST || rt.kind == FactValue.LIST) {
      throw typeError(e, site, "a list can only be compared with IN", left, lt, right, rt);
    }
    if (lt.known() && rt.known() && !lt.comparableTo(rt)) {
      throw typeError(e, site, null, left, lt, right, rt);
    }
  }

  private void checkOrdering(Expr e, Site site, Arg left, StaticType lt, Arg right, StaticType rt) {
    boolean leftBad = lt.known() && lt.kind != FactValue.NUM;
    boolean rightBad = rt.known() && rt.kind != FactValue.NUM;
    if (leftBad || rightBad) {
      throw typeError(
          e,
          site,
          "'" + ((Compare) e).op().text + "' compares numbers and quantities",
          left,
          lt,
          right,
          rt);
    }
    if (lt.known() && rt.known() && !lt.comparableTo(rt)) {
      throw typeError(e, site, null, left, lt, right, rt);
    }
  }

  private void checkMembership(
      Expr e, Site site, Arg left, StaticType lt, Arg right, StaticType rt) {
    StaticType le = lt.kind == FactValue.LIST ? lt.element : lt;
    StaticType re = rt.kind == FactValue.LIST ? rt.element : rt;
    if (le.known() && re.known() && !le.comparableTo(re)) {
      throw typeError(e, site, null, left, lt, right, rt);
    }
  }

  /**
   * A count is never negative (facts that are refuse at evaluation), so a negative number compared
   * with a count fact is a mistake: it is refused rather than left to be always true or false.
   */
  private void checkNotNegativeCount(Expr e, Site site, Arg fact, Arg literal) {
    if (!(fact instanceof FactArg) || !(literal instanceof ConstArg)) {
      return;
    }
    FactType type = ((FactArg) fact).declared;
    if (type == null || type.kind() != FactType.Kind.COUNT) {
      return;
    }
    FactValue v = ((ConstArg) literal).value;
    for (FactValue x : v.kind == FactValue.LIST ? v.elements : new FactValue[] {v}) {
      if (x.kind == FactValue.NUM && x.num < 0) {
        throw new ConditionTypeException(
            Ast.print(e)
                + ": fact "
                + ((FactArg) fact).name
                + " is "
                + type.describe()
                + ", and a count is never negative, so it is never "
                + x.display(),
            source,
            site.column());
      }
    }
  }

  private ConditionTypeException typeError(
      Expr e, Site site, String why, Arg left, StaticType lt, Arg right, StaticType rt) {
    String reason = "cannot compare " + describe(left, lt) + " with " + describe(right, rt);
    return new ConditionTypeException(
        Ast.print(e) + ": " + (why != null ? why + "; " + reason : reason), source, site.column());
  }

  private static String describe(Arg a, StaticType t) {
    if (a instanceof FactArg) {
      return "fact " + ((FactArg) a).name + " (" + t.describe() + ")";
    }
    if (a instanceof ConstArg) {
      return ((ConstArg) a).text + " (" + t.describe() + ")";
    }
    return ((NameArg) a).name;
  }

  /** What is known about an operand's value before evaluation. */
  static final class StaticType {
    static final byte UNKNOWN_KIND = -1;
    static final StaticType UNKNOWN = new StaticType(UNKNOWN_KIND, (byte) 0, null, null, null);

    final byte kind;
    final byte dim;
    final String unit;

    /** For a list: what is known about its elements. */
    final StaticType element;

    private final String description;

    private StaticType(byte kind, byte dim, String unit, StaticType element, String description) {
      this.kind = kind;
      this.dim = dim;
      this.unit = unit;
      this.element = element;
      this.description = description;
    }

    static StaticType of(Arg a) {
      if (a instanceof ConstArg) {
        return of(((ConstArg) a).value);
      }
      if (a instanceof FactArg && ((FactArg) a).declared != null) {
        return of(((FactArg) a).declared);
      }
      return UNKNOWN;
    }

    static StaticType of(FactValue v) {
      if (v.kind == FactValue.LIST) {
        StaticType element = UNKNOWN;
        for (FactValue e : v.elements) {
          StaticType t = of(e);
          if (!element.known() || element.isPlainNumber()) {
            element = t;
          }
        }
        return new StaticType(FactValue.LIST, (byte) 0, null, element, "a list");
      }
      return new StaticType(v.kind, v.dim, v.unit, null, v.describe());
    }

    static StaticType of(FactType t) {
      switch (t.kind()) {
        case BOOLEAN:
          return new StaticType(FactValue.BOOL, (byte) 0, null, null, t.describe());
        case STRING:
          return new StaticType(FactValue.STR, (byte) 0, null, null, t.describe());
        case LIST:
          return new StaticType(FactValue.LIST, (byte) 0, null, UNKNOWN, t.describe());
        case ANY:
          return UNKNOWN;
        default:
          return new StaticType(
              FactValue.NUM,
              (byte) t.dimension().ordinal(),
              t.countUnit().orElse(null),
              null,
              t.describe());
      }
    }

    boolean known() {
      return kind != UNKNOWN_KIND;
    }

    boolean isPlainNumber() {
      return kind == FactValue.NUM && dim == FactValue.NUMBER;
    }

    /** Whether values of both types may be tested for equality (or ordered, for numbers). */
    boolean comparableTo(StaticType o) {
      if (!known() || !o.known()) {
        return true;
      }
      if (kind != o.kind) {
        return false;
      }
      return kind != FactValue.NUM || FactValue.comparable(dim, unit, o.dim, o.unit);
    }

    String describe() {
      return description == null ? "any value" : description;
    }
  }
}
