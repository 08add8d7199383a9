package io.github.aiplaybooks.core.playbook;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.BitSet;
import java.util.Locale;
import java.util.Objects;

/**
 * When a scheduled playbook runs: a five-field cron expression read in a time zone. The seed's
 * schedules are {@code every(Duration.ofMinutes(5))} ({@code *}{@code /5 * * * *}), {@code
 * daily(LocalTime.of(2, 0), UTC)} ({@code 0 2 * * *}) and {@code weekly(MONDAY, LocalTime.of(6, 0),
 * UTC)} ({@code 0 6 * * 1}).
 *
 * <pre>{@code
 * Schedule s = Schedule.cron("0 6 * * MON", ZoneId.of("UTC"));
 * s.expression();                                      // "0 6 * * 1"
 * s.next(Instant.parse("2024-01-01T06:00:00Z"));       // 2024-01-08T06:00:00Z
 * s.describe();                                        // "weekly on Monday at 06:00 (UTC)"
 * }</pre>
 *
 * <p>The fields are {@code minute hour day-of-month month day-of-week}, read as Vixie cron reads
 * them: {@code *}, numbers, ranges {@code a-b}, steps {@code *}{@code /n} and {@code a-b/n}, lists
 * {@code a,b}, {@code JAN}–{@code DEC}, {@code SUN}–{@code SAT} (Sunday is 0 or 7), and the macros
 * {@code @hourly @daily @weekly @monthly @yearly}. When both day fields are restricted, a day
 * matches if either does. In a daylight-saving gap a local time that does not exist is skipped; in
 * an overlap it fires once, at the earlier offset.
 *
 * <p>This small parser is ours rather than cron-utils: the five standard fields are all a playbook
 * needs, and {@code core} stays free of another dependency. Instances are immutable; two schedules
 * are equal when their normalized expressions are and their zones have the same rules.
 */
public final class Schedule {
  private static final int[] MINUTE_STEPS = {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30};
  private static final int[] HOUR_STEPS = {1, 2, 3, 4, 6, 8, 12};

  private final CronExpression cron;
  private final ZoneId zone;

  private Schedule(CronExpression cron, ZoneId zone) {
    this.cron = cron;
    this.zone = zone;
  }

  /**
   * A schedule from a cron expression, read in {@code zone}.
   *
   * @throws ScheduleException if the expression is not a five-field cron expression or never fires
   */
  public static Schedule cron(String expression, ZoneId zone) {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(zone, "zone");
    return new Schedule(CronExpression.parse(expression), zone);
  }

  /**
   * A schedule from a cron expression and a zone id such as {@code UTC} or {@code Europe/Paris}.
   *
   * @throws ScheduleException if the expression or the zone cannot be read
   */
  public static Schedule cron(String expression, String zoneId) {
    Objects.requireNonNull(zoneId, "zoneId");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneId);
    } catch (DateTimeException e) {
      throw new ScheduleException(
          expression, "unknown time zone '" + zoneId + "'; use an id such as UTC or Europe/Paris");
    }
    return cron(expression, zone);
  }

  /**
   * Every {@code interval}, aligned to the clock in UTC: minutes that divide an hour (1, 2, 3, 4,
   * 5, 6, 10, 12, 15, 20, 30), hours that divide a day (1, 2, 3, 4, 6, 8, 12), or one day.
   *
   * @throws IllegalArgumentException for any other interval, naming the ones cron can express
   */
  public static Schedule every(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    long minutes = interval.toMinutes();
    if (interval.equals(Duration.ofMinutes(minutes))) {
      for (int m : MINUTE_STEPS) {
        if (minutes == m) {
          return cron(m == 1 ? "* * * * *" : "*/" + m + " * * * *", ZoneId.of("UTC"));
        }
      }
      for (int h : HOUR_STEPS) {
        if (minutes == h * 60L) {
          return cron(h == 1 ? "0 * * * *" : "0 */" + h + " * * *", ZoneId.of("UTC"));
        }
      }
      if (minutes == 24 * 60) {
        return cron("0 0 * * *", ZoneId.of("UTC"));
      }
    }
    throw new IllegalArgumentException(
        "interval: cron can run every 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 minutes, every 1,"
            + " 2, 3, 4, 6, 8 or 12 hours or every day, not every "
            + interval);
  }

  /** Every day at {@code time} (minutes precision) in {@code zone}. */
  public static Schedule daily(LocalTime time, ZoneId zone) {
    Objects.requireNonNull(time, "time");
    return cron(time.getMinute() + " " + time.getHour() + " * * *", zone);
  }

  /** Every week on {@code day} at {@code time} (minutes precision) in {@code zone}. */
  public static Schedule weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(time, "time");
    return cron(time.getMinute() + " " + time.getHour() + " * * " + (day.getValue() % 7), zone);
  }

  /** The normalized expression: names as numbers, single spaces, macros expanded. */
  public String expression() {
    return cron.canonical();
  }

  /** The zone the expression is read in. */
  public ZoneId zone() {
    return zone;
  }

  /** The first time strictly after {@code after} at which the schedule fires. */
  public Instant next(Instant after) {
    Objects.requireNonNull(after, "after");
    return next(after.atZone(zone)).toInstant();
  }

  /** The first time strictly after {@code after} at which the schedule fires, in its zone. */
  public ZonedDateTime next(ZonedDateTime after) {
    Objects.requireNonNull(after, "after");
    Instant limit = after.toInstant();
    LocalDateTime local = after.withZoneSameInstant(zone).toLocalDateTime();
    while (true) {
      local = cron.nextLocal(local);
      ZonedDateTime candidate = ZonedDateTime.ofLocal(local, zone, null);
      // A local time in a gap does not exist (ofLocal moved it); an earlier offset in an overlap
      // that is not after the limit has fired already.
      if (candidate.toLocalDateTime().equals(local) && candidate.toInstant().isAfter(limit)) {
        return candidate;
      }
    }
  }

  /** Whether the schedule fires at the minute that holds {@code time}. */
  public boolean firesAt(ZonedDateTime time) {
    return cron.matches(time.withZoneSameInstant(zone).toLocalDateTime());
  }

  /**
   * The schedule in words where a common form fits ("every 5 minutes", "daily at 02:00 (UTC)",
   * "weekly on Monday at 06:00 (UTC)"), else "cron '...' (zone)".
   */
  public String describe() {
    String[] f = cron.canonical().split(" ");
    String zoneText = " (" + zone.getId() + ")";
    boolean anyDay = f[2].equals("*") && f[3].equals("*");
    if (anyDay && f[4].equals("*") && f[1].equals("*")) {
      if (f[0].equals("*")) {
        return "every minute";
      }
      if (f[0].startsWith("*/")) {
        return "every " + f[0].substring(2) + " minutes";
      }
    }
    if (f[0].matches("\\d+") && f[1].matches("\\d+") && anyDay) {
      String at =
          String.format(Locale.ROOT, "%02d:%02d", Integer.parseInt(f[1]), Integer.parseInt(f[0]));
      if (f[4].equals("*")) {
        return "daily at " + at + zoneText;
      }
      if (f[4].matches("\\d")) {
        BitSet days = cron.daysOfWeek();
        DayOfWeek day = DayOfWeek.of(days.nextSetBit(0) == 0 ? 7 : days.nextSetBit(0));
        return "weekly on "
            + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
            + " at "
            + at
            + zoneText;
      }
    }
    return "cron '" + cron.canonical() + "'" + zoneText;
  }

  /**
   * Equal when the normalized expressions are and the zones have the same rules ({@code UTC} and
   * {@code Z}).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule
        && cron.canonical().equals(((Schedule) o).cron.canonical())
        && zone.normalized().equals(((Schedule) o).zone.normalized());
  }

  @Override
  public int hashCode() {
    return Objects.hash(cron.canonical(), zone.normalized());
  }

  /** {@code cron '0 6 * * 1' in UTC}. */
  @Override
  public String toString() {
    return "cron '" + cron.canonical() + "' in " + zone.getId();
  }
}
