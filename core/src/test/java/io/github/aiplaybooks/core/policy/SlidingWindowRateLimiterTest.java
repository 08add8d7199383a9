package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {
  static final Instant T0 = Instant.parse("2024-01-02T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final SlidingWindowRateLimiter fivePerHour =
      SlidingWindowRateLimiter.builder(Rate.parse("5 per hour")).clock(clock).build();

  private RateLimitReservation take(String key) {
    return fivePerHour
        .tryReserve(key)
        .orElseThrow(() -> new AssertionError("refused at " + clock.instant()));
  }

  @Test
  void admitsExactlyTheCountInAnyWindow() {
    for (int i = 0; i < 5; i++) {
      take("k").confirm();
      clock.advance(Duration.ofMinutes(10));
    }
    // 10:50: slots at 10:00 .. 10:40 count.
    assertThat(fivePerHour.tryReserve("k")).isEmpty();
    assertThat(fivePerHour.held("k")).isEqualTo(5);
    assertThat(fivePerHour.availableAt("k")).isEqualTo(T0.plus(Duration.ofHours(1)));
    // The window is (t - 1h, t]: at exactly 11:00 the 10:00 slot has left it.
    clock.set(T0.plus(Duration.ofHours(1)).minusNanos(1));
    assertThat(fivePerHour.tryReserve("k")).isEmpty();
    clock.set(T0.plus(Duration.ofHours(1)));
    assertThat(fivePerHour.availableAt("k")).isEqualTo(clock.instant());
    take("k").confirm();
    assertThat(fivePerHour.tryReserve("k")).isEmpty();
    assertThat(fivePerHour.availableAt("k")).isEqualTo(T0.plus(Duration.ofMinutes(70)));
  }

  @Test
  void keysAreCountedApart() {
    for (int i = 0; i < 5; i++) {
      take("a");
    }
    assertThat(fivePerHour.tryReserve("a")).isEmpty();
    assertThat(fivePerHour.tryReserve("b")).isPresent();
  }

  @Test
  void lookingTakesNothing() {
    for (int i = 0; i < 100; i++) {
      assertThat(fivePerHour.availableAt("k")).isEqualTo(T0);
    }
    assertThat(fivePerHour.held("k")).isZero();
  }

  @Test
  void releasingGivesTheSlotBackAndConfirmingKeepsIt() {
    List<RateLimitReservation> slots = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      slots.add(take("k"));
    }
    slots.get(0).confirm();
    slots.get(1).release();
    slots.get(1).release(); // twice is fine
    assertThat(slots.get(1).isReleased()).isTrue();
    assertThat(fivePerHour.held("k")).isEqualTo(4);
    RateLimitReservation again = take("k");
    assertThat(fivePerHour.tryReserve("k")).isEmpty();

    assertThatThrownBy(() -> slots.get(0).release())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was confirmed");
    assertThatThrownBy(() -> slots.get(1).confirm())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was released");
    slots.get(0).confirm(); // twice is fine
    assertThat(again.toString()).isEqualTo("k@" + T0 + " held");
  }

  @Test
  void closeReleasesUnlessConfirmed() {
    try (RateLimitReservation r = take("k")) {
      r.confirm();
    }
    try (RateLimitReservation r = take("k")) {
      assertThat(r.isCounted()).isTrue();
      // the action failed: not confirmed
    }
    assertThat(fivePerHour.held("k")).isEqualTo(1);
  }

  @Test
  void anUnconfirmedReservationCountsUntilItsWindowPasses() {
    for (int i = 0; i < 5; i++) {
      take("k"); // a caller that crashed: never confirmed nor released
    }
    clock.advance(Duration.ofMinutes(59));
    assertThat(fivePerHour.tryReserve("k")).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(fivePerHour.tryReserve("k")).isPresent();
  }

  @Test
  void aClockThatStepsBackFreesNothingEarly() {
    take("k").confirm();
    clock.advance(Duration.ofMinutes(30));
    for (int i = 0; i < 4; i++) {
      take("k").confirm();
    }
    // The clock steps back two hours: the limiter keeps to the latest instant it has seen.
    clock.set(T0.minus(Duration.ofHours(2)));
    assertThat(fivePerHour.tryReserve("k")).isEmpty();
    assertThat(fivePerHour.held("k")).isEqualTo(5);
    assertThat(fivePerHour.availableAt("k")).isEqualTo(T0.plus(Duration.ofHours(1)));
    // Once the clock is past the first slot's window, that slot is free again.
    clock.set(T0.plus(Duration.ofHours(1)));
    RateLimitReservation r = take("k");
    assertThat(r.at()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void aReservationMadeWhileTheClockIsBehindCountsFromTheLatestInstant() {
    take("k");
    clock.set(T0.plus(Duration.ofMinutes(20)));
    take("k");
    clock.set(T0.plus(Duration.ofMinutes(5))); // back
    RateLimitReservation r = take("k");
    assertThat(r.at()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
  }

  @Test
  void historyIsRecordedInAnyOrderWhetherOrNotItFits() {
    fivePerHour.record("k", T0.minus(Duration.ofMinutes(10)));
    fivePerHour.record("k", T0.minus(Duration.ofMinutes(50)));
    fivePerHour.record("k", T0.minus(Duration.ofMinutes(30)));
    fivePerHour.record("k", T0.minus(Duration.ofHours(3))); // long gone: ignored
    assertThat(fivePerHour.held("k")).isEqualTo(3);
    for (int i = 0; i < 4; i++) {
      fivePerHour.record("k", T0.minus(Duration.ofMinutes(5)));
    }
    assertThat(fivePerHour.held("k")).isEqualTo(7);
    // Two slots must leave before one is free: the 10:10 one (the third oldest after 09:10, 09:30).
    assertThat(fivePerHour.availableAt("k")).isEqualTo(T0.plus(Duration.ofMinutes(50)));
  }

  @Test
  void aRateOfZeroAdmitsNothingEver() {
    SlidingWindowRateLimiter none =
        SlidingWindowRateLimiter.builder(Rate.parse("0 per hour")).clock(clock).build();
    assertThat(none.tryReserve("k")).isEmpty();
    assertThat(none.availableAt("k")).isEqualTo(Instant.MAX);
  }

  @Test
  void explicitInstantsNeedNoClock() {
    SlidingWindowRateLimiter two = SlidingWindowRateLimiter.of(Rate.parse("2 per 10m"));
    assertThat(two.rate()).isEqualTo(new Rate(2, Duration.ofMinutes(10)));
    assertThat(two.tryReserve("k", T0)).isPresent();
    assertThat(two.tryReserve("k", T0.plusSeconds(1))).isPresent();
    Optional<RateLimitReservation> third = two.tryReserve("k", T0.plusSeconds(2));
    assertThat(third).isEmpty();
    assertThat(two.availableAt("k", T0.plusSeconds(2))).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(two.held("k", T0.plus(Duration.ofMinutes(10)))).isEqualTo(1);
    assertThat(two).hasToString("SlidingWindowRateLimiter[2 per 10m]");
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyCountsOnce() {
    RateLimitReservation first = fivePerHour.tryReserve("k", "incident-42/step-6").orElseThrow();
    clock.advance(Duration.ofMinutes(5));
    RateLimitReservation retry = fivePerHour.tryReserve("k", "incident-42/step-6").orElseThrow();
    assertThat(retry.at()).as("the same slot, from when it was first taken").isEqualTo(T0);
    assertThat(fivePerHour.held("k")).isEqualTo(1);
    // Two holders share it now: neither can give it back.
    retry.release();
    first.release();
    assertThat(fivePerHour.held("k")).isEqualTo(1);
    // Other executions (other idempotency keys, or none) each take a slot of their own.
    fivePerHour.tryReserve("k", "incident-42/step-7").orElseThrow().confirm();
    for (int i = 0; i < 3; i++) {
      take("k").confirm();
    }
    assertThat(fivePerHour.tryReserve("k", "incident-43/step-6")).isEmpty();
    assertThat(fivePerHour.tryReserve("k", "incident-42/step-6"))
        .as("the full window still has this execution's slot")
        .isPresent();
    // The same idempotency key on another rate-limit key is another execution.
    assertThat(fivePerHour.tryReserve("other", "incident-42/step-6")).isPresent();
    assertThat(fivePerHour.held("other")).isEqualTo(1);
    // Once its slot left the window, a retry is a new execution.
    clock.set(T0.plus(Duration.ofHours(1)));
    assertThat(fivePerHour.tryReserve("k", "incident-42/step-6").orElseThrow().at())
        .isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThatThrownBy(() -> fivePerHour.tryReserve("k", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idempotencyKey: must not be blank");
  }

  @Test
  void instantsFromTheFutureAreRefused() {
    assertThatThrownBy(() -> fivePerHour.tryReserve("k", Instant.parse("2500-01-01T00:00:00Z")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("is after the clock's now");
  }

  @Test
  void theInMemoryStoreDropsKeysWhoseWindowsEmptied() {
    InMemoryRateLimitStore store = new InMemoryRateLimitStore();
    SlidingWindowRateLimiter perTarget =
        SlidingWindowRateLimiter.builder(Rate.parse("1 per minute"))
            .store(store)
            .clock(clock)
            .build();
    for (int i = 0; i < 5000; i++) {
      perTarget.tryReserve("target-" + i).orElseThrow().confirm();
      clock.advance(Duration.ofSeconds(1));
    }
    // Keys whose only slot left its window are dropped as new keys arrive.
    assertThat(store.keys()).isLessThan(2100);
    // A dropped key starts over; a key still in its window still counts.
    assertThat(perTarget.tryReserve("target-0")).isPresent();
    assertThat(perTarget.tryReserve("target-4999")).isEmpty();
  }
}
