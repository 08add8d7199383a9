package io.github.aiplaybooks.core.condition;

import io.github.aiplaybooks.core.condition.Quantity.Notation;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Reads one quantity literal from a string without throwing, so that fact values can be probed
 * cheaply. Shared by the condition lexer, {@link Quantity#parse}, {@link DurationLiteral}, {@link
 * TimeWindow} and {@link Rate}, so that every place reads units the same way.
 */
final class LiteralScanner {

  /** Longest number literal accepted, in characters; longer ones are an error, not a slow path. */
  static final int MAX_LITERAL_LENGTH = 400;

  /** The outcome of a scan: a quantity and where it ends, or an error and where it is. */
  record Result(Quantity quantity, int end, String error, int errorAt) {}

  private LiteralScanner() {}

  /**
   * Scans a quantity literal at {@code start}: {@code -}? ({@code $}number({@code /month})? |
   * number suffix?), where the suffix is {@code %}, {@code x}, a time unit attached ({@code 10m}),
   * {@code _} and a word ({@code 10_pods}, {@code 7_days}), or a blank and a spelled-out time unit
   * ({@code 7 days}).
   */
  static Result scan(String s, int start) {
    int n = s.length();
    int p = start;
    boolean negative = false;
    if (p < n && s.charAt(p) == '-') {
      negative = true;
      p++;
    }
    boolean money = false;
    if (p < n && s.charAt(p) == '$') {
      money = true;
      p++;
    }
    int digitsStart = p;
    while (p < n && isDigit(s.charAt(p))) {
      p++;
    }
    if (p == digitsStart) {
      String expected =
          money
              ? "expected digits after '$'"
              : negative
                  ? "expected digits after '-'"
                  : "expected a quantity such as 20%, 10_pods or 30s";
      return error(p, expected);
    }
    if (p < n && s.charAt(p) == '.') {
      int q = p + 1;
      while (q < n && isDigit(s.charAt(q))) {
        q++;
      }
      if (q == p + 1) {
        return error(p, "expected digits after '.'");
      }
      p = q;
    }
    if (p - start > MAX_LITERAL_LENGTH) {
      return error(start, "number is longer than " + MAX_LITERAL_LENGTH + " characters");
    }
    BigDecimal amount = new BigDecimal(s.substring(digitsStart, p));
    if (negative) {
      amount = amount.negate();
    }
    if (money) {
      Notation notation = Notation.DOLLARS;
      if (p < n && s.charAt(p) == '/') {
        int w = p + 1;
        int q = w;
        while (q < n && isLetter(s.charAt(q))) {
          q++;
        }
        if (!s.substring(w, q).equalsIgnoreCase("month")) {
          return error(w, "money is an amount per month: write $N/month (or $N)");
        }
        notation = Notation.DOLLARS_PER_MONTH;
        p = q;
      }
      return ok(start, amount, notation, null, p);
    }
    if (p < n) {
      char c = s.charAt(p);
      if (c == '%') {
        return ok(start, amount, Notation.PERCENT, null, p + 1);
      }
      if (c == '_') {
        int w = p + 1;
        int q = w;
        if (q < n && isLetter(s.charAt(q))) {
          q++;
          while (q < n && isWordPart(s.charAt(q))) {
            q++;
          }
        }
        if (q == w) {
          return error(w, "expected a unit after '_', as in 10_pods");
        }
        String word = s.substring(w, q);
        Notation time = timeUnit(word);
        return time != null
            ? ok(start, amount, time, null, q)
            : ok(start, amount, Notation.COUNT, word, q);
      }
      if (isLetter(c)) {
        int q = p;
        while (q < n && isLetter(s.charAt(q))) {
          q++;
        }
        String word = s.substring(p, q);
        if (word.equals("x") || word.equals("X")) {
          return ok(start, amount, Notation.TIMES, null, q);
        }
        Notation time = timeUnit(word);
        if (time != null) {
          return ok(start, amount, time, null, q);
        }
        return error(
            p,
            "unknown unit '"
                + word
                + "': use %, x, ms, s, m, h, d, w, $N/month, or N_unit for a count (10_pods)");
      }
      if (c == ' ' || c == '\t') {
        // "7 days": only a spelled-out time unit may follow a blank, and only as a whole word.
        int w = skipBlanks(s, p);
        int q = identifierEnd(s, w);
        if (q > w + 1) {
          Notation time = timeUnit(s.substring(w, q));
          if (time != null) {
            return ok(start, amount, time, null, q);
          }
        }
      }
    }
    return ok(start, amount, Notation.PLAIN, null, p);
  }

  private static Result ok(int start, BigDecimal amount, Notation n, String unit, int end) {
    if (n == Notation.COUNT && amount.signum() < 0) {
      return error(start, "a count is never negative: " + amount.toPlainString() + "_" + unit);
    }
    Quantity q = Quantity.ofOrNull(amount, n, unit);
    if (q == null) {
      return error(start, "number is out of range");
    }
    return new Result(q, end, null, -1);
  }

  private static Result error(int at, String message) {
    return new Result(null, -1, message, at);
  }

  /**
   * The duration notation a time-unit word stands for, or {@code null}. Words match in any case;
   * the one-letter units ({@code s m h d w}) only in lower case, since {@code M} could be a month
   * or a mega.
   */
  static Notation timeUnit(String word) {
    switch (word) {
      case "s":
        return Notation.SECONDS;
      case "m":
        return Notation.MINUTES;
      case "h":
        return Notation.HOURS;
      case "d":
        return Notation.DAYS;
      case "w":
        return Notation.WEEKS;
      default:
        break;
    }
    if (word.length() < 2) {
      return null;
    }
    switch (word.toLowerCase(Locale.ROOT)) {
      case "ms":
      case "msec":
      case "msecs":
      case "millisecond":
      case "milliseconds":
        return Notation.MILLIS;
      case "sec":
      case "secs":
      case "second":
      case "seconds":
        return Notation.SECONDS;
      case "min":
      case "mins":
      case "minute":
      case "minutes":
        return Notation.MINUTES;
      case "hr":
      case "hrs":
      case "hour":
      case "hours":
        return Notation.HOURS;
      case "day":
      case "days":
        return Notation.DAYS;
      case "week":
      case "weeks":
        return Notation.WEEKS;
      default:
        return null;
    }
  }

  /** Whether {@code unit} can be the unit of a count literal such as {@code 10_pods}. */
  static boolean isCountUnit(String unit) {
    if (unit.isEmpty() || !isLetter(unit.charAt(0)) || timeUnit(unit) != null) {
      return false;
    }
    for (int i = 1; i < unit.length(); i++) {
      if (!isWordPart(unit.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The end of the identifier starting at {@code start} (or {@code start} if none starts there): a
   * letter or {@code _}, then letters, digits and {@code _}, where {@code .} and {@code -} may join
   * two such parts ({@code kube-system}, {@code v2.1.0}).
   */
  static int identifierEnd(String s, int start) {
    int n = s.length();
    if (start >= n || !(isLetter(s.charAt(start)) || s.charAt(start) == '_')) {
      return start;
    }
    int p = start + 1;
    while (p < n) {
      char c = s.charAt(p);
      if (isWordPart(c)) {
        p++;
      } else if ((c == '.' || c == '-') && p + 1 < n && isWordPart(s.charAt(p + 1))) {
        p += 2;
      } else {
        break;
      }
    }
    return p;
  }

  static int skipBlanks(String s, int p) {
    int n = s.length();
    while (p < n && isBlank(s.charAt(p))) {
      p++;
    }
    return p;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isWordPart(char c) {
    return isLetter(c) || isDigit(c) || c == '_';
  }
}
