package io.github.aiplaybooks.core.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a condition, as written: the parser decides nothing about facts and symbols
 * (the {@link Compiler} does). Nodes are records compared by value, without positions, so two
 * conditions are equal when their trees are; {@code AND} and {@code OR} are n-ary and flattened, so
 * that parentheses around a run of the same operator do not matter.
 */
final class Ast {
  private Ast() {}

  /** A condition. */
  sealed interface Expr permits Or, And, Not, Compare, In, Truthy {}

  /** The right side of {@code IN}: a list literal or an operand. */
  sealed interface Target permits Operand, ListLit {}

  /** A value in a comparison: a name (fact or symbol) or a literal. */
  sealed interface Operand extends Target permits Name, Lit {}

  /** A literal value. */
  sealed interface Lit extends Operand permits BoolLit, StrLit, QtyLit {}

  /** A bare identifier: a fact, or a symbol where the compiler reads it as one. */
  record Name(String name) implements Operand {
    Name {
      Objects.requireNonNull(name);
    }
  }

  record BoolLit(boolean value) implements Lit {}

  /**
   * A string: quoted in the source, or a bare identifier inside a list literal ({@code symbol}
   * true), which is printed back bare.
   */
  record StrLit(String value, boolean symbol) implements Lit {
    StrLit {
      Objects.requireNonNull(value);
    }
  }

  record QtyLit(Quantity value) implements Lit {
    QtyLit {
      Objects.requireNonNull(value);
    }
  }

  record ListLit(List<Lit> elements) implements Target {
    ListLit {
      elements = List.copyOf(elements);
    }
  }

  record Or(List<Expr> operands) implements Expr {
    Or {
      operands = List.copyOf(operands);
    }
  }

  record And(List<Expr> operands) implements Expr {
    And {
      operands = List.copyOf(operands);
    }
  }

  record Not(Expr operand) implements Expr {
    Not {
      Objects.requireNonNull(operand);
    }
  }

  record Compare(Operand left, Op op, Operand right) implements Expr {
    Compare {
      Objects.requireNonNull(left);
      Objects.requireNonNull(op);
      Objects.requireNonNull(right);
    }
  }

  record In(Operand left, boolean negated, Target right) implements Expr {
    In {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }
  }

  /** A bare operand used as a condition: a boolean fact, or {@code true}/{@code false}. */
  record Truthy(Operand operand) implements Expr {
    Truthy {
      Objects.requireNonNull(operand);
    }
  }

  /** Comparison operators. */
  enum Op {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String text;

    Op(String text) {
      this.text = text;
    }

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    Op swapped() {
      switch (this) {
        case LT:
          return GT;
        case LE:
          return GE;
        case GT:
          return LT;
        case GE:
          return LE;
        default:
          return this;
      }
    }

    boolean isOrdering() {
      return this != EQ && this != NE;
    }
  }

  /** {@code a AND b AND ...}, flattening operands that are themselves {@code AND}s. */
  static Expr and(List<Expr> operands) {
    List<Expr> flat = new ArrayList<>();
    for (Expr e : operands) {
      if (e instanceof And) {
        flat.addAll(((And) e).operands());
      } else {
        flat.add(e);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new And(flat);
  }

  /** {@code a OR b OR ...}, flattening operands that are themselves {@code OR}s. */
  static Expr or(List<Expr> operands) {
    List<Expr> flat = new ArrayList<>();
    for (Expr e : operands) {
      if (e instanceof Or) {
        flat.addAll(((Or) e).operands());
      } else {
        flat.add(e);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new Or(flat);
  }

  /** The canonical text of a condition, which parses back to an equal tree. */
  static String print(Expr e) {
    StringBuilder b = new StringBuilder();
    print(e, b);
    return b.toString();
  }

  private static void print(Expr e, StringBuilder b) {
    if (e instanceof Or) {
      join(((Or) e).operands(), " OR ", b);
    } else if (e instanceof And) {
      join(((And) e).operands(), " AND ", b);
    } else if (e instanceof Not) {
      b.append("NOT ");
      Expr operand = ((Not) e).operand();
      boolean parens = operand instanceof And || operand instanceof Or;
      printMaybeParenthesized(operand, parens, b);
    } else if (e instanceof Compare) {
      Compare c = (Compare) e;
      print(c.left(), b);
      b.append(' ').append(c.op().text).append(' ');
      print(c.right(), b);
    } else if (e instanceof In) {
      In in = (In) e;
      print(in.left(), b);
      b.append(in.negated() ? " NOT IN " : " IN ");
      print(in.right(), b);
    } else {
      print(((Truthy) e).operand(), b);
    }
  }

  private static void join(List<Expr> operands, String op, StringBuilder b) {
    boolean first = true;
    for (Expr operand : operands) {
      if (!first) {
        b.append(op);
      }
      first = false;
      // Only an OR inside an AND needs parentheses: NOT and comparisons bind tighter than both.
      printMaybeParenthesized(operand, op.equals(" AND ") && operand instanceof Or, b);
    }
  }

  private static void printMaybeParenthesized(Expr e, boolean parens, StringBuilder b) {
    if (parens) {
      b.append('(');
    }
    print(e, b);
    if (parens) {
      b.append(')');
    }
  }

  static String print(Target t) {
    StringBuilder b = new StringBuilder();
    print(t, b);
    return b.toString();
  }

  private static void print(Target t, StringBuilder b) {
    if (t instanceof Name) {
      b.append(((Name) t).name());
    } else if (t instanceof BoolLit) {
      b.append(((BoolLit) t).value());
    } else if (t instanceof QtyLit) {
      b.append(((QtyLit) t).value());
    } else if (t instanceof StrLit) {
      StrLit s = (StrLit) t;
      if (s.symbol()) {
        b.append(s.value());
      } else {
        quote(s.value(), b);
      }
    } else {
      b.append('[');
      boolean first = true;
      for (Lit element : ((ListLit) t).elements()) {
        if (!first) {
          b.append(", ");
        }
        first = false;
        print(element, b);
      }
      b.append(']');
    }
  }

  private static void quote(String s, StringBuilder b) {
    b.append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    b.append('\'');
  }
}
