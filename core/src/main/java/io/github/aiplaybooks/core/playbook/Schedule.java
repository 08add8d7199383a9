package io.github.aiplaybooks.core.playbook;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
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
 * matches if either does.
 *
 * <p><b>Daylight saving time</b> follows Vixie cron. A <em>fixed-time</em> schedule, one whose
 * minute and hour fields both name values ({@code 30 2 * * *}), runs once per matching local time
 * whatever the clocks do:
 *
 * <ul>
 *   <li>spring forward: a time that falls in the gap runs once, right after the gap (Berlin's 02:30
 *       on 2024-03-31 runs at 03:00 CEST, 01:00Z; New York's 02:30 on 2024-03-10 at 03:00 EDT,
 *       07:00Z);
 *   <li>fall back: a time that falls in the overlap runs once, at its first occurrence (Berlin's
 *       02:30 on 2024-10-27 runs at 02:30 CEST, 00:30Z, not again at 02:30 CET; New York's 01:30 on
 *       2024-11-03 at 01:30 EDT, 05:30Z).
 * </ul>
 *
 * <p>A <em>wildcard</em> schedule, one whose minute or hour field starts with {@code *} ({@code
 * *}{@code /5 * * * *}, {@code 0 * * * *}), follows the wall clock: times in a gap do not exist and
 * are skipped, and times in an overlap run at both occurrences. In a zone without daylight saving,
 * such as {@code UTC} (the seed's), none of this arises.
 *
 * <p>This small parser is ours rather than cron-utils: the five standard fields are all a playbook
 * needs, and {@code core} stays free of another dependency. Instances are immutable; two schedules
 * are equal when their normalized expressions are and their zones have the same rules.
 */
public final class Schedule {
  private static final int[] MINUTE_STEPS = {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30};
  private static final int[] HOUR_STEPS = {1, 2, 3, 4, 6, 8, 12};

  /** Searching further than this many years means the expression never fires. */
  private static final int SEARCH_YEARS = 9;

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

  /**
   * The first time strictly after {@code after} at which the schedule fires, in its zone; across
   * daylight-saving changes as described on this class.
   */
  public ZonedDateTime next(ZonedDateTime after) {
    Objects.requireNonNull(after, "after");
    Instant limit = after.toInstant();
    ZoneRules rules = zone.getRules();
    // Walk the time line one stretch of constant offset at a time: within a stretch local time
    // and instants correspond one to one, so the first matching local time is the answer.
    Instant from = limit;
    LocalDateTime searchAfter = LocalDateTime.ofInstant(limit, rules.getOffset(limit));
    Instant horizon = limit.atZone(zone).plusYears(SEARCH_YEARS).toInstant();
    while (from.isBefore(horizon)) {
      ZoneOffset offset = rules.getOffset(from);
      ZoneOffsetTransition end = rules.nextTransition(from);
      ZoneOffsetTransition start = rules.previousTransition(from.plusNanos(1));
      LocalDateTime localEnd = end == null ? null : end.getDateTimeBefore();
      // Fixed-time jobs do not run again in the repeated local hour after a fall back.
      LocalDateTime repeatsUntil =
          cron.fixedTime()
                  && start != null
                  && start.isOverlap()
                  && !from.isBefore(start.getInstant())
              ? start.getDateTimeBefore()
              : null;
      LocalDateTime local = searchAfter;
      while (true) {
        local = cron.nextLocal(local);
        if (localEnd != null && !local.isBefore(localEnd)) {
          break;
        }
        Instant at = local.toInstant(offset);
        // (A historical offset change at an odd second can put a minute before the stretch.)
        if (!at.isAfter(limit) || (repeatsUntil != null && local.isBefore(repeatsUntil))) {
          continue;
        }
        return ZonedDateTime.ofInstant(at, zone);
      }
      // Fixed-time jobs whose local time falls in a spring-forward gap run right after it.
      LocalDateTime gapStart = end.getDateTimeBefore();
      if (end.isGap()
          && cron.fixedTime()
          && cron.nextLocal(gapStart.minusMinutes(1)).isBefore(end.getDateTimeAfter())) {
        return ZonedDateTime.ofInstant(end.getInstant(), zone);
      }
      from = end.getInstant();
      searchAfter = end.getDateTimeAfter().minusMinutes(1);
    }
    // Cannot happen for an expression that parse() accepted, but a wildcard schedule could in
    // principle match only local times that every year's gap removes.
    throw new IllegalStateException(
        "cron '" + cron.canonical() + "' in " + zone + " does not fire after " + after);
  }

  /**
   * Whether the schedule fires at the minute that holds {@code time}: whether {@link
   * #next(ZonedDateTime)} from just before that minute is that minute. So it agrees with {@code
   * next} across daylight-saving changes.
   */
  public boolean firesAt(ZonedDateTime time) {
    Objects.requireNonNull(time, "time");
    Instant minute = time.toInstant().truncatedTo(ChronoUnit.MINUTES);
    return next(minute.minusNanos(1)).equals(minute);
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
