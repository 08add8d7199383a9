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
    assertThatThrownBy(() -> BusinessHours.builder().hours(LocalTime.NOON, LocalTime.NOON))
        .hasMessage("end: must be after start (12:00), was 12:00");
    BusinessHours odd =
        BusinessHours.builder().days(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY)).build();
    assertThat(odd.toString()).startsWith("MON,WED ");
    assertThat(odd.toBuilder().build()).isEqualTo(odd).hasSameHashCodeAs(odd);
  }

  /** The fast arithmetic agrees with java.time, in zones with and without daylight saving. */
  @Property(tries = 2000)
  void agreesWithJavaTime(
      @ForAll("instants") Instant at,
      @ForAll("zones") ZoneId zone,
      @ForAll("days") Set<DayOfWeek> days,
      @ForAll("minutes") int startMinute,
      @ForAll("minutes") int length) {
    LocalTime start = LocalTime.ofSecondOfDay(startMinute * 60L);
    LocalTime end =
        LocalTime.ofSecondOfDay(Math.min(86_399, startMinute * 60L + length * 60L + 60));
    BusinessHours hours = BusinessHours.builder().days(days).hours(start, end).zone(zone).build();
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    boolean expected =
        days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
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
    return Arbitraries.integers().between(0, 1438);
  }
}
