package io.github.aiplaybooks.core.condition;

import io.github.aiplaybooks.core.condition.Ast.Compare;
import io.github.aiplaybooks.core.condition.Ast.Expr;
import io.github.aiplaybooks.core.condition.Ast.In;
import io.github.aiplaybooks.core.condition.Ast.ListLit;
import io.github.aiplaybooks.core.condition.Ast.Lit;
import io.github.aiplaybooks.core.condition.Ast.StrLit;
import io.github.aiplaybooks.core.condition.Ast.Target;
import io.github.aiplaybooks.core.condition.Ast.Truthy;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints a syntax tree in any of its legal spellings: keywords in random case, {@code &&} for
 * {@code AND}, {@code ||} for {@code OR}, {@code !} for {@code NOT}, extra parentheses, random
 * blanks, double-quoted strings. Every spelling must parse to the same tree.
 */
final class NoisyPrinter {
  private NoisyPrinter() {}

  static String print(Expr e, Random r) {
    StringBuilder b = new StringBuilder();
    blank(b, r);
    print(e, r, b);
    blank(b, r);
    return b.toString();
  }

  private static void print(Expr e, Random r, StringBuilder b) {
    if (e instanceof Ast.Or) {
      join(((Ast.Or) e).operands(), r.nextBoolean() ? "||" : keyword("or", r), r, b, false);
    } else if (e instanceof Ast.And) {
      join(((Ast.And) e).operands(), r.nextBoolean() ? "&&" : keyword("and", r), r, b, true);
    } else if (e instanceof Ast.Not) {
      Expr operand = ((Ast.Not) e).operand();
      boolean bang = r.nextBoolean();
      b.append(bang ? "!" : keyword("not", r));
      boolean parens = operand instanceof Ast.And || operand instanceof Ast.Or || r.nextInt(4) == 0;
      if (!bang && !parens) {
        b.append(' ');
      }
      blank(b, r);
      parenthesized(operand, parens, r, b);
    } else if (e instanceof Compare) {
      Compare c = (Compare) e;
      print(c.left(), r, b);
      spaced(c.op().text, r, b);
      print(c.right(), r, b);
    } else if (e instanceof In) {
      In in = (In) e;
      print(in.left(), r, b);
      b.append(' ');
      if (in.negated()) {
        b.append(keyword("not", r)).append(' ');
      }
      b.append(keyword("in", r)).append(' ');
      print(in.right(), r, b);
    } else {
      print(((Truthy) e).operand(), r, b);
    }
  }

  private static void join(List<Expr> operands, String op, Random r, StringBuilder b, boolean and) {
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        b.append(' ');
        blank(b, r);
        b.append(op).append(' ');
        blank(b, r);
      }
      Expr operand = operands.get(i);
      parenthesized(operand, (and && operand instanceof Ast.Or) || r.nextInt(5) == 0, r, b);
    }
  }

  private static void parenthesized(Expr e, boolean parens, Random r, StringBuilder b) {
    if (parens) {
      b.append('(');
      blank(b, r);
    }
    print(e, r, b);
    if (parens) {
      blank(b, r);
      b.append(')');
    }
  }

  private static void print(Target t, Random r, StringBuilder b) {
    if (t instanceof StrLit && !((StrLit) t).symbol() && r.nextBoolean()) {
      String s = ((StrLit) t).value();
      b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (t instanceof ListLit) {
      b.append('[');
      List<Lit> elements = ((ListLit) t).elements();
      for (int i = 0; i < elements.size(); i++) {
        if (i > 0) {
          b.append(',');
          blank(b, r);
        }
        print(elements.get(i), r, b);
      }
      b.append(']');
    } else if (t instanceof Ast.BoolLit) {
      b.append(keyword(String.valueOf(((Ast.BoolLit) t).value()), r));
    } else {
      b.append(Ast.print(t));
    }
  }

  private static void spaced(String op, Random r, StringBuilder b) {
    blank(b, r);
    b.append(' ').append(op).append(' ');
    blank(b, r);
  }

  private static String keyword(String word, Random r) {
    switch (r.nextInt(3)) {
      case 0:
        return word.toUpperCase(Locale.ROOT);
      case 1:
        return word.toLowerCase(Locale.ROOT);
      default:
        StringBuilder b = new StringBuilder();
        for (char c : word.toCharArray()) {
          b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }
  }

  private static void blank(StringBuilder b, Random r) {
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      b.append(" \t\n".charAt(r.nextInt(3)));
    }
  }
}
