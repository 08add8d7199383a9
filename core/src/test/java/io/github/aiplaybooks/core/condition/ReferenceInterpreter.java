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
import java.util.Optional;
import java.util.Set;

/**
 * The simplest interpreter of the language's semantics, for conditions compiled without a schema:
 * it walks the syntax tree and works on boxed public values ({@link Facts#get}), sharing nothing
 * with the compiled evaluator but the syntax tree and {@link Quantity}. Property tests check that
 * the compiled evaluator agrees with it.
 */
final class ReferenceInterpreter {
  private static final Object MISSING = new Object();

  private ReferenceInterpreter() {}

  static Truth evaluate(Expr e, Facts facts) {
    return evaluate(e, facts, null);
  }

  /**
   * Evaluates as if compiled against a schema that declares {@code declared} (of any type), or
   * without one if {@code declared} is {@code null}: a declared name is always a fact.
   */
  static Truth evaluate(Expr e, Facts facts, Set<String> declared) {
    if (e instanceof Ast.Or) {
      Truth result = Truth.FALSE;
      for (Expr operand : ((Ast.Or) e).operands()) {
        Truth t = evaluate(operand, facts, declared);
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
        Truth t = evaluate(operand, facts, declared);
        if (t == Truth.FALSE) {
          return Truth.FALSE;
        }
        result = result.and(t);
      }
      return result;
    }
    if (e instanceof Ast.Not) {
      return evaluate(((Ast.Not) e).operand(), facts, declared).not();
    }
    if (e instanceof Compare) {
      Compare c = (Compare) e;
      boolean ordering = c.op().isOrdering();
      Object a = value(c.left(), false, facts, declared);
      Object b = value(c.right(), !ordering, facts, declared);
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
      Object a = value(in.left(), false, facts, declared);
      Object b;
      if (in.right() instanceof ListLit) {
        List<Object> values = new ArrayList<>();
        for (Lit l : ((ListLit) in.right()).elements()) {
          values.add(value(l, true, facts, declared));
        }
        b = values;
      } else {
        b = value((Operand) in.right(), true, facts, declared);
      }
      if (a == MISSING || b == MISSING) {
        return Truth.UNKNOWN;
      }
      boolean found = false;
      outer:
      for (Object x : elements(a)) {
        for (Object y : elements(b)) {
          if (equal(x, y)) {
            found = true;
            break outer;
          }
        }
      }
      return Truth.of(found != in.negated());
    }
    Operand o = ((Truthy) e).operand();
    Object v = value(o, false, facts, declared);
    if (v == MISSING) {
      return Truth.UNKNOWN;
    }
    if (!(v instanceof Boolean)) {
      throw new ConditionTypeException("not a boolean: " + v);
    }
    return Truth.of((Boolean) v);
  }

  /**
   * What compiling against a schema that declares {@code declared} (of any type) finds first, in
   * the order the compiler reads the tree: an undeclared name where only a fact may stand, or one
   * spelt almost like a declared name where a symbol may stand, is an {@link UnknownFactException};
   * a symbol compared with a literal that is not a string is a {@link ConditionTypeException}.
   * {@code null} if neither.
   */
  static Class<? extends ConditionException> compileError(Expr e, Set<String> declared) {
    if (e instanceof Ast.Or || e instanceof Ast.And) {
      List<Expr> operands =
          e instanceof Ast.Or ? ((Ast.Or) e).operands() : ((Ast.And) e).operands();
      for (Expr operand : operands) {
        Class<? extends ConditionException> error = compileError(operand, declared);
        if (error != null) {
          return error;
        }
      }
      return null;
    }
    if (e instanceof Ast.Not) {
      return compileError(((Ast.Not) e).operand(), declared);
    }
    if (e instanceof Compare) {
      Compare c = (Compare) e;
      if (undeclared(c.left(), declared)) {
        return UnknownFactException.class;
      }
      if (c.op().isOrdering()) {
        return undeclared(c.right(), declared) ? UnknownFactException.class : null;
      }
      if (nearMiss(c.right(), declared)) {
        return UnknownFactException.class;
      }
      return symbolMeetsNonString(c.left(), c.right(), declared)
              || symbolMeetsNonString(c.right(), c.left(), declared)
          ? ConditionTypeException.class
          : null;
    }
    if (e instanceof In) {
      In in = (In) e;
      if (undeclared(in.left(), declared)) {
        return UnknownFactException.class;
      }
      if (in.right() instanceof Operand) {
        Operand right = (Operand) in.right();
        if (nearMiss(right, declared)) {
          return UnknownFactException.class;
        }
        return symbolMeetsNonString(right, in.left(), declared)
                || symbolMeetsNonString(in.left(), right, declared)
            ? ConditionTypeException.class
            : null;
      }
      return null;
    }
    Operand o = ((Truthy) e).operand();
    return undeclared(o, declared) ? UnknownFactException.class : null;
  }

  /** Whether {@code o} is an undeclared name spelt almost like a declared one: a likely typo. */
  private static boolean nearMiss(Operand o, Set<String> declared) {
    return undeclared(o, declared)
        && Suggestions.closestOrNull(((Name) o).name(), new java.util.TreeSet<>(declared), 1)
            != null;
  }

  private static boolean undeclared(Operand o, Set<String> declared) {
    return o instanceof Name && !declared.contains(((Name) o).name());
  }

  /** Whether {@code symbol} is an undeclared name and {@code other} a literal but no string. */
  private static boolean symbolMeetsNonString(Operand symbol, Operand other, Set<String> declared) {
    return undeclared(symbol, declared) && (other instanceof BoolLit || other instanceof QtyLit);
  }

  private static List<?> elements(Object v) {
    return v instanceof List ? (List<?>) v : List.of(v);
  }

  private static Object value(
      Operand o, boolean symbolPosition, Facts facts, Set<String> declared) {
    if (o instanceof Name) {
      String name = ((Name) o).name();
      boolean symbol = symbolPosition && (declared == null || !declared.contains(name));
      Optional<Object> v = facts.get(name);
      if (declared != null && symbol) {
        return name;
      }
      if (v.isPresent()) {
        return v.get();
      }
      return symbol ? name : MISSING;
    }
    if (o instanceof BoolLit) {
      return ((BoolLit) o).value();
    }
    if (o instanceof StrLit) {
      return ((StrLit) o).value();
    }
    return ((QtyLit) o).value();
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
      case GE:
        return x.baseValue() >= y.baseValue();
      default:
        throw new IllegalArgumentException(op.toString());
    }
  }
}
