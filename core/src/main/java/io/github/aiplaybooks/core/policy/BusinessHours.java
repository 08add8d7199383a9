package io.github.aiplaybooks.core.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The weekly hours a team is at work, from which the engine computes the fact {@code off_hours}: an
 * instant is in business hours when, in {@link #zone()}, it falls in the shift that starts on one
 * of {@link #days()} at {@link #start()} (inclusive) and ends at {@link #end()} (exclusive); at any
 * other time it is off hours.
 *
 * <ul>
 *   <li>{@code start} before {@code end}: the shift lies within its day, such as 09:00 to 17:00.
 *   <li>{@code start} after {@code end}: an <b>overnight</b> shift, which ends on the next day:
 *       22:00 to 06:00 on {@code MON-FRI} covers Monday 22:00 to Tuesday 06:00, ..., Friday 22:00
 *       to Saturday 06:00 (so Monday 00:00 to 06:00 is off hours, and Saturday 00:00 to 06:00 is
 *       not).
 *   <li>{@code start} equal to {@code end}: a shift of <b>24 hours</b>. With 00:00 to 00:00 (in a
 *       policy's JSON also {@code "start": "00:00", "end": "24:00"}) every hour of each business
 *       day is business hours; on all seven days, {@code off_hours} is never true.
 * </ul>
 *
 * <p>Local times are read in the zone at each instant, so across a daylight-saving change a shift
 * is as long as the wall clock says. {@link #defaults()} is Monday to Friday, 09:00 to 17:00,
 * <b>UTC</b>; a policy that declares no {@code business_hours} uses it and says so (see {@link
 * Policy#warnings()}). Public holidays are not known: declare {@code off_hours} as a trusted fact
 * where they matter.
 *
 * <pre>{@code
 * BusinessHours berlin = BusinessHours.builder()
 *     .days(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
 *     .hours(LocalTime.of(8, 0), LocalTime.of(18, 0))
 *     .zone(ZoneId.of("Europe/Berlin"))
 *     .build();
 * berlin.isOffHours(Instant.parse("2024-01-06T10:00:00Z"));  // true: a Saturday
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #isOffHours} does not allocate.
 */
public final class BusinessHours {
  private static final BusinessHours DEFAULTS =
      new BusinessHours(
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
          LocalTime.of(9, 0),
          LocalTime.of(17, 0),
          ZoneOffset.UTC);

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Set<DayOfWeek> days;
  private final LocalTime start;
  private final LocalTime end;
  private final ZoneId zone;

  /** Bit {@code d.ordinal()} is set for each business day. */
  private final int dayMask;

  private final long startNanos;
  private final long endNanos;

  /** The zone's fixed offset in seconds, or {@link Integer#MIN_VALUE} when it has rules. */
  private final int fixedOffset;

  private BusinessHours(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
    this.days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    this.start = start;
    this.end = end;
    this.zone = zone;
    int mask = 0;
    for (DayOfWeek d : days) {
      mask |= 1 << d.ordinal();
    }
    this.dayMask = mask;
    this.startNanos = start.toNanoOfDay();
    this.endNanos = end.toNanoOfDay();
    ZoneId normalized = zone.normalized();
    this.fixedOffset =
        normalized instanceof ZoneOffset
            ? ((ZoneOffset) normalized).getTotalSeconds()
            : Integer.MIN_VALUE;
  }

  /** Monday to Friday, 09:00 to 17:00, UTC. */
  public static BusinessHours defaults() {
    return DEFAULTS;
  }

  /** A builder that starts with {@link #defaults()}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /** A builder that starts with these hours. */
  public Builder toBuilder() {
    return new Builder(days, start, end, zone);
  }

  /** The business days. */
  public Set<DayOfWeek> days() {
    return days;
  }

  /** When business hours start on a business day, inclusive. */
  public LocalTime start() {
    return start;
  }

  /**
   * When business hours end, exclusive: on the same day if after {@link #start()}, else on the next
   * day (an overnight or, if equal, a 24-hour shift).
   */
  public LocalTime end() {
    return end;
  }

  /** The zone the days and hours are read in. */
  public ZoneId zone() {
    return zone;
  }

  /** Whether {@code at} is in business hours. */
  public boolean isBusinessHours(Instant at) {
    int offset =
        fixedOffset != Integer.MIN_VALUE
            ? fixedOffset
            : zone.getRules().getOffset(at).getTotalSeconds();
    long local = at.getEpochSecond() + offset;
    long epochDay = Math.floorDiv(local, SECONDS_PER_DAY);
    // 1970-01-01 was a Thursday, whose ordinal is 3.
    int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L);
    long nanoOfDay = Math.floorMod(local, SECONDS_PER_DAY) * NANOS_PER_SECOND + at.getNano();
    if (startNanos < endNanos) {
      return (dayMask & (1 << dayOfWeek)) != 0 && nanoOfDay >= startNanos && nanoOfDay < endNanos;
    }
    // An overnight (or 24-hour) shift: from start on a business day to end on the next day.
    int previousDay = dayOfWeek == 0 ? 6 : dayOfWeek - 1;
    return ((dayMask & (1 << dayOfWeek)) != 0 && nanoOfDay >= startNanos)
        || ((dayMask & (1 << previousDay)) != 0 && nanoOfDay < endNanos);
  }

  /** Whether {@code at} is outside business hours: the fact {@code off_hours}. */
  public boolean isOffHours(Instant at) {
    return !isBusinessHours(at);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof BusinessHours)) {
      return false;
    }
    BusinessHours h = (BusinessHours) o;
    return days.equals(h.days) && start.equals(h.start) && end.equals(h.end) && zone.equals(h.zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(days, start, end, zone);
  }

  /**
   * {@code MON-FRI 09:00-17:00 Z}; an end at midnight is written {@code 24:00}, so {@code MON-SUN
   * 00:00-24:00 Z} is every hour.
   */
  @Override
  public String toString() {
    return describeDays(days)
        + " "
        + start
        + "-"
        + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString())
        + " "
        + zone;
  }

  private static String describeDays(Set<DayOfWeek> days) {
    List<DayOfWeek> list = new ArrayList<>(days);
    boolean contiguous =
        list.size() > 1
            && list.get(list.size() - 1).ordinal() - list.get(0).ordinal() == list.size() - 1;
    if (contiguous) {
      return abbreviation(list.get(0)) + "-" + abbreviation(list.get(list.size() - 1));
    }
    List<String> names = new ArrayList<>();
    list.forEach(d -> names.add(abbreviation(d)));
    return String.join(",", names);
  }

  private static String abbreviation(DayOfWeek d) {
    return d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
  }

  /** Builds {@link BusinessHours}. Not thread-safe. */
  public static final class Builder {
    private Set<DayOfWeek> days;
    private LocalTime start;
    private LocalTime end;
    private ZoneId zone;

    private Builder(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
      this.days = EnumSet.copyOf(days);
      this.start = start;
      this.end = end;
      this.zone = zone;
    }

    /**
     * Sets the business days.
     *
     * @throws IllegalArgumentException if {@code days} is empty
     */
    public Builder days(Set<DayOfWeek> days) {
      Objects.requireNonNull(days, "days");
      if (days.isEmpty()) {
        throw new IllegalArgumentException("days: need at least one business day");
      }
      this.days = EnumSet.copyOf(days);
      return this;
    }

    /**
     * Sets when business hours start on a business day (inclusive) and end (exclusive): later the
     * same day, or, if {@code end} is not after {@code start}, on the next day (an overnight shift
     * such as 22:00 to 06:00; equal times make a shift of 24 hours, such as 00:00 to 00:00).
     */
    public Builder hours(LocalTime start, LocalTime end) {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      this.start = start;
      this.end = end;
      return this;
    }

    /** Sets the zone the days and hours are read in. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The business hours. */
    public BusinessHours build() {
      return new BusinessHours(days, start, end, zone);
    }
  }
}
