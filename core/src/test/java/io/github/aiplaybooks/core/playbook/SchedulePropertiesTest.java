package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Schedule#next} agrees with trying every minute, for random expressions and instants. */
class SchedulePropertiesTest {
  private static final int SEARCH_DAYS = 45;

  @Provide
  Arbitrary<String> expressions() {
    return Combinators.combine(field(0, 59), field(0, 23), dayOfMonth(), field(1, 12), field(0, 6))
        .as((m, h, dom, mon, dow) -> m + " " + h + " " + dom + " " + mon + " " + dow);
  }

  private static Arbitrary<String> dayOfMonth() {
    return Arbitraries.oneOf(Arbitraries.just("*"), field(1, 28), Arbitraries.just("29,30,31"));
  }

  private static Arbitrary<String> field(int min, int max) {
    Arbitrary<Integer> value = Arbitraries.integers().between(min, max);
    Arbitrary<String> range =
        Combinators.combine(value, value).as((a, b) -> Math.min(a, b) + "-" + Math.max(a, b));
    Arbitrary<String> step =
        Combinators.combine(range, Arbitraries.integers().between(1, Math.max(1, max / 3)))
            .as((r, s) -> r + "/" + s);
    Arbitrary<String> item = Arbitraries.oneOf(value.map(String::valueOf), range, step);
    Arbitrary<String> list = item.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just("*")),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.integers().between(1, Math.max(1, max / 2)).map(s -> "*/" + s)),
        net.jqwik.api.Tuple.of(4, list));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(
            Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("2099-01-01T00:00:00Z").getEpochSecond())
        .map(Instant::ofEpochSecond);
  }

  @Property(tries = 150)
  void nextIsTheFirstMatchingMinuteAfter(
      @ForAll("expressions") String expression, @ForAll("instants") Instant after) {
    Schedule s;
    try {
      s = Schedule.cron(expression, ZoneOffset.UTC);
    } catch (ScheduleException e) {
      // Only 29-31 in months too short for them: refused, as it should be.
      assertThat(e.reason()).startsWith("never fires");
      return;
    }
    ZonedDateTime start =
        after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = start.plusDays(SEARCH_DAYS);
    ZonedDateTime expected = null;
    for (ZonedDateTime t = start; t.isBefore(limit); t = t.plusMinutes(1)) {
      if (s.firesAt(t)) {
        expected = t;
        break;
      }
    }
    Instant next = s.next(after);
    if (expected != null) {
      assertThat(next).isEqualTo(expected.toInstant());
    } else {
      assertThat(next).isAfterOrEqualTo(limit.toInstant());
      assertThat(s.firesAt(next.atZone(ZoneOffset.UTC))).isTrue();
    }
  }

  @Property(tries = 200)
  void theNormalizedExpressionReadsBackToAnEqualSchedule(@ForAll("expressions") String expression) {
    Schedule s;
    try {
      s = Schedule.cron(expression, ZoneOffset.UTC);
    } catch (ScheduleException e) {
      return;
    }
    assertThat(Schedule.cron(s.expression(), ZoneOffset.UTC)).isEqualTo(s);
  }
}
