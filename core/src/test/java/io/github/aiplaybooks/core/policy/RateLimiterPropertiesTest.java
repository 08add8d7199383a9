package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

/**
 * Property (a) of the issue: for random schedules, clocks (also stepping back) and interleavings of
 * reserve, confirm, release and look, a sliding-window limiter of N per W never holds more than N
 * slots in any window {@code (t - W, t]}, and refuses only when N slots do count, so it counts
 * exactly.
 */
class RateLimiterPropertiesTest {
  private static final Instant START = Instant.parse("2024-01-02T10:00:00Z");
  private static final List<String> KEYS = List.of("a", "b");

  /** One step of a schedule. */
  sealed interface Op permits Tick, Reserve, Confirm, Release, Look {}

  /** The clock moves by {@code millis}, which may be negative. */
  record Tick(long millis) implements Op {}

  record Reserve(int key) implements Op {}

  /** Confirms the {@code index}-th reservation taken (modulo how many there are). */
  record Confirm(int index) implements Op {}

  record Release(int index) implements Op {}

  record Look(int key) implements Op {}

  /** A reservation the test took, as the test saw it. */
  private record Taken(String key, RateLimitReservation reservation) {}

  @Property(tries = 400)
  void neverMoreThanTheCountInAnyWindowAndRefusesOnlyWhenFull(
      @ForAll @IntRange(min = 0, max = 4) int count,
      @ForAll @IntRange(min = 1, max = 20) int windowSeconds,
      @ForAll("schedules") List<Op> schedule) {
    Duration window = Duration.ofSeconds(windowSeconds);
    MutableClock clock = new MutableClock(START);
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.builder(new Rate(count, window)).clock(clock).build();
    List<Taken> taken = new ArrayList<>();
    Map<String, Instant> latestGiven = new HashMap<>();

    for (Op op : schedule) {
      if (op instanceof Tick) {
        clock.advance(Duration.ofMillis(((Tick) op).millis()));
      } else if (op instanceof Reserve) {
        String key = KEYS.get(((Reserve) op).key());
        Instant now = clock.instant();
        Instant effective = latestGiven.merge(key, now, (a, b) -> a.isAfter(b) ? a : b);
        Optional<RateLimitReservation> r = limiter.tryReserve(key);
        long counting = counting(taken, key, effective, window);
        if (r.isPresent()) {
          assertThat(r.get().at()).as("time never runs backwards").isEqualTo(effective);
          assertThat(counting).as("admitted with room").isLessThan(count);
          taken.add(new Taken(key, r.get()));
        } else {
          assertThat(counting).as("refused only when full").isEqualTo(count);
        }
      } else if (op instanceof Confirm && !taken.isEmpty()) {
        RateLimitReservation r = taken.get(((Confirm) op).index() % taken.size()).reservation();
        if (!r.isReleased()) {
          r.confirm();
        }
      } else if (op instanceof Release && !taken.isEmpty()) {
        RateLimitReservation r = taken.get(((Release) op).index() % taken.size()).reservation();
        if (!r.isConfirmed()) {
          r.release();
        }
      } else if (op instanceof Look) {
        String key = KEYS.get(((Look) op).key());
        Instant now = clock.instant();
        Instant available = limiter.availableAt(key, now);
        Instant effective = latestGiven.getOrDefault(key, now);
        effective = effective.isAfter(now) ? effective : now;
        long counting = counting(taken, key, effective, window);
        if (counting < count) {
          assertThat(available).as("a slot is free now").isEqualTo(now);
        } else {
          assertThat(available).as("full, so a later instant").isAfter(now);
          if (count > 0) {
            // Once the clock reaches it, a slot is free.
            assertThat(counting(taken, key, available, window)).isLessThan(count);
          }
        }
      }
      for (String key : KEYS) {
        assertAtMostCountInEveryWindow(taken, key, count, window);
      }
    }
  }

  /** How many slots of {@code key} that are not released lie in {@code (at - window, at]}. */
  private static long counting(List<Taken> taken, String key, Instant at, Duration window) {
    Instant from = at.minus(window);
    return taken.stream()
        .filter(t -> t.key().equals(key) && !t.reservation().isReleased())
        .map(t -> t.reservation().at())
        .filter(i -> i.isAfter(from) && !i.isAfter(at))
        .count();
  }

  private static void assertAtMostCountInEveryWindow(
      List<Taken> taken, String key, int count, Duration window) {
    List<Instant> at =
        taken.stream()
            .filter(t -> t.key().equals(key) && !t.reservation().isReleased())
            .map(t -> t.reservation().at())
            .sorted()
            .toList();
    // The fullest window ends at some slot: check the window ending at each.
    for (int end = 0, start = 0; end < at.size(); end++) {
      while (!at.get(start).isAfter(at.get(end).minus(window))) {
        start++;
      }
      assertThat(end - start + 1)
          .as("slots of %s in the window ending %s: %s", key, at.get(end), at)
          .isLessThanOrEqualTo(count);
    }
  }

  @Provide
  Arbitrary<List<Op>> schedules() {
    Arbitrary<Long> forward = Arbitraries.longs().between(0, 3_000);
    Arbitrary<Long> jump = Arbitraries.longs().between(0, 25_000);
    Arbitrary<Long> back = Arbitraries.longs().between(-30_000, -1);
    Arbitrary<Long> millis =
        Arbitraries.frequencyOf(weight(6, forward), weight(2, jump), weight(1, back));
    Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.size() - 1);
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 1000);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            weight(4, millis.map(Tick::new)),
            weight(6, key.map(Reserve::new)),
            weight(2, index.map(Confirm::new)),
            weight(2, index.map(Release::new)),
            weight(2, key.map(Look::new)));
    return op.list().ofMaxSize(150);
  }

  private static <T> Tuple2<Integer, Arbitrary<? extends T>> weight(
      int weight, Arbitrary<? extends T> a) {
    return Tuple.of(weight, a);
  }
}
