package io.github.aiplaybooks.core.condition;

import io.github.aiplaybooks.core.condition.Ast.BoolLit;
import io.github.aiplaybooks.core.condition.Ast.Compare;
import io.github.aiplaybooks.core.condition.Ast.Expr;
import io.github.aiplaybooks.core.condition.Ast.In;
import io.github.aiplaybooks.core.condition.Ast.ListLit;
import io.github.aiplaybooks.core.condition.Ast.Lit;
import io.github.aiplaybooks.core.condition.Ast.Name;
import io.github.aiplaybooks.core.condition.Ast.Not;
import io.github.aiplaybooks.core.condition.Ast.Op;
import io.github.aiplaybooks.core.condition.Ast.Operand;
import io.github.aiplaybooks.core.condition.Ast.QtyLit;
import io.github.aiplaybooks.core.condition.Ast.StrLit;
import io.github.aiplaybooks.core.condition.Ast.Target;
import io.github.aiplaybooks.core.condition.Ast.Truthy;
import io.github.aiplaybooks.core.condition.Lexer.Kind;
import io.github.aiplaybooks.core.condition.Lexer.Token;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser for the grammar in {@code package-info.java}. Nesting (parentheses and
 * {@code NOT}) is bounded by {@link #MAX_DEPTH}, so that no input can overflow the stack; runs of
 * {@code AND}/{@code OR} are read in loops, not recursion.
 */
final class Parser {

  /** How deep parentheses and {@code NOT} may nest. */
  static final int MAX_DEPTH = 64;

  /** A parsed condition with the 1-based columns of its nodes, for error messages. */
  record Parsed(Expr expr, Positions positions) {}

  /** Where nodes are in the source: each node's first column and an operator's column. */
  static final class Positions {
    static final Positions NONE = new Positions();

    private final Map<Object, Integer> start = new IdentityHashMap<>();
    private final Map<Object, Integer> operator = new IdentityHashMap<>();

    /** The 1-based column where {@code node} starts, or 0 if unknown. */
    int start(Object node) {
      return start.getOrDefault(node, 0);
    }

    /** The 1-based column of the operator of a comparison or {@code IN}, or where it starts. */
    int operator(Object node) {
      Integer c = operator.get(node);
      return c != null ? c : start(node);
    }
  }

  private final String src;
  private final List<Token> tokens;
  private final Positions positions = new Positions();
  private int i;
  private int depth;

  private Parser(String src) {
    this.src = src;
    this.tokens = Lexer.tokenize(src);
  }

  /** Parses a whole condition. */
  static Parsed parse(String src) {
    Parser p = new Parser(src);
    if (p.peek().kind() == Kind.EOF) {
      throw new ConditionSyntaxException("the condition is empty", src, 1);
    }
    Expr e = p.or();
    Token t = p.peek();
    if (t.kind() != Kind.EOF) {
      String hint =
          t.kind() == Kind.RPAREN
              ? "a ')' without a matching '('"
              : "unexpected " + p.describe(t) + ": expected AND, OR or the end of the condition";
      throw p.error(hint, t);
    }
    return new Parsed(e, p.positions);
  }

  private Expr or() {
    int col = column(peek());
    List<Expr> operands = new ArrayList<>();
    operands.add(and());
    while (peek().kind() == Kind.OR) {
      i++;
      operands.add(and());
    }
    return at(Ast.or(operands), col);
  }

  private Expr and() {
    int col = column(peek());
    List<Expr> operands = new ArrayList<>();
    operands.add(not());
    while (peek().kind() == Kind.AND) {
      i++;
      operands.add(not());
    }
    return at(Ast.and(operands), col);
  }

  private Expr not() {
    Token t = peek();
    if (t.kind() == Kind.NOT) {
      enter(t);
      i++;
      Expr e = at(new Not(not()), column(t));
      depth--;
      return e;
    }
    return primary();
  }

  private Expr primary() {
    Token t = peek();
    if (t.kind() == Kind.LPAREN) {
      enter(t);
      i++;
      Expr e = or();
      Token close = peek();
      if (close.kind() != Kind.RPAREN) {
        throw error(
            "expected ')' to close the '(' at column " + column(t) + ", found " + describe(close),
            close);
      }
      i++;
      depth--;
      return e;
    }
    return predicate();
  }

  private Expr predicate() {
    Token first = peek();
    Operand left = operand("a condition");
    Token t = peek();
    Op op = compareOp(t.kind());
    if (op != null) {
      i++;
      Operand right = operand("a value after '" + op.text + "'");
      Compare c = new Compare(left, op, right);
      positions.operator.put(c, column(t));
      return at(c, column(first));
    }
    boolean negated = false;
    if (t.kind() == Kind.NOT && peek(1).kind() == Kind.IN) {
      negated = true;
      i++;
    } else if (t.kind() == Kind.NOT) {
      throw error("expected IN after NOT, as in 'x NOT IN [a, b]'", peek(1));
    }
    if (peek().kind() == Kind.IN) {
      i++;
      Target right = peek().kind() == Kind.LBRACKET ? list() : operand("a list after IN");
      In in = new In(left, negated, right);
      positions.operator.put(in, column(t));
      return at(in, column(first));
    }
    return at(new Truthy(left), column(first));
  }

  private ListLit list() {
    Token open = peek();
    i++;
    List<Lit> elements = new ArrayList<>();
    if (peek().kind() != Kind.RBRACKET) {
      while (true) {
        Token t = peek();
        if (t.kind() == Kind.IDENT) {
          i++;
          elements.add(at(new StrLit((String) t.value(), true), column(t)));
        } else {
          // Identifiers were read above, so what is left is a literal or an error.
          elements.add((Lit) operand("a value in the list"));
        }
        Token sep = peek();
        if (sep.kind() == Kind.COMMA) {
          i++;
        } else if (sep.kind() == Kind.RBRACKET) {
          break;
        } else {
          throw error(
              "expected ',' or ']' to close the '[' at column "
                  + column(open)
                  + ", found "
                  + describe(sep),
              sep);
        }
      }
    }
    i++;
    return at(new ListLit(elements), column(open));
  }

  private Operand operand(String expected) {
    Token t = peek();
    Operand o;
    switch (t.kind()) {
      case IDENT:
        o = new Name((String) t.value());
        break;
      case QUANTITY:
        o = new QtyLit((Quantity) t.value());
        break;
      case STRING:
        o = new StrLit((String) t.value(), false);
        break;
      case TRUE:
        o = new BoolLit(true);
        break;
      case FALSE:
        o = new BoolLit(false);
        break;
      default:
        throw error("expected " + expected + ", found " + describe(t), t);
    }
    i++;
    return at(o, column(t));
  }

  private static Op compareOp(Kind k) {
    switch (k) {
      case EQ:
        return Op.EQ;
      case NE:
        return Op.NE;
      case LT:
        return Op.LT;
      case LE:
        return Op.LE;
      case GT:
        return Op.GT;
      case GE:
        return Op.GE;
      default:
        return null;
    }
  }

  private void enter(Token t) {
    if (++depth > MAX_DEPTH) {
      throw error(
          "the condition nests deeper than " + MAX_DEPTH + " levels of parentheses and NOT", t);
    }
  }

  private <T> T at(T node, int column) {
    positions.start.putIfAbsent(node, column);
    return node;
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(i + ahead, tokens.size() - 1));
  }

  private static int column(Token t) {
    return t.start() + 1;
  }

  private String describe(Token t) {
    if (t.kind() == Kind.EOF) {
      return "the end of the condition";
    }
    String text = src.substring(t.start(), t.end());
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "'" + text + "'";
  }

  private ConditionSyntaxException error(String reason, Token at) {
    return new ConditionSyntaxException(reason, src, column(at));
  }
}
