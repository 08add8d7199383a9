package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An exact sliding-window rate limit: {@code 5 per hour} admits at most 5 executions in any window
 * {@code (t - 1h, t]}, not about 5, and not 5 per clock hour. Each key ({@code pod_restarts}, or
 * {@code pod_restarts} of one deployment) is counted apart.
 *
 * <p>An execution is counted through a {@link RateLimitReservation}: {@link #tryReserve} takes a
 * slot if the window has room (atomically, so concurrent callers never overshoot), and the caller
 * {@linkplain RateLimitReservation#confirm() confirms} it once the action ran or {@linkplain
 * RateLimitReservation#release() releases} it if it did not. {@link #availableAt} only looks.
 *
 * <pre>{@code
 * SlidingWindowRateLimiter restarts = SlidingWindowRateLimiter.builder(Rate.parse("5 per hour"))
 *     .clock(clock)
 *     .build();
 * Optional<RateLimitReservation> slot = restarts.tryReserve("pod_restarts");
 * if (slot.isPresent()) {
 *   restartPod();
 *   slot.get().confirm();
 * } else {
 *   Instant retry = restarts.availableAt("pod_restarts");
 * }
 * }</pre>
 *
 * <p>Time comes from the injected {@link Clock}, or is given. The counts live in a {@link
 * RateLimitStore}, which also defines what happens when the clock steps back: time is taken to be
 * the latest instant seen, so no slot is ever freed early. Thread-safe.
 */
public final class SlidingWindowRateLimiter {
  private final Rate rate;
  private final RateLimitStore store;
  private final Clock clock;

  private SlidingWindowRateLimiter(Builder b) {
    this.rate = b.rate;
    this.store = b.store != null ? b.store : new InMemoryRateLimitStore();
    this.clock = b.clock;
  }

  /** A limiter of {@code rate} with its own in-memory store and the system clock (UTC). */
  public static SlidingWindowRateLimiter of(Rate rate) {
    return builder(rate).build();
  }

  /** A builder for a limiter of {@code rate}. */
  public static Builder builder(Rate rate) {
    return new Builder(rate);
  }

  /** The limit. */
  public Rate rate() {
    return rate;
  }

  /** Takes a slot of {@code key} now, by the clock, if the window has room. */
  public Optional<RateLimitReservation> tryReserve(String key) {
    return tryReserve(key, clock.instant());
  }

  /**
   * Takes a slot of {@code key} at {@code at} if the window has room; empty if it has none.
   *
   * @throws IllegalArgumentException if {@code at} is more than about 292 years from 1970
   */
  public Optional<RateLimitReservation> tryReserve(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    RateLimitStore.Admission a = store.tryAdmit(key, rate, at);
    if (!a.admitted()) {
      return Optional.empty();
    }
    return Optional.of(new RateLimitReservation(store, key, a.slot(), a.at()));
  }

  /**
   * When {@code key} can next admit, by the clock: now itself if it can now, the instant a slot
   * frees up if it cannot, or {@link Instant#MAX} for a limit of zero. Takes nothing.
   */
  public Instant availableAt(String key) {
    return availableAt(key, clock.instant());
  }

  /**
   * When {@code key} can next admit, from {@code at}: {@code at} itself if it can at {@code at}.
   */
  public Instant availableAt(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    return store.availableAt(key, rate, at);
  }

  /** How many executions of {@code key} count in the window ending now, by the clock. */
  public int held(String key) {
    return held(key, clock.instant());
  }

  /** How many executions of {@code key} count in the window ending at {@code at}. */
  public int held(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    return store.held(key, rate, at);
  }

  /**
   * Adds an execution of {@code key} that already happened at {@code at}, whether or not the window
   * had room: to load a history.
   */
  public void record(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    store.record(key, rate, at);
  }

  @Override
  public String toString() {
    return "SlidingWindowRateLimiter[" + rate + "]";
  }

  /** Builds a {@link SlidingWindowRateLimiter}. Not thread-safe. */
  public static final class Builder {
    private final Rate rate;
    private RateLimitStore store;
    private Clock clock = Clock.systemUTC();

    private Builder(Rate rate) {
      this.rate = Objects.requireNonNull(rate, "rate");
    }

    /** Sets where counts are kept; a new {@link InMemoryRateLimitStore} unless set. */
    public Builder store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Sets the clock; {@link Clock#systemUTC()} unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The limiter. */
    public SlidingWindowRateLimiter build() {
      return new SlidingWindowRateLimiter(this);
    }
  }
}
