package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {
  private final BusinessHours defaults = BusinessHours.defaults();

  @Test
  void theDefaultsAreMondayToFridayNineToFiveUtc() {
    assertThat(defaults.days()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    assertThat(defaults.start()).isEqualTo(LocalTime.of(9, 0));
    assertThat(defaults.end()).isEqualTo(LocalTime.of(17, 0));
    assertThat(defaults.zone()).isEqualTo(ZoneId.of("Z"));
    assertThat(defaults).hasToString("MON-FRI 09:00-17:00 Z");
  }

  @Test
  void startIsInsideAndEndIsOutside() {
    assertThat(defaults.isOffHours(Instant.parse("2024-01-02T08:59:59.999999999Z"))).isTrue();
    assertThat(defaults.isOffHours(Instant.parse("2024-01-02T09:00:00Z"))).isFalse();
    assertThat(defaults.isOffHours(Instant.parse("2024-01-02T16:59:59.999Z"))).isFalse();
    assertThat(defaults.isOffHours(Instant.parse("2024-01-02T17:00:00Z"))).isTrue();
    assertThat(defaults.isOffHours(Instant.parse("2024-01-06T12:00:00Z"))).as("Saturday").isTrue();
    assertThat(defaults.isOffHours(Instant.parse("1969-12-31T12:00:00Z")))
        .as("Wednesday")
        .isFalse();
  }

  @Test
  void theZoneDecidesTheDayAndTheHour() {
    BusinessHours tokyo = BusinessHours.builder().zone(ZoneId.of("Asia/Tokyo")).build();
    // Friday 23:30 UTC is Saturday 08:30 in Tokyo.
    assertThat(tokyo.isOffHours(Instant.parse("2024-01-05T23:30:00Z"))).isTrue();
    // Monday 00:30 UTC is Monday 09:30 in Tokyo.
    assertThat(tokyo.isBusinessHours(Instant.parse("2024-01-08T00:30:00Z"))).isTrue();
  }

  @Test
  void theBuilderChecksItsArguments() {
    assertThatThrownBy(() -> BusinessHours.builder().days(Set.of()))
        .hasMessage("days: need at least one business day");
    assertThatThrownBy(() -> BusinessHours.builder().hours(null, LocalTime.NOON))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("start");
    BusinessHours odd =
        BusinessHours.builder().days(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY)).build();
    assertThat(odd.toString()).startsWith("MON,WED ");
    assertThat(odd.toBuilder().build()).isEqualTo(odd).hasSameHashCodeAs(odd);
  }

  @Test
  void anOvernightShiftRunsFromItsDayIntoTheNext() {
    BusinessHours nights =
        BusinessHours.builder()
            .days(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
            .hours(LocalTime.of(22, 0), LocalTime.of(6, 0))
            .build();
    assertThat(nights).hasToString("MON-FRI 22:00-06:00 Z");
    // 2024-01-01 is a Monday.
    assertThat(nights.isBusinessHours(Instant.parse("2024-01-01T05:59:59Z")))
        .as("Monday 05:59: no shift started on Sunday")
        .isFalse();
    assertThat(nights.isBusinessHours(Instant.parse("2024-01-01T21:59:59Z"))).isFalse();
    assertThat(nights.isBusinessHours(Instant.parse("2024-01-01T22:00:00Z"))).isTrue();
    assertThat(nights.isBusinessHours(Instant.parse("2024-01-02T05:59:59Z"))).isTrue();
    assertThat(nights.isBusinessHours(Instant.parse("2024-01-02T06:00:00Z"))).isFalse();
    assertThat(nights.isBusinessHours(Instant.parse("2024-01-06T05:00:00Z")))
        .as("Saturday 05:00 ends Friday's shift")
        .isTrue();
    assertThat(nights.isBusinessHours(Instant.parse("2024-01-06T22:00:00Z")))
        .as("Saturday 22:00 starts none")
        .isFalse();
  }

  @Test
  void equalStartAndEndMakeATwentyFourHourShift() {
    BusinessHours allWeek =
        BusinessHours.builder()
            .days(EnumSet.allOf(DayOfWeek.class))
            .hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)
            .build();
    assertThat(allWeek).hasToString("MON-SUN 00:00-24:00 Z");
    for (int h = 0; h < 24 * 7; h += 5) {
      assertThat(allWeek.isOffHours(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(h * 3600L)))
          .isFalse();
    }
    BusinessHours weekdays =
        BusinessHours.builder().hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).build();
    assertThat(weekdays.isBusinessHours(Instant.parse("2024-01-05T23:59:59Z"))).isTrue();
    assertThat(weekdays.isBusinessHours(Instant.parse("2024-01-06T00:00:00Z"))).isFalse();
    BusinessHours nineToNine =
        BusinessHours.builder()
            .days(EnumSet.of(DayOfWeek.MONDAY))
            .hours(LocalTime.of(9, 0), LocalTime.of(9, 0))
            .build();
    assertThat(nineToNine.isBusinessHours(Instant.parse("2024-01-02T08:59:00Z"))).isTrue();
    assertThat(nineToNine.isBusinessHours(Instant.parse("2024-01-02T09:00:00Z"))).isFalse();
  }

  /**
   * The fast arithmetic agrees with java.time, in zones with and without daylight saving, for
   * shifts within a day, overnight and of 24 hours.
   */
  @Property(tries = 3000)
  void agreesWithJavaTime(
      @ForAll("instants") Instant at,
      @ForAll("zones") ZoneId zone,
      @ForAll("days") Set<DayOfWeek> days,
      @ForAll("minutes") int startMinute,
      @ForAll("minutes") int endMinute) {
    LocalTime start = LocalTime.ofSecondOfDay(startMinute * 60L);
    LocalTime end = LocalTime.ofSecondOfDay(endMinute * 60L);
    BusinessHours hours = BusinessHours.builder().days(days).hours(start, end).zone(zone).build();
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    DayOfWeek today = local.getDayOfWeek();
    boolean expected;
    if (start.isBefore(end)) {
      expected = days.contains(today) && !time.isBefore(start) && time.isBefore(end);
    } else {
      expected =
          (days.contains(today) && !time.isBefore(start))
              || (days.contains(today.minus(1)) && time.isBefore(end));
    }
    assertThat(hours.isBusinessHours(at)).as("%s in %s (%s)", at, zone, local).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(-2_000_000_000L, 4_000_000_000L)
        .flatMap(
            s ->
                Arbitraries.integers()
                    .between(0, 999_999_999)
                    .map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
            "UTC",
            "Europe/Berlin",
            "America/New_York",
            "Asia/Kolkata",
            "+05:45",
            "Australia/Lord_Howe",
            "Pacific/Kiritimati")
        .map(ZoneId::of);
  }

  @Provide
  Arbitrary<Set<DayOfWeek>> days() {
    return Arbitraries.of(DayOfWeek.class).set().ofMinSize(1);
  }

  @Provide
  Arbitrary<Integer> minutes() {
    return Arbitraries.integers().between(0, 1439);
  }
}
