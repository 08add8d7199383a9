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
    if (e instanceof Ast.Or) {
      Truth result = Truth.FALSE;
      for (Expr operand : ((Ast.Or) e).operands()) {
        Truth t = evaluate(operand, facts);
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
        Truth t = evaluate(operand, facts);
        if (t == Truth.FALSE) {
          return Truth.FALSE;
        }
        result = result.and(t);
      }
      return result;
    }
    if (e instanceof Ast.Not) {
      return evaluate(((Ast.Not) e).operand(), facts).not();
    }
    if (e instanceof Compare) {
      Compare c = (Compare) e;
      boolean ordering = c.op().isOrdering();
      Object a = value(c.left(), false, facts);
      Object b = value(c.right(), !ordering, facts);
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
      Object a = value(in.left(), false, facts);
      Object b;
      if (in.right() instanceof ListLit) {
        List<Object> values = new ArrayList<>();
        for (Lit l : ((ListLit) in.right()).elements()) {
          values.add(value(l, true, facts));
        }
        b = values;
      } else {
        b = value((Operand) in.right(), true, facts);
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
    Object v = value(o, false, facts);
    if (v == MISSING) {
      return Truth.UNKNOWN;
    }
    if (!(v instanceof Boolean)) {
      throw new ConditionTypeException("not a boolean: " + v);
    }
    return Truth.of((Boolean) v);
  }

  private static List<?> elements(Object v) {
    return v instanceof List ? (List<?>) v : List.of(v);
  }

  private static Object value(Operand o, boolean symbolPosition, Facts facts) {
    if (o instanceof Name) {
      String name = ((Name) o).name();
      Optional<Object> v = facts.get(name);
      if (v.isPresent()) {
        return v.get();
      }
      return symbolPosition ? name : MISSING;
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
