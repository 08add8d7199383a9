package io.github.aiplaybooks.core.condition;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads and writes the durations of playbooks and conditions: {@code 500ms}, {@code 30s}, {@code
 * 10m}, {@code 4h}, {@code 7d}, {@code 1w}, {@code 7 days}, {@code 7_days}, {@code 2.5h}, and the
 * windows {@code last_7_days} and {@code next_4_hours} (as their length; use {@link TimeWindow} to
 * keep the direction).
 *
 * <pre>{@code
 * Duration timeout = DurationLiteral.parse("10m");       // PT10M
 * Duration lookback = DurationLiteral.parse("last_7_days"); // PT168H
 * DurationLiteral.format(Duration.ofSeconds(90));       // "90s"
 * }</pre>
 */
public final class DurationLiteral {

  private DurationLiteral() {}

  /**
   * Parses a duration literal; surrounding blanks are ignored.
   *
   * @throws ConditionSyntaxException if {@code text} is not a duration: not a literal, another kind
   *     of quantity ({@code 20%}), a number without a unit, negative, or longer than {@link
   *     Duration} holds
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String head = text.stripLeading().toLowerCase(Locale.ROOT);
    if (head.startsWith("last") || head.startsWith("next")) {
      return TimeWindow.parse(text).length();
    }
    return toDuration(Quantity.parse(text), text, LiteralScanner.skipBlanks(text, 0));
  }

  /** Converts a parsed quantity to a non-negative duration, or explains why it is not one. */
  static Duration toDuration(Quantity q, String text, int offset) {
    if (q.dimension() != Quantity.Dimension.DURATION) {
      String hint =
          q.dimension() == Quantity.Dimension.NUMBER
              ? "a number without a unit; write 30s, 10m, 4h or 7 days"
              : q.describe() + ", not a duration";
      throw new ConditionSyntaxException("'" + q + "' is " + hint, text, offset + 1);
    }
    if (q.amount().signum() < 0) {
      throw new ConditionSyntaxException(
          "a duration cannot be negative, was " + q, text, offset + 1);
    }
    try {
      return q.toDuration();
    } catch (IllegalStateException e) {
      throw new ConditionSyntaxException("duration " + q + " is too long", text, offset + 1);
    }
  }

  /**
   * Writes {@code duration} in the largest unit that holds it exactly: {@code 10m}, {@code 90s},
   * {@code 7d}, {@code 1.5ms}. {@link #parse(String)} reads the result back to the same duration.
   */
  public static String format(Duration duration) {
    return Quantity.duration(duration).toString();
  }
}
