package io.github.aiplaybooks.core.playbook;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) as Vixie cron
 * reads it: {@code *}, numbers, ranges {@code a-b}, steps {@code *}{@code /n} and {@code a-b/n},
 * lists {@code a,b}, month names {@code JAN}–{@code DEC} and day names {@code SUN}–{@code SAT} (any
 * case), Sunday as 0 or 7; and the macros {@code @hourly @daily @midnight @weekly @monthly @yearly
 * @annually}. When both day fields are restricted a day matches if either matches.
 */
final class CronExpression {
  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly", "0 * * * *",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@weekly", "0 0 * * 0",
          "@monthly", "0 0 1 * *",
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *");
  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  private static final String[] FIELD_NAMES = {
    "minute", "hour", "day of month", "month", "day of week"
  };
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 7};

  /** Searching further than this many years means the expression never fires. */
  private static final int SEARCH_YEARS = 9;

  private final String canonical;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;
  private final boolean fixedTime;

  private CronExpression(
      String canonical, BitSet[] fields, boolean dom, boolean dow, boolean fixedTime) {
    this.canonical = canonical;
    this.minutes = fields[0];
    this.hours = fields[1];
    this.daysOfMonth = fields[2];
    this.months = fields[3];
    this.daysOfWeek = fields[4];
    this.domRestricted = dom;
    this.dowRestricted = dow;
    this.fixedTime = fixedTime;
  }

  /**
   * Parses an expression.
   *
   * @throws ScheduleException naming the field and what was expected
   */
  static CronExpression parse(String expression) {
    String text = expression.strip();
    String macro = MACROS.get(text.toLowerCase(Locale.ROOT));
    if (macro != null) {
      text = macro;
    } else if (text.startsWith("@")) {
      throw new ScheduleException(
          expression,
          "unknown macro '" + text + "'; expected one of " + Names.list(MACROS.keySet()));
    }
    String[] fields = text.split("[ \\t]+");
    if (fields.length != 5) {
      throw new ScheduleException(
          expression,
          "expected 5 fields (minute hour day-of-month month day-of-week), found " + fields.length);
    }
    BitSet[] sets = new BitSet[5];
    StringBuilder canonical = new StringBuilder();
    for (int f = 0; f < 5; f++) {
      sets[f] = new BitSet(MAX[f] + 1);
      String normalized = parseField(expression, f, fields[f], sets[f]);
      canonical.append(f == 0 ? "" : " ").append(normalized);
    }
    if (sets[4].get(7)) {
      sets[4].set(0);
      sets[4].clear(7);
    }
    // As in Vixie cron, a day field that starts with '*' (also '*/2') does not restrict.
    boolean dom = !fields[2].startsWith("*");
    boolean dow = !fields[4].startsWith("*");
    // As in Vixie cron, a job is "fixed-time" unless its minute or hour field starts with '*'.
    boolean fixed = !fields[0].startsWith("*") && !fields[1].startsWith("*");
    CronExpression cron = new CronExpression(canonical.toString(), sets, dom, dow, fixed);
    if (!cron.canFire()) {
      throw new ScheduleException(
          expression, "never fires: no month it allows has the days of month it names");
    }
    return cron;
  }

  private static String parseField(String expression, int f, String field, BitSet set) {
    StringBuilder normalized = new StringBuilder();
    for (String item : field.split(",", -1)) {
      if (item.isEmpty()) {
        throw fieldError(expression, f, "an empty list item");
      }
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(expression, f, item.substring(slash + 1), "a step");
        if (step < 1 || step > MAX[f]) {
          throw fieldError(expression, f, "a step from 1 to " + MAX[f] + ", found " + step);
        }
      }
      int from;
      int to;
      String normalizedRange;
      if (range.equals("*")) {
        from = MIN[f];
        to = f == 4 ? 6 : MAX[f];
        normalizedRange = "*";
      } else {
        int dash = range.indexOf('-');
        from = value(expression, f, dash < 0 ? range : range.substring(0, dash));
        to =
            dash < 0
                ? (slash >= 0 ? (f == 4 ? 6 : MAX[f]) : from)
                : value(expression, f, range.substring(dash + 1));
        if (to < from) {
          throw fieldError(expression, f, "a range from low to high, found " + range);
        }
        normalizedRange = dash < 0 ? String.valueOf(from) : from + "-" + to;
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
      normalized.append(normalized.length() == 0 ? "" : ",").append(normalizedRange);
      if (slash >= 0) {
        normalized.append('/').append(step);
      }
    }
    return normalized.toString();
  }

  private static int value(String expression, int f, String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    String[] names = f == 3 ? MONTHS : f == 4 ? DAYS : null;
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(upper)) {
          return f == 3 ? i + 1 : i;
        }
      }
    }
    int v = number(expression, f, text, "a value");
    if (v < MIN[f] || v > MAX[f]) {
      throw fieldError(
          expression, f, "a value from " + MIN[f] + " to " + MAX[f] + ", found " + text);
    }
    return v;
  }

  private static int number(String expression, int f, String text, String what) {
    if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      String names = f == 3 ? " or JAN-DEC" : f == 4 ? " or SUN-SAT" : "";
      throw fieldError(expression, f, what + " (a number" + names + "), found '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  private static ScheduleException fieldError(String expression, int f, String expected) {
    return new ScheduleException(
        expression, "the " + FIELD_NAMES[f] + " field expects " + expected);
  }

  private boolean canFire() {
    if (!domRestricted || dowRestricted) {
      return true;
    }
    for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
      int longest = Month.of(m).maxLength();
      if (daysOfMonth.nextSetBit(1) <= longest) {
        return true;
      }
    }
    return false;
  }

  /** The first local time strictly after {@code after} (truncated to minutes) that matches. */
  LocalDateTime nextLocal(LocalDateTime after) {
    LocalDateTime t = after.withSecond(0).withNano(0).plusMinutes(1);
    LocalDateTime limit = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t;
      }
    }
    // Cannot happen for an expression that parse() accepted.
    throw new IllegalStateException("cron '" + canonical + "' does not fire after " + after);
  }

  boolean matches(LocalDateTime t) {
    return months.get(t.getMonthValue())
        && dayMatches(t.toLocalDate())
        && hours.get(t.getHour())
        && minutes.get(t.getMinute());
  }

  private boolean dayMatches(LocalDate d) {
    boolean dom = daysOfMonth.get(d.getDayOfMonth());
    boolean dow = daysOfWeek.get(d.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  /**
   * Whether neither the minute nor the hour field starts with {@code *}: Vixie cron's "fixed-time"
   * jobs, which run once across a daylight-saving change; other ("wildcard") jobs follow the wall
   * clock.
   */
  boolean fixedTime() {
    return fixedTime;
  }

  BitSet daysOfWeek() {
    return dowRestricted ? (BitSet) daysOfWeek.clone() : null;
  }

  /** The expression with names replaced by numbers and single spaces between fields. */
  String canonical() {
    return canonical;
  }
}
