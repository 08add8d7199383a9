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

  @Test
  void aLocalTimeInADaylightSavingGapIsSkippedAndOneInAnOverlapFiresOnce() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    Schedule s = Schedule.cron("30 2 * * *", paris);
    // 2024-03-31 02:30 does not exist in Paris.
    assertThat(s.next(ZonedDateTime.parse("2024-03-31T00:00+01:00[Europe/Paris]")))
        .isEqualTo(ZonedDateTime.parse("2024-04-01T02:30+02:00[Europe/Paris]"));
    // 2024-10-27 02:30 happens twice; it fires at the first.
    ZonedDateTime first = s.next(ZonedDateTime.parse("2024-10-27T00:00+02:00[Europe/Paris]"));
    assertThat(first).isEqualTo(ZonedDateTime.parse("2024-10-27T02:30+02:00[Europe/Paris]"));
    assertThat(s.next(first))
        .isEqualTo(ZonedDateTime.parse("2024-10-28T02:30+01:00[Europe/Paris]"));
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
