package io.github.aiplaybooks.core.condition;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A rate limit as the seed's safety controls write it: at most {@link #count()} events in any
 * window of {@link #window()}. {@code 5 per hour}, {@code 10 per 30m}, {@code 2 per 2 hours} and
 * {@code 5/hour} are read.
 *
 * <pre>{@code
 * Rate r = Rate.parse("5 per hour");
 * r.count();   // 5
 * r.window();  // PT1H
 * r.toString() // "5 per hour"
 * }</pre>
 *
 * @param count the most events admitted in any window; zero admits none
 * @param window the length of the sliding window; positive
 */
public record Rate(long count, Duration window) {

  /** Checks the components. */
  public Rate {
    Objects.requireNonNull(window, "window");
    if (count < 0) {
      throw new IllegalArgumentException("count: must not be negative, was " + count);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window: must be positive, was " + window);
    }
  }

  /**
   * Parses {@code N per UNIT} ({@code second}, {@code minute}, {@code hour}, {@code day}, {@code
   * week}, singular or plural), {@code N per DURATION} ({@code 10m}, {@code 2 hours}) or {@code
   * N/UNIT}. Surrounding blanks are ignored; the words match in any case.
   *
   * @throws ConditionSyntaxException if {@code text} is not such a rate
   */
  public static Rate parse(String text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    int p = LiteralScanner.skipBlanks(text, 0);
    int digits = p;
    while (p < n && LiteralScanner.isDigit(text.charAt(p))) {
      p++;
    }
    if (p == digits) {
      throw new ConditionSyntaxException(
          "expected a rate such as '5 per hour': a whole number first", text, digits + 1);
    }
    long count;
    try {
      count = Long.parseLong(text.substring(digits, p));
    } catch (NumberFormatException e) {
      throw new ConditionSyntaxException("count is too large", text, digits + 1);
    }
    int afterCount = p;
    p = LiteralScanner.skipBlanks(text, p);
    if (p < n && text.charAt(p) == '/') {
      p = LiteralScanner.skipBlanks(text, p + 1);
    } else {
      int wordEnd = LiteralScanner.identifierEnd(text, p);
      if (p == afterCount || !text.substring(p, wordEnd).toLowerCase(Locale.ROOT).equals("per")) {
        throw new ConditionSyntaxException(
            "expected 'per' after the count, as in '5 per hour'", text, p + 1);
      }
      p = LiteralScanner.skipBlanks(text, wordEnd);
    }
    Duration window;
    int windowStart = p;
    if (p < n && LiteralScanner.isLetter(text.charAt(p))) {
      int wordEnd = LiteralScanner.identifierEnd(text, p);
      Quantity.Notation unit = LiteralScanner.timeUnit(text.substring(p, wordEnd));
      if (unit == null) {
        throw new ConditionSyntaxException(
            "expected a time unit (second, minute, hour, day, week) or a duration such as 10m",
            text,
            p + 1);
      }
      window = Quantity.ofOrNull(java.math.BigDecimal.ONE, unit, null).toDuration();
      p = wordEnd;
    } else if (p < n && LiteralScanner.isDigit(text.charAt(p))) {
      LiteralScanner.Result r = LiteralScanner.scan(text, p);
      if (r.error() != null) {
        throw new ConditionSyntaxException(r.error(), text, r.errorAt() + 1);
      }
      window = DurationLiteral.toDuration(r.quantity(), text, p);
      p = r.end();
    } else {
      throw new ConditionSyntaxException(
          "expected a time unit (second, minute, hour, day, week) or a duration such as 10m",
          text,
          p + 1);
    }
    int end = LiteralScanner.skipBlanks(text, p);
    if (end != n) {
      throw new ConditionSyntaxException(
          "unexpected '" + text.substring(end) + "' after the rate", text, end + 1);
    }
    if (window.isZero()) {
      throw new ConditionSyntaxException(
          "the window of a rate cannot be empty", text, windowStart + 1);
    }
    return new Rate(count, window);
  }

  /** The canonical form, such as {@code 5 per hour} or {@code 10 per 30m}. */
  @Override
  public String toString() {
    String unit = singleUnit(window);
    return count + " per " + (unit != null ? unit : DurationLiteral.format(window));
  }

  private static String singleUnit(Duration d) {
    if (d.equals(Duration.ofSeconds(1))) {
      return "second";
    } else if (d.equals(Duration.ofMinutes(1))) {
      return "minute";
    } else if (d.equals(Duration.ofHours(1))) {
      return "hour";
    } else if (d.equals(Duration.ofDays(1))) {
      return "day";
    } else if (d.equals(Duration.ofDays(7))) {
      return "week";
    }
    return null;
  }
}
