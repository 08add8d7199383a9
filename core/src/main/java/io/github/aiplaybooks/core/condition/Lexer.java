package io.github.aiplaybooks.core.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a condition into tokens. Linear in the length of the text, which is bounded. */
final class Lexer {

  /** Longest condition accepted, in characters. */
  static final int MAX_LENGTH = 8192;

  enum Kind {
    IDENT,
    QUANTITY,
    STRING,
    TRUE,
    FALSE,
    AND,
    OR,
    NOT,
    IN,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    EOF
  }

  /** A token: its kind, where it is (0-based offsets), and its value for literals. */
  record Token(Kind kind, int start, int end, Object value) {}

  private final String src;
  private int p;

  private Lexer(String src) {
    this.src = src;
  }

  /** The tokens of {@code src}, ending with {@link Kind#EOF}. */
  static List<Token> tokenize(String src) {
    if (src.length() > MAX_LENGTH) {
      throw new ConditionSyntaxException(
          "a condition is at most " + MAX_LENGTH + " characters, this one has " + src.length(),
          src,
          MAX_LENGTH + 1);
    }
    Lexer lexer = new Lexer(src);
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.kind() != Kind.EOF);
    return tokens;
  }

  /** The keyword {@code word} spells (in any case), or {@code null}. */
  static Kind keyword(String word) {
    if (word.length() > 5) {
      return null;
    }
    switch (word.toUpperCase(Locale.ROOT)) {
      case "AND":
        return Kind.AND;
      case "OR":
        return Kind.OR;
      case "NOT":
        return Kind.NOT;
      case "IN":
        return Kind.IN;
      case "TRUE":
        return Kind.TRUE;
      case "FALSE":
        return Kind.FALSE;
      default:
        return null;
    }
  }

  private Token next() {
    p = LiteralScanner.skipBlanks(src, p);
    int n = src.length();
    if (p >= n) {
      return new Token(Kind.EOF, n, n, null);
    }
    int start = p;
    char c = src.charAt(p);
    if (LiteralScanner.isLetter(c) || c == '_') {
      p = LiteralScanner.identifierEnd(src, p);
      String word = src.substring(start, p);
      Kind k = keyword(word);
      return new Token(k == null ? Kind.IDENT : k, start, p, word);
    }
    if (LiteralScanner.isDigit(c) || c == '$' || (c == '-' && p + 1 < n && isNumberStart(p + 1))) {
      LiteralScanner.Result r = LiteralScanner.scan(src, p);
      if (r.error() != null) {
        throw error(r.error(), r.errorAt());
      }
      p = r.end();
      return new Token(Kind.QUANTITY, start, p, r.quantity());
    }
    switch (c) {
      case '\'':
      case '"':
        return string(c);
      case '(':
        return single(Kind.LPAREN);
      case ')':
        return single(Kind.RPAREN);
      case '[':
        return single(Kind.LBRACKET);
      case ']':
        return single(Kind.RBRACKET);
      case ',':
        return single(Kind.COMMA);
      case '=':
        if (peek(1) == '=') {
          return pair(Kind.EQ);
        }
        throw error("use '==' to compare, not '='", p);
      case '!':
        return peek(1) == '=' ? pair(Kind.NE) : single(Kind.NOT);
      case '<':
        return peek(1) == '=' ? pair(Kind.LE) : single(Kind.LT);
      case '>':
        return peek(1) == '=' ? pair(Kind.GE) : single(Kind.GT);
      case '&':
        if (peek(1) == '&') {
          return pair(Kind.AND);
        }
        throw error("use '&&' or AND, not '&'", p);
      case '|':
        if (peek(1) == '|') {
          return pair(Kind.OR);
        }
        throw error("use '||' or OR, not '|'", p);
      case '-':
        throw error("'-' must be followed by a number, as in -5 or -$10", p);
      default:
        throw error("unexpected character " + describeChar(c), p);
    }
  }

  private boolean isNumberStart(int i) {
    char c = src.charAt(i);
    return LiteralScanner.isDigit(c) || c == '$';
  }

  private Token string(char quote) {
    int start = p;
    StringBuilder b = new StringBuilder();
    int i = p + 1;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == quote) {
        p = i + 1;
        return new Token(Kind.STRING, start, p, b.toString());
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          break;
        }
        char e = src.charAt(i + 1);
        switch (e) {
          case '\\':
          case '\'':
          case '"':
            b.append(e);
            break;
          case 'n':
            b.append('\n');
            break;
          case 't':
            b.append('\t');
            break;
          case 'r':
            b.append('\r');
            break;
          default:
            throw error(
                "unknown escape '\\" + e + "' in a string; use \\\\, \\', \\\", \\n, \\t or \\r",
                i);
        }
        i += 2;
      } else {
        b.append(c);
        i++;
      }
    }
    throw error("string is not closed: add " + quote + " at its end", start);
  }

  private char peek(int ahead) {
    int i = p + ahead;
    return i < src.length() ? src.charAt(i) : '\0';
  }

  private Token single(Kind k) {
    p++;
    return new Token(k, p - 1, p, null);
  }

  private Token pair(Kind k) {
    p += 2;
    return new Token(k, p - 2, p, null);
  }

  private ConditionSyntaxException error(String reason, int offset) {
    return new ConditionSyntaxException(reason, src, offset + 1);
  }

  private static String describeChar(char c) {
    if (c < 0x20 || c > 0x7e) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
