package io.github.aiplaybooks.core.condition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled condition: a tree of small, immutable nodes, each specialised for one shape of
 * comparison, whose {@link #eval(Facts)} reads fact values that were converted when the facts were
 * built and compares them with literals that were converted at compile time. Evaluation allocates
 * nothing and throws only on a type error.
 *
 * <p>Results are int codes: {@link #FALSE} 0, {@link #TRUE} 1, {@link #UNKNOWN} 2 (the ordinals of
 * {@link Truth}). {@code AND} and {@code OR} evaluate left to right and stop at the first operand
 * that decides them (Kleene logic): an unknown operand does not stop them.
 */
abstract class Eval {
  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int UNKNOWN = 2;

  /** The sub-condition this node evaluates, for explanations and error messages. */
  final Ast.Expr expr;

  /** The condition's source and this node's column, for error messages. */
  final Site site;

  Eval(Ast.Expr expr, Site site) {
    this.expr = expr;
    this.site = site;
  }

  /** Evaluates against {@code facts}: {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}. */
  abstract int eval(Facts facts);

  /** Evaluates as {@link #eval} does, recording why. */
  abstract Explanation explain(Facts facts);

  /**
   * When {@link #eval} gives {@link #UNKNOWN}: the absent fact that made it so (the first in
   * evaluation order), else {@code null}.
   */
  abstract FactArg missing(Facts facts);

  /** Where a node is: the whole condition's text and a 1-based column (0 if unknown). */
  record Site(String source, int column) {}

  static Truth truth(int code) {
    return Truth.ofCode(code);
  }

  // ---------------------------------------------------------------------------------------------
  // Operands

  /** An operand of a comparison, resolved at compile time to a fact, a literal or a name. */
  abstract static class Arg {
    /** The value, or {@code null} if it is an absent fact. */
    abstract FactValue get(Facts facts);

    /** The operand for explanations, recording what it read. */
    abstract String render(Facts facts, Map<String, Object> read, Set<String> missing);
  }

  /** A fact, optionally with a declared type that its value is checked against. */
  static final class FactArg extends Arg {
    final String name;

    /** The declared type, or {@code null} if any value is accepted. */
    final FactType declared;

    /** For a {@link FactType#oneOf} fact: spellings to canonical values, else {@code null}. */
    final Map<String, FactValue> canonical;

    final Site site;

    /** The {@link FactIds} id of {@link #name}, or -1. */
    private final int id;

    FactArg(String name, FactType declared, Site site) {
      this.name = name;
      this.id = FactIds.register(name);
      this.declared = declared == null || declared.kind() == FactType.Kind.ANY ? null : declared;
      this.canonical = this.declared == null ? null : this.declared.canonical();
      this.site = site;
    }

    @Override
    FactValue get(Facts facts) {
      FactValue v = facts.lookup(name, id);
      if (v == null || declared == null) {
        return v;
      }
      return checked(v);
    }

    private FactValue checked(FactValue v) {
      if (!declared.accepts(v)) {
        throw new ConditionTypeException(
            "fact "
                + name
                + " is declared as "
                + declared.describe()
                + " but "
                + declared.violation(v).orElseThrow(),
            site.source(),
            site.column());
      }
      if (canonical == null) {
        return v;
      }
      FactValue c = canonical.get(v.str);
      if (c == null) {
        throw new ConditionTypeException(
            "fact " + name + " is '" + v.str + "', which is not " + declared.describe(),
            site.source(),
            site.column());
      }
      return c;
    }

    @Override
    String render(Facts facts, Map<String, Object> read, Set<String> missing) {
      FactValue v = facts.lookup(name);
      if (v == null) {
        missing.add(name);
        return name + " (missing)";
      }
      read.put(name, v.value());
      return name + " (" + v.display() + ")";
    }
  }

  /** A literal, folded to its value at compile time. */
  static final class ConstArg extends Arg {
    final FactValue value;
    final String text;

    ConstArg(FactValue value, String text) {
      this.value = value;
      this.text = text;
    }

    @Override
    FactValue get(Facts facts) {
      return value;
    }

    @Override
    String render(Facts facts, Map<String, Object> read, Set<String> missing) {
      return text;
    }
  }

  /**
   * A bare identifier on the right of {@code ==}, {@code !=} or {@code IN} in a condition compiled
   * without a schema: the fact of that name if present, else the symbol.
   */
  static final class NameArg extends Arg {
    final String name;
    final FactValue symbol;
    private final int id;

    NameArg(String name) {
      this.name = name;
      this.symbol = FactValue.ofString(name);
      this.id = FactIds.register(name);
    }

    @Override
    FactValue get(Facts facts) {
      FactValue v = facts.lookup(name, id);
      return v != null ? v : symbol;
    }

    @Override
    String render(Facts facts, Map<String, Object> read, Set<String> missing) {
      FactValue v = facts.lookup(name);
      if (v == null) {
        return name;
      }
      read.put(name, v.value());
      return name + " (" + v.display() + ")";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Leaves

  /** A comparison, membership test or bare fact. Keeps its operands as written, to explain. */
  abstract static class Leaf extends Eval {
    final Arg left;

    /** {@code null} for a bare operand. */
    final Arg right;

    /** {@code ==}, {@code <}, {@code IN}, {@code NOT IN}, ...; {@code null} for a bare operand. */
    final String operator;

    Leaf(Ast.Expr expr, Site site, Arg left, String operator, Arg right) {
      super(expr, site);
      this.left = left;
      this.operator = operator;
      this.right = right;
    }

    @Override
    final Explanation explain(Facts facts) {
      int r = eval(facts);
      Map<String, Object> read = new LinkedHashMap<>();
      Set<String> missing = new LinkedHashSet<>();
      List<String> literals = new ArrayList<>();
      String detail = left.render(facts, read, missing);
      addLiteral(left, literals);
      if (right != null) {
        detail += " " + operator + " " + right.render(facts, read, missing);
        addLiteral(right, literals);
      }
      return Explanation.leaf(truth(r), Ast.print(expr), detail, read, missing, literals);
    }

    private static void addLiteral(Arg a, List<String> literals) {
      if (a instanceof ConstArg) {
        literals.add(((ConstArg) a).text);
      } else if (a instanceof NameArg) {
        literals.add(((NameArg) a).name);
      }
    }

    @Override
    final FactArg missing(Facts facts) {
      if (eval(facts) != UNKNOWN) {
        return null;
      }
      if (left instanceof FactArg && facts.lookup(((FactArg) left).name) == null) {
        return (FactArg) left;
      }
      if (right instanceof FactArg && facts.lookup(((FactArg) right).name) == null) {
        return (FactArg) right;
      }
      return null;
    }

    /** The type error for comparing {@code a} with {@code b} here. */
    final ConditionTypeException mismatch(FactValue a, FactValue b) {
      String reason;
      if (a.kind == FactValue.LIST || b.kind == FactValue.LIST) {
        reason =
            "a list can only be the left or right side of IN, found "
                + a.describe()
                + " ("
                + a.display()
                + ") and "
                + b.describe()
                + " ("
                + b.display()
                + ")";
      } else {
        reason =
            "cannot compare "
                + a.describe()
                + " ("
                + a.display()
                + ") with "
                + b.describe()
                + " ("
                + b.display()
                + ")";
      }
      return new ConditionTypeException(
          Ast.print(expr) + ": " + reason, site.source(), site.column());
    }

    final ConditionTypeException notBoolean(FactValue a) {
      return new ConditionTypeException(
          Ast.print(expr)
              + ": a condition needs a boolean, found "
              + a.describe()
              + " ("
              + a.display()
              + ")",
          site.source(),
          site.column());
    }

    /** {@code a == b}, or a type error if they cannot be compared. */
    final boolean equal(FactValue a, FactValue b) {
      if (a.kind != b.kind || a.kind == FactValue.LIST) {
        throw mismatch(a, b);
      }
      switch (a.kind) {
        case FactValue.BOOL:
          return a.bool == b.bool;
        case FactValue.STR:
          return a.str.equals(b.str);
        default:
          if (!FactValue.comparable(a.dim, a.unit, b.dim, b.unit)) {
            throw mismatch(a, b);
          }
          return a.num == b.num;
      }
    }

    /** {@code a op b} for an operator code, or a type error if they cannot be compared. */
    final boolean compare(FactValue a, int op, FactValue b) {
      if (op == OP_EQ) {
        return equal(a, b);
      }
      if (op == OP_NE) {
        return !equal(a, b);
      }
      if (a.kind != FactValue.NUM
          || b.kind != FactValue.NUM
          || !FactValue.comparable(a.dim, a.unit, b.dim, b.unit)) {
        throw mismatch(a, b);
      }
      return order(a.num, op, b.num);
    }

    /** Whether some element of {@code a} equals some element of {@code b} (a scalar is one). */
    final boolean member(FactValue a, FactValue b) {
      if (a.kind == FactValue.LIST) {
        for (FactValue x : a.elements) {
          if (memberOne(x, b)) {
            return true;
          }
        }
        return false;
      }
      return memberOne(a, b);
    }

    private boolean memberOne(FactValue x, FactValue b) {
      if (b.kind == FactValue.LIST) {
        for (FactValue y : b.elements) {
          if (equal(x, y)) {
            return true;
          }
        }
        return false;
      }
      return equal(x, b);
    }
  }

  static final int OP_EQ = Ast.Op.EQ.ordinal();
  static final int OP_NE = Ast.Op.NE.ordinal();
  static final int OP_LT = Ast.Op.LT.ordinal();
  static final int OP_LE = Ast.Op.LE.ordinal();
  static final int OP_GT = Ast.Op.GT.ordinal();
  static final int OP_GE = Ast.Op.GE.ordinal();

  static boolean order(double x, int op, double y) {
    if (op == OP_LT) {
      return x < y;
    } else if (op == OP_LE) {
      return x <= y;
    } else if (op == OP_GT) {
      return x > y;
    } else if (op == OP_GE) {
      return x >= y;
    } else if (op == OP_EQ) {
      return x == y;
    }
    return x != y;
  }

  /** {@code fact OP number}: the commonest shape, with the literal's base value inlined. */
  static final class FactVsNumber extends Leaf {
    private final FactArg fact;
    private final int op;
    private final double k;
    private final byte dim;
    private final String unit;
    private final FactValue constant;
    private final boolean literalFirst;

    /**
     * @param op the operator with the fact on its left (swapped if the literal came first)
     * @param literalFirst whether the literal came first in the source, for messages
     */
    FactVsNumber(
        Ast.Expr expr,
        Site site,
        Arg left,
        String operator,
        Arg right,
        FactArg fact,
        int op,
        FactValue constant,
        boolean literalFirst) {
      super(expr, site, left, operator, right);
      this.fact = fact;
      this.op = op;
      this.k = constant.num;
      this.dim = constant.dim;
      this.unit = constant.unit;
      this.constant = constant;
      this.literalFirst = literalFirst;
    }

    @Override
    int eval(Facts facts) {
      FactValue v = fact.get(facts);
      if (v == null) {
        return UNKNOWN;
      }
      if (v.kind != FactValue.NUM || !FactValue.comparable(v.dim, v.unit, dim, unit)) {
        throw literalFirst ? mismatch(constant, v) : mismatch(v, constant);
      }
      return order(v.num, op, k) ? TRUE : FALSE;
    }
  }

  /** {@code fact == 'string'} or {@code !=}, also a symbol. */
  static final class FactVsString extends Leaf {
    private final FactArg fact;
    private final String s;
    private final boolean negated;
    private final FactValue constant;
    private final boolean literalFirst;

    FactVsString(
        Ast.Expr expr,
        Site site,
        Arg left,
        String operator,
        Arg right,
        FactArg fact,
        FactValue constant,
        boolean negated,
        boolean literalFirst) {
      super(expr, site, left, operator, right);
      this.fact = fact;
      this.s = constant.str;
      this.constant = constant;
      this.negated = negated;
      this.literalFirst = literalFirst;
    }

    @Override
    int eval(Facts facts) {
      FactValue v = fact.get(facts);
      if (v == null) {
        return UNKNOWN;
      }
      if (v.kind != FactValue.STR) {
        throw literalFirst ? mismatch(constant, v) : mismatch(v, constant);
      }
      return s.equals(v.str) != negated ? TRUE : FALSE;
    }
  }

  /** {@code fact == true} or {@code !=}. */
  static final class FactVsBoolean extends Leaf {
    private final FactArg fact;
    private final boolean b;
    private final boolean negated;
    private final FactValue constant;
    private final boolean literalFirst;

    FactVsBoolean(
        Ast.Expr expr,
        Site site,
        Arg left,
        String operator,
        Arg right,
        FactArg fact,
        FactValue constant,
        boolean negated,
        boolean literalFirst) {
      super(expr, site, left, operator, right);
      this.fact = fact;
      this.b = constant.bool;
      this.constant = constant;
      this.negated = negated;
      this.literalFirst = literalFirst;
    }

    @Override
    int eval(Facts facts) {
      FactValue v = fact.get(facts);
      if (v == null) {
        return UNKNOWN;
      }
      if (v.kind != FactValue.BOOL) {
        throw literalFirst ? mismatch(constant, v) : mismatch(v, constant);
      }
      return (v.bool == b) != negated ? TRUE : FALSE;
    }
  }

  /** A bare boolean fact used as a condition, such as {@code template_available}. */
  static final class BooleanFact extends Leaf {
    private final FactArg fact;

    BooleanFact(Ast.Expr expr, Site site, FactArg fact) {
      super(expr, site, fact, null, null);
      this.fact = fact;
    }

    @Override
    int eval(Facts facts) {
      FactValue v = fact.get(facts);
      if (v == null) {
        return UNKNOWN;
      }
      if (v.kind != FactValue.BOOL) {
        throw notBoolean(v);
      }
      return v.bool ? TRUE : FALSE;
    }
  }

  /** {@code x IN [literals]} or {@code NOT IN}, the list folded at compile time. */
  static final class InConstant extends Leaf {
    private final Arg value;
    private final FactValue list;
    private final boolean negated;

    InConstant(Ast.Expr expr, Site site, Arg left, String operator, Arg right, boolean negated) {
      super(expr, site, left, operator, right);
      this.value = left;
      this.list = ((ConstArg) right).value;
      this.negated = negated;
    }

    @Override
    int eval(Facts facts) {
      FactValue v = value.get(facts);
      if (v == null) {
        return UNKNOWN;
      }
      return member(v, list) != negated ? TRUE : FALSE;
    }
  }

  /**
   * {@code fact IN ['a', 'b']} or {@code NOT IN} with a list of strings, the commonest membership
   * test ({@code action IN [...]}): compares the fact's string with each, shortest path first.
   */
  static final class FactInStrings extends Leaf {
    private final FactArg fact;
    private final String[] strings;
    private final int[] hashes;
    private final FactValue list;
    private final boolean negated;

    FactInStrings(
        Ast.Expr expr, Site site, FactArg left, String operator, Arg right, boolean negated) {
      super(expr, site, left, operator, right);
      this.fact = left;
      this.list = ((ConstArg) right).value;
      this.strings = new String[list.elements.length];
      this.hashes = new int[strings.length];
      for (int i = 0; i < strings.length; i++) {
        strings[i] = list.elements[i].str;
        hashes[i] = strings[i].hashCode();
      }
      this.negated = negated;
    }

    @Override
    int eval(Facts facts) {
      FactValue v = fact.get(facts);
      if (v == null) {
        return UNKNOWN;
      }
      if (v.kind != FactValue.STR) {
        // Lists and type errors take the general path, which explains them.
        return member(v, list) != negated ? TRUE : FALSE;
      }
      String s = v.str;
      // A string caches its hash, so comparing hashes first skips most comparisons of text.
      int h = s.hashCode();
      boolean found = false;
      for (int i = 0; i < strings.length; i++) {
        if (hashes[i] == h && strings[i].equals(s)) {
          found = true;
          break;
        }
      }
      return found != negated ? TRUE : FALSE;
    }
  }

  /** Any comparison: fact with fact, or with a name that may be a fact or a symbol. */
  static final class Comparison extends Leaf {
    private final int op;

    Comparison(Ast.Expr expr, Site site, Arg left, int op, Arg right) {
      super(expr, site, left, Ast.Op.values()[op].text, right);
      this.op = op;
    }

    @Override
    int eval(Facts facts) {
      FactValue a = left.get(facts);
      FactValue b = right.get(facts);
      if (a == null || b == null) {
        return UNKNOWN;
      }
      return compare(a, op, b) ? TRUE : FALSE;
    }
  }

  /** Any {@code IN} or {@code NOT IN} whose right side is a fact or a name. */
  static final class Membership extends Leaf {
    private final boolean negated;

    Membership(Ast.Expr expr, Site site, Arg left, String operator, Arg right, boolean negated) {
      super(expr, site, left, operator, right);
      this.negated = negated;
    }

    @Override
    int eval(Facts facts) {
      FactValue a = left.get(facts);
      FactValue b = right.get(facts);
      if (a == null || b == null) {
        return UNKNOWN;
      }
      return member(a, b) != negated ? TRUE : FALSE;
    }
  }

  /** A result known at compile time: {@code true}, or a comparison of two literals. */
  static final class Constant extends Leaf {
    private final int result;

    Constant(Ast.Expr expr, Site site, Arg left, String operator, Arg right, int result) {
      super(expr, site, left, operator, right);
      this.result = result;
    }

    @Override
    int eval(Facts facts) {
      return result;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Connectives

  static final class And extends Eval {
    private final Eval[] operands;

    And(Ast.Expr expr, Site site, Eval[] operands) {
      super(expr, site);
      this.operands = operands;
    }

    @Override
    int eval(Facts facts) {
      int result = TRUE;
      for (Eval e : operands) {
        int r = e.eval(facts);
        if (r == FALSE) {
          return FALSE;
        }
        if (r == UNKNOWN) {
          result = UNKNOWN;
        }
      }
      return result;
    }

    @Override
    Explanation explain(Facts facts) {
      List<Explanation> evaluated = new ArrayList<>();
      List<Explanation> unknown = new ArrayList<>();
      for (Eval e : operands) {
        Explanation x = e.explain(facts);
        evaluated.add(x);
        if (x.result() == Truth.FALSE) {
          return Explanation.composite(Truth.FALSE, Ast.print(expr), evaluated, List.of(x));
        }
        if (x.result() == Truth.UNKNOWN) {
          unknown.add(x);
        }
      }
      return unknown.isEmpty()
          ? Explanation.composite(Truth.TRUE, Ast.print(expr), evaluated, evaluated)
          : Explanation.composite(Truth.UNKNOWN, Ast.print(expr), evaluated, unknown);
    }

    @Override
    FactArg missing(Facts facts) {
      for (Eval e : operands) {
        int r = e.eval(facts);
        if (r == FALSE) {
          return null;
        }
        if (r == UNKNOWN) {
          return e.missing(facts);
        }
      }
      return null;
    }
  }

  static final class Or extends Eval {
    private final Eval[] operands;

    Or(Ast.Expr expr, Site site, Eval[] operands) {
      super(expr, site);
      this.operands = operands;
    }

    @Override
    int eval(Facts facts) {
      int result = FALSE;
      for (Eval e : operands) {
        int r = e.eval(facts);
        if (r == TRUE) {
          return TRUE;
        }
        if (r == UNKNOWN) {
          result = UNKNOWN;
        }
      }
      return result;
    }

    @Override
    Explanation explain(Facts facts) {
      List<Explanation> evaluated = new ArrayList<>();
      List<Explanation> unknown = new ArrayList<>();
      for (Eval e : operands) {
        Explanation x = e.explain(facts);
        evaluated.add(x);
        if (x.result() == Truth.TRUE) {
          return Explanation.composite(Truth.TRUE, Ast.print(expr), evaluated, List.of(x));
        }
        if (x.result() == Truth.UNKNOWN) {
          unknown.add(x);
        }
      }
      return unknown.isEmpty()
          ? Explanation.composite(Truth.FALSE, Ast.print(expr), evaluated, evaluated)
          : Explanation.composite(Truth.UNKNOWN, Ast.print(expr), evaluated, unknown);
    }

    @Override
    FactArg missing(Facts facts) {
      for (Eval e : operands) {
        int r = e.eval(facts);
        if (r == TRUE) {
          return null;
        }
        if (r == UNKNOWN) {
          return e.missing(facts);
        }
      }
      return null;
    }
  }

  static final class Not extends Eval {
    private final Eval operand;

    Not(Ast.Expr expr, Site site, Eval operand) {
      super(expr, site);
      this.operand = operand;
    }

    @Override
    int eval(Facts facts) {
      int r = operand.eval(facts);
      return r == UNKNOWN ? UNKNOWN : TRUE - r;
    }

    @Override
    Explanation explain(Facts facts) {
      Explanation x = operand.explain(facts);
      return Explanation.composite(x.result().not(), Ast.print(expr), List.of(x), List.of(x));
    }

    @Override
    FactArg missing(Facts facts) {
      return operand.missing(facts);
    }
  }
}
