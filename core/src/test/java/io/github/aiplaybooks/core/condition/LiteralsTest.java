package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public literal parsers loaders reuse: quantities, durations, time windows and rates. */
class LiteralsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "20%;RATIO;0.2;%;20%",
        "200%;RATIO;2.0;%;200%",
        "2x;RATIO;2.0;x;2x",
        "0.5X;RATIO;0.5;x;0.5x",
        "10_pods;COUNT;10;pods;10_pods",
        "3_nodes;COUNT;3;nodes;3_nodes",
        "$50;MONEY;50;$;$50",
        "$50/month;MONEY;50;$/month;$50/month",
        "$50/Month;MONEY;50;$/month;$50/month",
        "-$12.50/month;MONEY;-12.5;$/month;-$12.5/month",
        "500ms;DURATION;500;ms;500ms",
        "30s;DURATION;30000;s;30s",
        "10m;DURATION;600000;m;10m",
        "4h;DURATION;14400000;h;4h",
        "7d;DURATION;604800000;d;7d",
        "1w;DURATION;604800000;w;1w",
        "7 days;DURATION;604800000;d;7d",
        "7_days;DURATION;604800000;d;7d",
        "2.5 hours;DURATION;9000000;h;2.5h",
        "90 Minutes;DURATION;5400000;m;90m",
        "5 secs;DURATION;5000;s;5s",
        "0.85;NUMBER;0.85;``;0.85",
        "100.00;NUMBER;100;``;100",
        "-0;NUMBER;0;``;0",
        "` 12% `;RATIO;0.12;%;12%"
      })
  void parsesQuantities(
      String text, Quantity.Dimension dimension, double base, String unit, String printed) {
    Quantity q = Quantity.parse(text);

    assertThat(q.dimension()).isEqualTo(dimension);
    assertThat(q.baseValue()).isEqualTo(base);
    assertThat(q.unit()).isEqualTo(unit);
    assertThat(q.toString()).isEqualTo(printed);
    assertThat(Quantity.parse(q.toString())).isEqualTo(q);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "``;1;expected a quantity",
        "abc;1;expected a quantity",
        "10pods;3;unknown unit 'pods'",
        "10 pods;4;unexpected 'pods' after the quantity 10",
        "10M;3;unknown unit 'M'",
        "$5/week;4;money is an amount per month",
        "12%%;4;unexpected '%'",
        "1.;2;expected digits after '.'",
        "--1;2;expected digits after '-'"
      })
  void reportsMalformedQuantities(String text, int column, String reason) {
    assertThatThrownBy(() -> Quantity.parse(text))
        .isInstanceOfSatisfying(
            ConditionSyntaxException.class,
            e -> {
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void rejectsNumbersTooLongOrOutOfRange() {
    assertThatThrownBy(() -> Quantity.parse("9".repeat(500)))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageContaining("longer than 400 characters");
    assertThatThrownBy(() -> Quantity.parse("9".repeat(350)))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void comparesPlainNumbersWithEveryDimensionButNotDimensionsWithEachOther() {
    Quantity number = Quantity.number(5);

    assertThat(number.isComparableTo(Quantity.parse("5%"))).isTrue();
    assertThat(Quantity.parse("5m").isComparableTo(number)).isTrue();
    assertThat(Quantity.parse("5m").isComparableTo(Quantity.parse("5ms"))).isTrue();
    assertThat(Quantity.parse("5m").isComparableTo(Quantity.parse("$5"))).isFalse();
    assertThat(Quantity.parse("5_pods").isComparableTo(Quantity.parse("5_nodes"))).isFalse();
    assertThat(Quantity.parse("5_pods").isComparableTo(Quantity.parse("6_pods"))).isTrue();
  }

  @Test
  void buildsQuantitiesFromJavaValues() {
    assertThat(Quantity.percent(12.5)).hasToString("12.5%");
    assertThat(Quantity.percent(12.5).baseValue()).isEqualTo(0.125);
    assertThat(Quantity.ratio(1.5)).hasToString("1.5x");
    assertThat(Quantity.dollars(3)).hasToString("$3");
    assertThat(Quantity.number(new BigDecimal("1.50"))).isEqualTo(Quantity.number(1.5));
    assertThat(Quantity.duration(Duration.ofSeconds(90))).hasToString("90s");
    assertThat(Quantity.duration(Duration.ofDays(14))).hasToString("14d");
    assertThat(Quantity.duration(Duration.ofNanos(1_500_000))).hasToString("1.5ms");
    assertThat(Quantity.duration(Duration.ZERO)).hasToString("0ms");
    assertThat(Quantity.parse("1.5ms").toDuration()).isEqualTo(Duration.ofNanos(1_500_000));
    assertThatThrownBy(() -> Quantity.count(1, "days"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantity.count(1, "2pods"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantity.ratio(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantity.parse("5%").toDuration())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("5% is a ratio, not a duration");
  }

  @Test
  void equalQuantitiesAreEqualLiterals() {
    assertThat(Quantity.parse("10m")).isEqualTo(Quantity.parse("10 minutes"));
    assertThat(Quantity.parse("10m")).isNotEqualTo(Quantity.parse("600s"));
    assertThat(Quantity.parse("10m").baseValue()).isEqualTo(Quantity.parse("600s").baseValue());
    assertThat(Quantity.parse("2x")).isNotEqualTo(Quantity.parse("200%"));
    assertThat(Quantity.parse("1.50"))
        .isEqualTo(Quantity.parse("1.5"))
        .hasSameHashCodeAs(Quantity.parse("1.5"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "10m, PT10M",
    "30s, PT30S",
    "500ms, PT0.5S",
    "2.5h, PT2H30M",
    "7 days, PT168H",
    "last_7_days, PT168H",
    "last_30_days, PT720H",
    "next_4_hours, PT4H",
    "' 1w ', PT168H"
  })
  void parsesDurations(String text, Duration expected) {
    assertThat(DurationLiteral.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "30;'30' is a number without a unit",
        "20%;'20%' is a ratio, not a duration",
        "-5m;a duration cannot be negative",
        "10 pods;unexpected 'pods'",
        "lastly;expected '_' after 'last'",
        "999999999999999999w;too long"
      })
  void reportsWhatIsNotADuration(String text, String reason) {
    assertThatThrownBy(() -> DurationLiteral.parse(text))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void formatsDurationsSoThatTheyParseBack() {
    for (Duration d :
        new Duration[] {
          Duration.ofMinutes(10), Duration.ofMillis(1500), Duration.ofHours(36), Duration.ofNanos(7)
        }) {
      assertThat(DurationLiteral.parse(DurationLiteral.format(d))).isEqualTo(d);
    }
    assertThat(DurationLiteral.format(Duration.ofMinutes(10))).isEqualTo("10m");
  }

  @Test
  void parsesTimeWindowsWithTheirDirection() {
    TimeWindow last = TimeWindow.parse("last_7_days");
    TimeWindow next = TimeWindow.parse("NEXT 4 hours");
    Instant now = Instant.parse("2024-01-08T00:00:00Z");

    assertThat(last.direction()).isEqualTo(TimeWindow.Direction.PAST);
    assertThat(last.startAt(now)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(last.endAt(now)).isEqualTo(now);
    assertThat(next.direction()).isEqualTo(TimeWindow.Direction.FUTURE);
    assertThat(next.endAt(now)).isEqualTo(Instant.parse("2024-01-08T04:00:00Z"));
    assertThat(last).hasToString("last_7d");
    assertThat(TimeWindow.parse(last.toString())).isEqualTo(last);
    assertThatThrownBy(() -> TimeWindow.parse("last_0_days"))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageContaining("cannot be empty");
    assertThatThrownBy(() -> TimeWindow.parse("7 days"))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageContaining("expected a time window such as last_7_days");
    assertThatThrownBy(() -> TimeWindow.parse("last_days"))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageContaining("expected a duration such as 7_days");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "5 per hour, 5, PT1H, 5 per hour",
    "10 PER HOUR, 10, PT1H, 10 per hour",
    "2 per hours, 2, PT1H, 2 per hour",
    "1 per minute, 1, PT1M, 1 per minute",
    "100 per day, 100, PT24H, 100 per day",
    "3 per week, 3, PT168H, 3 per week",
    "5/hour, 5, PT1H, 5 per hour",
    "5 / h, 5, PT1H, 5 per hour",
    "10 per 30m, 10, PT30M, 10 per 30m",
    "2 per 2 hours, 2, PT2H, 2 per 2h",
    "0 per hour, 0, PT1H, 0 per hour"
  })
  void parsesRates(String text, long count, Duration window, String printed) {
    Rate r = Rate.parse(text);

    assertThat(r.count()).isEqualTo(count);
    assertThat(r.window()).isEqualTo(window);
    assertThat(r).hasToString(printed);
    assertThat(Rate.parse(r.toString())).isEqualTo(r);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '`',
      value = {
        "per hour;1;a whole number first",
        "5 hour;3;expected 'per' after the count",
        "5per hour;2;expected 'per' after the count",
        "5 per fortnight;7;expected a time unit",
        "5 per;6;expected a time unit",
        "5 per 0s;7;cannot be empty",
        "5 per 20%;7;'20%' is a ratio",
        "5 per hour please;12;unexpected 'please'",
        "-5 per hour;1;a whole number first",
        "99999999999999999999 per hour;1;count is too large"
      })
  void reportsMalformedRates(String text, int column, String reason) {
    assertThatThrownBy(() -> Rate.parse(text))
        .isInstanceOfSatisfying(
            ConditionSyntaxException.class,
            e -> {
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void validatesRecordComponents() {
    assertThatThrownBy(() -> new Rate(-1, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count");
    assertThatThrownBy(() -> new Rate(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> new TimeWindow(TimeWindow.Direction.PAST, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length");
  }
}
