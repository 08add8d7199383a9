package io.github.aiplaybooks.core.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * A number with a unit, as written in conditions and fact values: {@code 20%}, {@code 2x}, {@code
 * 10_pods}, {@code $50/month}, {@code 500ms}, {@code 7 days}, or a plain number such as {@code
 * 0.85}.
 *
 * <p>Every quantity has a {@link Dimension} and a {@link #baseValue()} in that dimension's base
 * unit, which is what comparisons use:
 *
 * <table>
 *   <caption>Dimensions and their base units</caption>
 *   <tr><th>dimension</th><th>literals</th><th>base value</th></tr>
 *   <tr><td>{@link Dimension#NUMBER}</td><td>{@code 2}, {@code 0.85}, {@code -3}</td>
 *       <td>the number</td></tr>
 *   <tr><td>{@link Dimension#RATIO}</td><td>{@code 20%}, {@code 2x}</td>
 *       <td>the ratio: {@code 20%} is 0.2, {@code 2x} is 2.0</td></tr>
 *   <tr><td>{@link Dimension#DURATION}</td><td>{@code 500ms}, {@code 30s}, {@code 10m},
 *       {@code 4h}, {@code 7d}, {@code 1w}, {@code 7 days}, {@code 7_days}</td>
 *       <td>milliseconds</td></tr>
 *   <tr><td>{@link Dimension#MONEY}</td><td>{@code $50}, {@code $50/month}</td>
 *       <td>US dollars (per month)</td></tr>
 *   <tr><td>{@link Dimension#COUNT}</td><td>{@code 10_pods}, {@code 3_nodes}</td>
 *       <td>the count; the unit must match to compare</td></tr>
 * </table>
 *
 * <p>A plain number compares with any quantity and is read in that quantity's base unit; two
 * quantities compare only when their dimensions (and count units) match. Equality of two {@code
 * Quantity} objects is by literal: they are equal when they print the same ({@code 10m} and {@code
 * 600s} are different literals of the same duration; {@link #baseValue()} says they compare equal).
 *
 * <pre>{@code
 * Quantity.parse("20%").baseValue();        // 0.2
 * Quantity.parse("$65/month").dimension();  // MONEY
 * Quantity.parse("10_pods").unit();         // "pods"
 * Quantity.parse("10m").toDuration();       // PT10M
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Quantity {

  /** What a quantity measures. Quantities of different dimensions never compare. */
  public enum Dimension {
    /** A plain number, without a unit. It compares with every other dimension. */
    NUMBER,
    /** A ratio: {@code 20%} is 0.2, {@code 2x} is 2.0. */
    RATIO,
    /** A duration, in milliseconds. */
    DURATION,
    /** An amount of US dollars (per month). */
    MONEY,
    /** A count of some unit, such as pods; counts of different units do not compare. */
    COUNT
  }

  /** How a quantity is written; each notation has a factor to its dimension's base unit. */
  enum Notation {
    PLAIN(Dimension.NUMBER, "", BigDecimal.ONE),
    PERCENT(Dimension.RATIO, "%", new BigDecimal("0.01")),
    TIMES(Dimension.RATIO, "x", BigDecimal.ONE),
    MILLIS(Dimension.DURATION, "ms", BigDecimal.ONE),
    SECONDS(Dimension.DURATION, "s", BigDecimal.valueOf(1_000)),
    MINUTES(Dimension.DURATION, "m", BigDecimal.valueOf(60_000)),
    HOURS(Dimension.DURATION, "h", BigDecimal.valueOf(3_600_000)),
    DAYS(Dimension.DURATION, "d", BigDecimal.valueOf(86_400_000)),
    WEEKS(Dimension.DURATION, "w", BigDecimal.valueOf(604_800_000)),
    DOLLARS(Dimension.MONEY, "$", BigDecimal.ONE),
    DOLLARS_PER_MONTH(Dimension.MONEY, "$/month", BigDecimal.ONE),
    COUNT(Dimension.COUNT, "", BigDecimal.ONE);

    final Dimension dimension;
    final String suffix;
    final BigDecimal factor;

    Notation(Dimension dimension, String suffix, BigDecimal factor) {
      this.dimension = dimension;
      this.suffix = suffix;
      this.factor = factor;
    }
  }

  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000);
  // Weeks are read but not written: "7d" reads better than "1w" in a playbook.
  private static final Notation[] DURATION_NOTATIONS = {
    Notation.DAYS, Notation.HOURS, Notation.MINUTES, Notation.SECONDS, Notation.MILLIS
  };

  private final BigDecimal amount;
  private final Notation notation;
  private final String countUnit;
  private final double baseValue;

  private Quantity(BigDecimal amount, Notation notation, String countUnit) {
    this.amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    this.notation = notation;
    this.countUnit = countUnit;
    this.baseValue = this.amount.multiply(notation.factor).doubleValue();
  }

  /**
   * Creates a quantity, or returns {@code null} when its base value is not a finite double or it is
   * a negative count. Package-private: the public factories validate their arguments.
   */
  static Quantity ofOrNull(BigDecimal amount, Notation notation, String countUnit) {
    if (notation == Notation.COUNT && amount.signum() < 0) {
      return null;
    }
    Quantity q = new Quantity(amount, notation, countUnit);
    return Double.isFinite(q.baseValue) ? q : null;
  }

  /**
   * Parses a quantity literal such as {@code 20%}, {@code 2x}, {@code 10_pods}, {@code $50/month},
   * {@code 500ms}, {@code 7 days} or a plain number; surrounding blanks are ignored.
   *
   * @throws ConditionSyntaxException if {@code text} is not exactly one quantity literal; the
   *     exception names the column and says what was expected
   */
  public static Quantity parse(String text) {
    Objects.requireNonNull(text, "text");
    int start = LiteralScanner.skipBlanks(text, 0);
    if (start == text.length()) {
      throw new ConditionSyntaxException(
          "expected a quantity such as 20%, 10_pods or 30s", text, 1);
    }
    LiteralScanner.Result r = LiteralScanner.scan(text, start);
    if (r.error() != null) {
      throw new ConditionSyntaxException(r.error(), text, r.errorAt() + 1);
    }
    int end = LiteralScanner.skipBlanks(text, r.end());
    if (end != text.length()) {
      throw new ConditionSyntaxException(
          "unexpected '" + text.substring(end) + "' after the quantity " + r.quantity(),
          text,
          end + 1);
    }
    return r.quantity();
  }

  /**
   * The quantity a fact string stands for, or {@code null} if the string is not entirely one
   * quantity literal with a unit (plain numbers stay strings).
   */
  static Quantity parseUnitLiteralOrNull(String text) {
    int n = text.length();
    if (n == 0 || n > LiteralScanner.MAX_LITERAL_LENGTH) {
      return null;
    }
    int start = LiteralScanner.skipBlanks(text, 0);
    if (start == n) {
      return null;
    }
    char c = text.charAt(start);
    if (!(c == '-' || c == '$' || (c >= '0' && c <= '9'))) {
      return null;
    }
    LiteralScanner.Result r = LiteralScanner.scan(text, start);
    if (r.error() != null
        || LiteralScanner.skipBlanks(text, r.end()) != n
        || r.quantity().notation == Notation.PLAIN) {
      return null;
    }
    return r.quantity();
  }

  /** A plain number. */
  public static Quantity number(double value) {
    return new Quantity(finite(value, "value"), Notation.PLAIN, null);
  }

  /** A plain number. */
  public static Quantity number(BigDecimal value) {
    return checked(Objects.requireNonNull(value, "value"), Notation.PLAIN, null);
  }

  /** A ratio written as a percentage: {@code percent(20)} is {@code 20%}, base value 0.2. */
  public static Quantity percent(double percent) {
    return checked(finite(percent, "percent"), Notation.PERCENT, null);
  }

  /** A ratio written as a factor: {@code ratio(2)} is {@code 2x}, base value 2.0. */
  public static Quantity ratio(double ratio) {
    return checked(finite(ratio, "ratio"), Notation.TIMES, null);
  }

  /** A duration, written in the largest unit that holds it exactly ({@code 10m}, {@code 90s}). */
  public static Quantity duration(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    BigDecimal nanos =
        new BigDecimal(BigInteger.valueOf(duration.getSeconds()))
            .multiply(NANOS_PER_SECOND)
            .add(BigDecimal.valueOf(duration.getNano()));
    for (Notation n : DURATION_NOTATIONS) {
      BigDecimal unitNanos = n.factor.multiply(NANOS_PER_MILLI);
      BigDecimal[] qr = nanos.divideAndRemainder(unitNanos);
      if (qr[1].signum() == 0 && qr[0].signum() != 0) {
        return checked(qr[0], n, null);
      }
    }
    return checked(nanos.divide(NANOS_PER_MILLI), Notation.MILLIS, null);
  }

  /** An amount of US dollars, written {@code $N}. */
  public static Quantity dollars(double amount) {
    return checked(finite(amount, "amount"), Notation.DOLLARS, null);
  }

  /** An amount of US dollars per month, written {@code $N/month}. */
  public static Quantity dollarsPerMonth(double amount) {
    return checked(finite(amount, "amount"), Notation.DOLLARS_PER_MONTH, null);
  }

  /**
   * A count of {@code unit}, written {@code N_unit} ({@code count(10, "pods")} is {@code 10_pods}).
   *
   * @throws IllegalArgumentException if {@code count} is negative (a count never is), or {@code
   *     unit} is not a word (a letter, then letters, digits or underscores) or is a time unit (then
   *     it is a duration, such as {@code 7_days})
   */
  public static Quantity count(double count, String unit) {
    Objects.requireNonNull(unit, "unit");
    if (count < 0) {
      throw new IllegalArgumentException("count: a count is never negative, was " + count);
    }
    if (!LiteralScanner.isCountUnit(unit)) {
      throw new IllegalArgumentException(
          "unit: '" + unit + "' is not a count unit (a word such as pods; not a time unit)");
    }
    return checked(finite(count, "count"), Notation.COUNT, unit);
  }

  private static BigDecimal finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + ": must be finite, was " + value);
    }
    return BigDecimal.valueOf(value);
  }

  private static Quantity checked(BigDecimal amount, Notation notation, String unit) {
    Quantity q = ofOrNull(amount, notation, unit);
    if (q == null) {
      throw new IllegalArgumentException("value: " + amount + " is out of range");
    }
    return q;
  }

  /** What this quantity measures. */
  public Dimension dimension() {
    return notation.dimension;
  }

  /** The number as written, in the unit as written: 20 for {@code 20%}, 10 for {@code 10m}. */
  public BigDecimal amount() {
    return amount;
  }

  /**
   * The unit as written: {@code ""} for a plain number, {@code "%"}, {@code "x"}, {@code "ms"},
   * {@code "s"}, {@code "m"}, {@code "h"}, {@code "d"}, {@code "w"}, {@code "$"}, {@code
   * "$/month"}, or the count's unit such as {@code "pods"}.
   */
  public String unit() {
    return notation == Notation.COUNT ? countUnit : notation.suffix;
  }

  /**
   * The value in the base unit of its {@link #dimension()}: the ratio (1.0 = 100%), milliseconds,
   * US dollars (per month), the count, or the number.
   */
  public double baseValue() {
    return baseValue;
  }

  /**
   * Whether this quantity compares with {@code other}: one of them is a plain number, or both have
   * the same dimension (and, for counts, the same unit).
   */
  public boolean isComparableTo(Quantity other) {
    Dimension a = dimension();
    Dimension b = other.dimension();
    if (a == Dimension.NUMBER || b == Dimension.NUMBER) {
      return true;
    }
    return a == b && (a != Dimension.COUNT || countUnit.equals(other.countUnit));
  }

  /**
   * This duration as a {@link Duration}, rounded to the nanosecond.
   *
   * @throws IllegalStateException if this is not a duration, or it is too long for {@link Duration}
   */
  public Duration toDuration() {
    if (dimension() != Dimension.DURATION) {
      throw new IllegalStateException(this + " is " + describe() + ", not a duration");
    }
    BigDecimal nanos =
        amount
            .multiply(notation.factor)
            .multiply(NANOS_PER_MILLI)
            .setScale(0, RoundingMode.HALF_UP);
    BigDecimal[] qr = nanos.divideAndRemainder(NANOS_PER_SECOND);
    try {
      return Duration.ofSeconds(qr[0].longValueExact(), qr[1].longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalStateException(this + " is too long for a java.time.Duration", e);
    }
  }

  Notation notation() {
    return notation;
  }

  /** "a ratio", "a count of pods", ...: for messages. */
  String describe() {
    switch (notation.dimension) {
      case NUMBER:
        return "a number";
      case RATIO:
        return "a ratio";
      case DURATION:
        return "a duration";
      case MONEY:
        return "an amount of money";
      default:
        return "a count of " + countUnit;
    }
  }

  /** The quantity as people read it in explanations: like the literal, but "12 pods". */
  String display() {
    if (notation == Notation.COUNT) {
      return amount.toPlainString() + " " + countUnit;
    }
    return toString();
  }

  /** The canonical literal, which {@link #parse(String)} reads back to an equal quantity. */
  @Override
  public String toString() {
    String digits = amount.toPlainString();
    switch (notation) {
      case DOLLARS:
      case DOLLARS_PER_MONTH:
        String sign = amount.signum() < 0 ? "-" : "";
        String abs = amount.abs().toPlainString();
        return sign + "$" + abs + (notation == Notation.DOLLARS_PER_MONTH ? "/month" : "");
      case COUNT:
        return digits + "_" + countUnit;
      default:
        return digits + notation.suffix;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Quantity)) {
      return false;
    }
    Quantity q = (Quantity) o;
    return notation == q.notation
        && amount.equals(q.amount)
        && Objects.equals(countUnit, q.countUnit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(notation, amount, countUnit);
  }
}
