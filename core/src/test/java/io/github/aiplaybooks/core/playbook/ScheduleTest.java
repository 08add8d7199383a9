package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  @Test
  void theSeedsSchedulesFireWhenTheSeedSays() {
    Schedule everyFive = Schedule.every(Duration.ofMinutes(5));
    Schedule daily = Schedule.daily(LocalTime.of(2, 0), UTC);
    Schedule weekly = Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), UTC);

    assertThat(everyFive.expression()).isEqualTo("*/5 * * * *");
    assertThat(everyFive.next(Instant.parse("2024-05-01T10:03:17Z")))
        .isEqualTo(Instant.parse("2024-05-01T10:05:00Z"));
    assertThat(everyFive.next(Instant.parse("2024-05-01T10:05:00Z")))
        .isEqualTo(Instant.parse("2024-05-01T10:10:00Z"));
    assertThat(daily.expression()).isEqualTo("0 2 * * *");
    assertThat(daily.next(Instant.parse("2024-05-01T02:00:00Z")))
        .isEqualTo(Instant.parse("2024-05-02T02:00:00Z"));
    assertThat(weekly.expression()).isEqualTo("0 6 * * 1");
    // 2024-01-01 was a Monday.
    assertThat(weekly.next(Instant.parse("2024-01-01T06:00:00Z")))
        .isEqualTo(Instant.parse("2024-01-08T06:00:00Z"));
    assertThat(weekly.next(Instant.parse("2023-12-31T23:59:00Z")))
        .isEqualTo(Instant.parse("2024-01-01T06:00:00Z"));
  }

  @Test
  void describesCommonFormsInWords() {
    assertThat(Schedule.every(Duration.ofMinutes(5)).describe()).isEqualTo("every 5 minutes");
    assertThat(Schedule.every(Duration.ofMinutes(1)).describe()).isEqualTo("every minute");
    assertThat(Schedule.daily(LocalTime.of(2, 0), UTC).describe()).isEqualTo("daily at 02:00 (Z)");
    assertThat(Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 30), ZoneId.of("UTC")).describe())
        .isEqualTo("weekly on Monday at 06:30 (UTC)");
    assertThat(Schedule.cron("0 9-17 * * 1-5", "Europe/Paris").describe())
        .isEqualTo("cron '0 9-17 * * 1-5' (Europe/Paris)");
  }

  @Test
  void namesAndMacrosNormalizeSoEqualSchedulesAreEqual() {
    assertThat(Schedule.cron("0 6 * * MON", UTC)).isEqualTo(Schedule.cron("0  6 * * 1", UTC));
    assertThat(Schedule.cron("0 0 1 jan *", UTC).expression()).isEqualTo("0 0 1 1 *");
    assertThat(Schedule.cron("@daily", UTC)).isEqualTo(Schedule.cron("0 0 * * *", UTC));
    assertThat(Schedule.cron("0 0 * * 7", UTC).next(Instant.parse("2024-01-01T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-01-07T00:00:00Z"));
    assertThat(Schedule.cron("0 6 * * 1", UTC))
        .isNotEqualTo(Schedule.cron("0 6 * * 1", "Europe/Paris"));
    assertThat(Schedule.cron("0 6 * * 1", "UTC"))
        .isEqualTo(Schedule.cron("0 6 * * 1", ZoneOffset.UTC))
        .hasSameHashCodeAs(Schedule.cron("0 6 * * 1", ZoneOffset.UTC));
  }

  @Test
  void whenBothDayFieldsAreRestrictedEitherMatches() {
    // Friday the 13th or any Friday or any 13th, as Vixie cron reads it.
    Schedule s = Schedule.cron("0 0 13 * 5", UTC);
    // 2024-09-06 is a Friday; 2024-09-13 is a Friday and the 13th.
    assertThat(s.next(Instant.parse("2024-09-01T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-09-06T00:00:00Z"));
    assertThat(s.next(Instant.parse("2024-10-05T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-10-11T00:00:00Z"));
    assertThat(s.next(Instant.parse("2024-10-11T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-10-13T00:00:00Z"));
  }

  @Test
  void stepsRangesAndListsCombine() {
    Schedule s = Schedule.cron("5,35 8-10/2 * * *", UTC);
    ZonedDateTime t = ZonedDateTime.parse("2024-01-01T00:00Z");
    StringBuilder fired = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      t = s.next(t);
      fired.append(t.toLocalTime()).append(' ');
    }
    assertThat(fired.toString().trim()).isEqualTo("08:05 08:35 10:05 10:35 08:05");
  }

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** The next {@code n} firings after {@code after}, as instants. */
  private static List<Instant> firings(Schedule s, String after, int n) {
    List<Instant> out = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < n; i++) {
      t = s.next(t);
      out.add(t);
    }
    return out;
  }

  @Test
  void aFixedTimeInASpringForwardGapRunsOnceRightAfterTheGapAsVixieCronDoes() {
    // Berlin, 2024-03-31: 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 does not exist.
    Schedule berlin = Schedule.daily(LocalTime.of(2, 30), BERLIN);
    assertThat(firings(berlin, "2024-03-30T03:00:00Z", 3))
        .containsExactly(
            Instant.parse("2024-03-31T01:00:00Z"), // 03:00 CEST, right after the gap
            Instant.parse("2024-04-01T00:30:00Z"), // 02:30 CEST
            Instant.parse("2024-04-02T00:30:00Z"));
    assertThat(berlin.firesAt(ZonedDateTime.parse("2024-03-31T03:00+02:00[Europe/Berlin]")))
        .isTrue();

    // New York, 2024-03-10: 02:00 EST jumps to 03:00 EDT (07:00Z).
    Schedule newYork = Schedule.cron("30 2 * * *", NEW_YORK);
    assertThat(firings(newYork, "2024-03-09T12:00:00Z", 2))
        .containsExactly(
            Instant.parse("2024-03-10T07:00:00Z"), Instant.parse("2024-03-11T06:30:00Z"));
  }

  @Test
  void aFixedTimeInAFallBackOverlapRunsOnceAtItsFirstOccurrence() {
    // Berlin, 2024-10-27: 03:00 CEST goes back to 02:00 CET (01:00Z); 02:30 happens twice.
    Schedule berlin = Schedule.daily(LocalTime.of(2, 30), BERLIN);
    assertThat(firings(berlin, "2024-10-26T12:00:00Z", 2))
        .containsExactly(
            Instant.parse("2024-10-27T00:30:00Z"), // 02:30 CEST, the first occurrence
            Instant.parse("2024-10-28T01:30:00Z")); // 02:30 CET the next day
    // Asked from within the repeated hour, it does not run again.
    assertThat(berlin.next(Instant.parse("2024-10-27T01:10:00Z")))
        .isEqualTo(Instant.parse("2024-10-28T01:30:00Z"));
    assertThat(berlin.firesAt(ZonedDateTime.parse("2024-10-27T02:30+01:00[Europe/Berlin]")))
        .isFalse();

    // New York, 2024-11-03: 02:00 EDT goes back to 01:00 EST (06:00Z); 01:30 happens twice.
    Schedule newYork = Schedule.cron("30 1 * * *", NEW_YORK);
    assertThat(firings(newYork, "2024-11-02T12:00:00Z", 2))
        .containsExactly(
            Instant.parse("2024-11-03T05:30:00Z"), Instant.parse("2024-11-04T06:30:00Z"));
  }

  @Test
  void aWildcardScheduleFollowsTheWallClockAcrossBothChanges() {
    Schedule halfHourly = Schedule.cron("*/30 * * * *", BERLIN);
    // Spring forward: 01:30 CET, then 03:00 CEST; 02:00 and 02:30 do not exist.
    assertThat(firings(halfHourly, "2024-03-31T00:15:00Z", 3))
        .containsExactly(
            Instant.parse("2024-03-31T00:30:00Z"),
            Instant.parse("2024-03-31T01:00:00Z"),
            Instant.parse("2024-03-31T01:30:00Z"));
    // Fall back: 02:00 and 02:30 run in CEST, and again in CET.
    assertThat(firings(halfHourly, "2024-10-26T23:45:00Z", 5))
        .containsExactly(
            Instant.parse("2024-10-27T00:00:00Z"),
            Instant.parse("2024-10-27T00:30:00Z"),
            Instant.parse("2024-10-27T01:00:00Z"),
            Instant.parse("2024-10-27T01:30:00Z"),
            Instant.parse("2024-10-27T02:00:00Z"));
    // An hourly job at minute 30 in the gap hour does not run: 02:30 does not exist.
    assertThat(Schedule.cron("30 * * * *", BERLIN).next(Instant.parse("2024-03-31T00:45:00Z")))
        .isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
  }

  @Test
  void firesAtSaysWhetherAMinuteMatches() {
    Schedule s = Schedule.cron("*/15 * * * *", UTC);
    assertThat(s.firesAt(ZonedDateTime.parse("2024-01-01T10:45:30Z"))).isTrue();
    assertThat(s.firesAt(ZonedDateTime.parse("2024-01-01T10:46:00Z"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* * * *|expected 5 fields (minute hour day-of-month month day-of-week), found 4",
        "60 * * * *|the minute field expects a value from 0 to 59, found 60",
        "*/0 * * * *|the minute field expects a step from 1 to 59, found 0",
        "5-1 * * * *|the minute field expects a range from low to high, found 5-1",
        "0 0 * FOO *|the month field expects a value (a number or JAN-DEC), found 'FOO'",
        "0 0 30 2 *|never fires: no month it allows has the days of month it names",
        "@fortnightly|unknown macro '@fortnightly'; expected one of @annually, @daily, @hourly,"
            + " @midnight, @monthly, @weekly, @yearly",
        "0 0 1,,2 * *|the day of month field expects an empty list item"
      })
  void badExpressionsAreRefusedSayingWhatWasExpected(String expression, String reason) {
    assertThatThrownBy(() -> Schedule.cron(expression, UTC))
        .isInstanceOfSatisfying(
            ScheduleException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.expression()).isEqualTo(expression);
              assertThat(e.code()).isEqualTo("SCHEDULE_INVALID");
              assertThat(e.getMessage()).contains("'" + expression + "'");
            });
  }

  @Test
  void anUnknownZoneIsAScheduleError() {
    assertThatThrownBy(() -> Schedule.cron("0 0 * * *", "Mars/Olympus"))
        .isInstanceOf(ScheduleException.class)
        .hasMessageContaining("unknown time zone 'Mars/Olympus'");
  }

  @Test
  void everyAcceptsOnlyIntervalsCronCanExpress() {
    assertThat(Schedule.every(Duration.ofMinutes(15)).expression()).isEqualTo("*/15 * * * *");
    assertThat(Schedule.every(Duration.ofHours(6)).expression()).isEqualTo("0 */6 * * *");
    assertThat(Schedule.every(Duration.ofHours(1)).expression()).isEqualTo("0 * * * *");
    assertThat(Schedule.every(Duration.ofDays(1)).expression()).isEqualTo("0 0 * * *");
    assertThatThrownBy(() -> Schedule.every(Duration.ofMinutes(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not every PT7M");
    assertThatThrownBy(() -> Schedule.every(Duration.ofSeconds(90)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
