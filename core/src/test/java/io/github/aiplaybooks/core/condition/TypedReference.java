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
import io.github.aiplaybooks.core.condition.Ast.Truthy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simplest interpreter of the language for conditions compiled against a typed schema: what the
 * compiler must refuse (unknown facts, likely typos, comparisons whose declared types can never
 * meet, literals that are not values of a {@code oneOf} fact, negative numbers against counts), and
 * how evaluation reads each declared fact (a value of another type is a type error; a spelling of a
 * {@code oneOf} value reads as its canonical value). It walks the syntax tree on boxed public
 * values, sharing nothing with the compiler and evaluator but the tree, {@link Quantity} and the
 * spelling rule of {@link Suggestions}.
 */
final class TypedReference {
  private static final Object MISSING = new Object();

  /** A declared fact: its type, and for a {@code oneOf} type every spelling to its value. */
  record Declared(FactType type, Map<String, String> spellings) {}

  private TypedReference() {}

  // ---------------------------------------------------------------------------------------------
  // Compile time

  /** What a value is known to be before evaluation. */
  private record Static(String kind, Quantity.Dimension dim, String unit, Static element) {
    static final Static UNKNOWN = new Static("?", null, null, null);

    boolean known() {
      return !kind.equals("?");
    }

    boolean comparableTo(Static o) {
      if (!known() || !o.known()) {
        return true;
      }
      if (!kind.equals(o.kind)) {
        return false;
      }
      if (!kind.equals("num")) {
        return true;
      }
      if (dim == Quantity.Dimension.NUMBER || o.dim == Quantity.Dimension.NUMBER) {
        return true;
      }
      return dim == o.dim && (dim != Quantity.Dimension.COUNT || unit.equals(o.unit));
    }
  }

  /** An operand as the compiler resolves it: a declared fact, or a constant. */
  private record Resolved(String fact, Declared declared, Object constant, Static type) {
    boolean isFact() {
      return fact != null;
    }
  }

  /** The exception the compiler throws first, in its order of reading the tree, or null. */
  static Class<? extends ConditionException> compileError(Expr e, Map<String, Declared> schema) {
    try {
      check(e, schema);
      return null;
    } catch (Refused r) {
      return r.type;
    }
  }

  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Class<? extends ConditionException> type;

    Refused(Class<? extends ConditionException> type) {
      super(null, null, false, false);
      this.type = type;
    }
  }

  private static void check(Expr e, Map<String, Declared> schema) {
    if (e instanceof Ast.Or) {
      ((Ast.Or) e).operands().forEach(o -> check(o, schema));
    } else if (e instanceof Ast.And) {
      ((Ast.And) e).operands().forEach(o -> check(o, schema));
    } else if (e instanceof Ast.Not) {
      check(((Ast.Not) e).operand(), schema);
    } else if (e instanceof Compare) {
      Compare c = (Compare) e;
      boolean ordering = c.op().isOrdering();
      Resolved left = resolve(c.left(), false, schema);
      Resolved right = resolve(c.right(), !ordering, schema);
      if (ordering) {
        if ((left.type.known() && !left.type.kind.equals("num"))
            || (right.type.known() && !right.type.kind.equals("num"))
            || !left.type.comparableTo(right.type)) {
          throw new Refused(ConditionTypeException.class);
        }
      } else {
        if (left.type.kind.equals("list")
            || right.type.kind.equals("list")
            || !left.type.comparableTo(right.type)) {
          throw new Refused(ConditionTypeException.class);
        }
        left = canonical(left, right);
        right = canonical(right, left);
      }
      negativeCount(left, right);
      negativeCount(right, left);
      if (!left.isFact() && !right.isFact()) {
        fold(c, left.constant, right.constant);
      }
    } else if (e instanceof In) {
      In in = (In) e;
      Resolved left = resolve(in.left(), false, schema);
      Resolved right;
      if (in.right() instanceof ListLit) {
        List<Object> values = new ArrayList<>();
        Static element = Static.UNKNOWN;
        for (Lit l : ((ListLit) in.right()).elements()) {
          Object v = literal(l);
          Static t = typeOf(v);
          if (!values.isEmpty() && !element.comparableTo(t)) {
            throw new Refused(ConditionTypeException.class);
          }
          if (values.isEmpty() || isPlainNumber(element)) {
            element = t;
          }
          values.add(v);
        }
        right = new Resolved(null, null, values, new Static("list", null, null, element));
      } else {
        right = resolve((Operand) in.right(), true, schema);
      }
      Static le = left.type.kind.equals("list") ? left.type.element : left.type;
      Static re = right.type.kind.equals("list") ? right.type.element : right.type;
      if (le != null && re != null && !le.comparableTo(re)) {
        throw new Refused(ConditionTypeException.class);
      }
      right = canonical(right, left);
      left = canonical(left, right);
      negativeCount(left, right);
      negativeCount(right, left);
      if (!left.isFact() && !right.isFact()) {
        member(left.constant, right.constant);
      }
    } else {
      Operand o = ((Truthy) e).operand();
      if (o instanceof BoolLit) {
        return;
      }
      if (o instanceof Lit) {
        throw new Refused(ConditionTypeException.class);
      }
      Resolved fact = resolve(o, false, schema);
      if (fact.type.known() && !fact.type.kind.equals("bool")) {
        throw new Refused(ConditionTypeException.class);
      }
    }
  }

  private static boolean isPlainNumber(Static t) {
    return t.kind.equals("num") && t.dim == Quantity.Dimension.NUMBER;
  }

  private static void fold(Compare c, Object a, Object b) {
    try {
      switch (c.op()) {
        case EQ:
        case NE:
          equal(a, b);
          break;
        default:
          order(a, c.op(), b);
      }
    } catch (ConditionTypeException x) {
      throw new Refused(ConditionTypeException.class);
    }
  }

  private static Resolved resolve(Operand o, boolean symbolPosition, Map<String, Declared> schema) {
    if (o instanceof Name) {
      String name = ((Name) o).name();
      Declared d = schema.get(name);
      if (d != null) {
        return new Resolved(name, d, null, typeOf(d.type()));
      }
      if (!symbolPosition
          || Suggestions.closestOrNull(name, new java.util.TreeSet<>(schema.keySet()), 1) != null) {
        throw new Refused(UnknownFactException.class);
      }
      return new Resolved(null, null, name, typeOf(name));
    }
    Object v = literal((Lit) o);
    return new Resolved(null, null, v, typeOf(v));
  }

  /** A string (or list of strings) literal met by a {@code oneOf} fact reads as its value. */
  private static Resolved canonical(Resolved literal, Resolved other) {
    if (literal.isFact() || !other.isFact() || other.declared.spellings() == null) {
      return literal;
    }
    Map<String, String> spellings = other.declared.spellings();
    if (literal.constant instanceof String) {
      return new Resolved(null, null, spelling(spellings, (String) literal.constant), literal.type);
    }
    if (literal.constant instanceof List) {
      List<Object> mapped = new ArrayList<>();
      for (Object x : (List<?>) literal.constant) {
        mapped.add(spelling(spellings, (String) x));
      }
      return new Resolved(null, null, mapped, literal.type);
    }
    return literal;
  }

  private static String spelling(Map<String, String> spellings, String s) {
    String v = spellings.get(s);
    if (v == null) {
      throw new Refused(ConditionTypeException.class);
    }
    return v;
  }

  /** A negative number compared with a count fact is refused. */
  private static void negativeCount(Resolved fact, Resolved literal) {
    if (!fact.isFact() || literal.isFact() || fact.declared.type().kind() != FactType.Kind.COUNT) {
      return;
    }
    List<?> values =
        literal.constant instanceof List ? (List<?>) literal.constant : List.of(literal.constant);
    for (Object v : values) {
      if (v instanceof Quantity && ((Quantity) v).baseValue() < 0) {
        throw new Refused(ConditionTypeException.class);
      }
    }
  }

  private static Static typeOf(FactType t) {
    switch (t.kind()) {
      case BOOLEAN:
        return new Static("bool", null, null, null);
      case STRING:
        return new Static("str", null, null, null);
      case LIST:
        return new Static("list", null, null, Static.UNKNOWN);
      case ANY:
        return Static.UNKNOWN;
      case NUMBER:
        return new Static("num", Quantity.Dimension.NUMBER, null, null);
      case RATIO:
        return new Static("num", Quantity.Dimension.RATIO, null, null);
      case DURATION:
        return new Static("num", Quantity.Dimension.DURATION, null, null);
      case MONEY:
        return new Static("num", Quantity.Dimension.MONEY, null, null);
      default:
        return new Static("num", Quantity.Dimension.COUNT, t.countUnit().orElseThrow(), null);
    }
  }

  private static Static typeOf(Object literal) {
    if (literal instanceof Boolean) {
      return new Static("bool", null, null, null);
    }
    if (literal instanceof String) {
      return new Static("str", null, null, null);
    }
    Quantity q = (Quantity) literal;
    return new Static(
        "num", q.dimension(), q.dimension() == Quantity.Dimension.COUNT ? q.unit() : null, null);
  }

  private static Object literal(Lit lit) {
    if (lit instanceof BoolLit) {
      return ((BoolLit) lit).value();
    }
    if (lit instanceof StrLit) {
      return ((StrLit) lit).value();
    }
    return ((QtyLit) lit).value();
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation, for a condition that compiles

  static Truth evaluate(Expr e, Facts facts, Map<String, Declared> schema) {
    if (e instanceof Ast.Or) {
      Truth result = Truth.FALSE;
      for (Expr operand : ((Ast.Or) e).operands()) {
        Truth t = evaluate(operand, facts, schema);
        if (t == Truth.TRUE) {
          return Truth.TRUE;
        }
        result = result.or(t);
      }
      return result;
    }
    if (e instanceof Ast.And) {
      Truth result = Truth.TRUE;
      for (Expr operand : ((Ast.And) e).operands()) {
        Truth t = evaluate(operand, facts, schema);
        if (t == Truth.FALSE) {
          return Truth.FALSE;
        }
        result = result.and(t);
      }
      return result;
    }
    if (e instanceof Ast.Not) {
      return evaluate(((Ast.Not) e).operand(), facts, schema).not();
    }
    if (e instanceof Compare) {
      Compare c = (Compare) e;
      Object a = value(c.left(), c.right(), facts, schema);
      Object b = value(c.right(), c.left(), facts, schema);
      if (a == MISSING || b == MISSING) {
        return Truth.UNKNOWN;
      }
      switch (c.op()) {
        case EQ:
          return Truth.of(equal(a, b));
        case NE:
          return Truth.of(!equal(a, b));
        default:
          return Truth.of(order(a, c.op(), b));
      }
    }
    if (e instanceof In) {
      In in = (In) e;
      Object a;
      Object b;
      if (in.right() instanceof ListLit) {
        a = value(in.left(), null, facts, schema);
        List<Object> values = new ArrayList<>();
        for (Lit l : ((ListLit) in.right()).elements()) {
          values.add(canonicalLiteral(literal(l), in.left(), schema));
        }
        b = values;
      } else {
        a = value(in.left(), (Operand) in.right(), facts, schema);
        b = value((Operand) in.right(), in.left(), facts, schema);
      }
      if (a == MISSING || b == MISSING) {
        return Truth.UNKNOWN;
      }
      return Truth.of(member(a, b) != in.negated());
    }
    Operand o = ((Truthy) e).operand();
    Object v = value(o, null, facts, schema);
    if (v == MISSING) {
      return Truth.UNKNOWN;
    }
    if (!(v instanceof Boolean)) {
      throw new ConditionTypeException("not a boolean: " + v);
    }
    return Truth.of((Boolean) v);
  }

  /**
   * The value of {@code o}: a declared fact read and checked against its type, a symbol, or a
   * literal (read as the value of a {@code oneOf} fact it is compared with, {@code other}).
   */
  private static Object value(Operand o, Operand other, Facts facts, Map<String, Declared> schema) {
    if (o instanceof Name && schema.containsKey(((Name) o).name())) {
      String name = ((Name) o).name();
      Optional<Object> v = facts.get(name);
      return v.isPresent() ? checked(name, v.get(), schema.get(name)) : MISSING;
    }
    Object constant = o instanceof Name ? ((Name) o).name() : literal((Lit) o);
    return other == null ? constant : canonicalLiteral(constant, other, schema);
  }

  private static Object canonicalLiteral(
      Object constant, Operand other, Map<String, Declared> schema) {
    if (constant instanceof String
        && other instanceof Name
        && schema.containsKey(((Name) other).name())) {
      Map<String, String> spellings = schema.get(((Name) other).name()).spellings();
      if (spellings != null) {
        return spellings.get(constant);
      }
    }
    return constant;
  }

  private static Object checked(String name, Object v, Declared d) {
    FactType t = d.type();
    boolean ok;
    switch (t.kind()) {
      case ANY:
        return v;
      case BOOLEAN:
        ok = v instanceof Boolean;
        break;
      case STRING:
        ok = v instanceof String && (d.spellings() == null || d.spellings().containsKey(v));
        break;
      case LIST:
        ok = v instanceof List;
        break;
      case NUMBER:
        ok = v instanceof Quantity && ((Quantity) v).dimension() == Quantity.Dimension.NUMBER;
        break;
      case COUNT:
        ok =
            v instanceof Quantity
                && ((Quantity) v).baseValue() >= 0
                && (((Quantity) v).dimension() == Quantity.Dimension.NUMBER
                    || (((Quantity) v).dimension() == Quantity.Dimension.COUNT
                        && ((Quantity) v).unit().equals(t.countUnit().orElseThrow())));
        break;
      default:
        Quantity.Dimension want =
            t.kind() == FactType.Kind.RATIO
                ? Quantity.Dimension.RATIO
                : t.kind() == FactType.Kind.DURATION
                    ? Quantity.Dimension.DURATION
                    : Quantity.Dimension.MONEY;
        ok =
            v instanceof Quantity
                && (((Quantity) v).dimension() == Quantity.Dimension.NUMBER
                    || ((Quantity) v).dimension() == want);
    }
    if (!ok) {
      throw new ConditionTypeException("fact " + name + " is not " + t + ": " + v);
    }
    return d.spellings() == null ? v : d.spellings().get(v);
  }

  private static List<?> elements(Object v) {
    return v instanceof List ? (List<?>) v : List.of(v);
  }

  private static boolean member(Object a, Object b) {
    for (Object x : elements(a)) {
      for (Object y : elements(b)) {
        if (equal(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean equal(Object a, Object b) {
    if (a instanceof Boolean && b instanceof Boolean) {
      return a.equals(b);
    }
    if (a instanceof String && b instanceof String) {
      return a.equals(b);
    }
    if (a instanceof Quantity && b instanceof Quantity) {
      Quantity x = (Quantity) a;
      Quantity y = (Quantity) b;
      if (!x.isComparableTo(y)) {
        throw new ConditionTypeException("incomparable: " + x + ", " + y);
      }
      return x.baseValue() == y.baseValue();
    }
    throw new ConditionTypeException("incomparable: " + a + ", " + b);
  }

  private static boolean order(Object a, Ast.Op op, Object b) {
    if (!(a instanceof Quantity && b instanceof Quantity)) {
      throw new ConditionTypeException("not quantities: " + a + ", " + b);
    }
    Quantity x = (Quantity) a;
    Quantity y = (Quantity) b;
    if (!x.isComparableTo(y)) {
      throw new ConditionTypeException("incomparable: " + x + ", " + y);
    }
    switch (op) {
      case LT:
        return x.baseValue() < y.baseValue();
      case LE:
        return x.baseValue() <= y.baseValue();
      case GT:
        return x.baseValue() > y.baseValue();
      default:
        return x.baseValue() >= y.baseValue();
    }
  }
}
