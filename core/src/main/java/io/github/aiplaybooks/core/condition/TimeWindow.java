package io.github.aiplaybooks.core.condition;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A window of time relative to now, as playbooks write it: {@code last_7_days} (a timeframe to look
 * back over) or {@code next_4_hours} (a horizon to forecast). {@code last 7 days} and {@code
 * last_7d} are read too.
 *
 * <pre>{@code
 * TimeWindow w = TimeWindow.parse("last_7_days");
 * w.direction();        // PAST
 * w.length();           // PT168H
 * w.startAt(now);       // now minus 7 days
 * }</pre>
 *
 * @param direction whether the window lies before or after now
 * @param length how long the window is; positive
 */
public record TimeWindow(Direction direction, Duration length) {

  /** Which side of now a window lies on. */
  public enum Direction {
    /** {@code last_…}: the window ends now. */
    PAST,
    /** {@code next_…}: the window starts now. */
    FUTURE
  }

  /** Checks the components. */
  public TimeWindow {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length: must be positive, was " + length);
    }
  }

  /**
   * Parses {@code last_N_unit} or {@code next_N_unit} (also with blanks instead of underscores),
   * where {@code N unit} is a duration such as {@code 7_days} or {@code 4h}.
   *
   * @throws ConditionSyntaxException if {@code text} is not such a window
   */
  public static TimeWindow parse(String text) {
    Objects.requireNonNull(text, "text");
    int start = LiteralScanner.skipBlanks(text, 0);
    String rest = text.substring(start).toLowerCase(Locale.ROOT);
    Direction direction;
    if (rest.startsWith("last")) {
      direction = Direction.PAST;
    } else if (rest.startsWith("next")) {
      direction = Direction.FUTURE;
    } else {
      throw new ConditionSyntaxException(
          "expected a time window such as last_7_days or next_4_hours", text, start + 1);
    }
    int p = start + 4;
    if (p >= text.length() || !(text.charAt(p) == '_' || LiteralScanner.isBlank(text.charAt(p)))) {
      throw new ConditionSyntaxException(
          "expected '_' after '" + text.substring(start, p) + "', as in last_7_days", text, p + 1);
    }
    p = LiteralScanner.skipBlanks(text, p + 1);
    if (p >= text.length() || !LiteralScanner.isDigit(text.charAt(p))) {
      throw new ConditionSyntaxException(
          "expected a duration such as 7_days after '" + text.substring(start, start + 4) + "_'",
          text,
          p + 1);
    }
    LiteralScanner.Result r = LiteralScanner.scan(text, p);
    if (r.error() != null) {
      throw new ConditionSyntaxException(r.error(), text, r.errorAt() + 1);
    }
    int end = LiteralScanner.skipBlanks(text, r.end());
    if (end != text.length()) {
      throw new ConditionSyntaxException(
          "unexpected '" + text.substring(end) + "' after the time window", text, end + 1);
    }
    Duration length = DurationLiteral.toDuration(r.quantity(), text, p);
    if (length.isZero()) {
      throw new ConditionSyntaxException("a time window cannot be empty", text, p + 1);
    }
    return new TimeWindow(direction, length);
  }

  /** Where the window starts, given the current instant. */
  public Instant startAt(Instant now) {
    return direction == Direction.PAST ? now.minus(length) : now;
  }

  /** Where the window ends, given the current instant. */
  public Instant endAt(Instant now) {
    return direction == Direction.PAST ? now : now.plus(length);
  }

  /**
   * The canonical literal, such as {@code last_7d} or {@code next_4h}; {@link #parse(String)} reads
   * it back.
   */
  @Override
  public String toString() {
    return (direction == Direction.PAST ? "last_" : "next_") + DurationLiteral.format(length);
  }
}
