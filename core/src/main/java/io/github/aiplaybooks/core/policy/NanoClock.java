package io.github.aiplaybooks.core.policy;

import java.time.Clock;
import java.util.Objects;

/**
 * Now, in nanoseconds since 1970: the time a {@link SlidingWindowRateLimiter} reads, injected like
 * a {@link Clock} but without making an {@link java.time.Instant} per call. {@link #of(Clock)}
 * adapts any clock (the usual choice, and what the {@link PolicyEngine} uses); an application that
 * counts at high rates may give a cheaper source of its own.
 *
 * <pre>{@code
 * SlidingWindowRateLimiter limiter = SlidingWindowRateLimiter.builder(Rate.parse("5 per hour"))
 *     .clock(NanoClock.of(clock))
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and should not step back; a limiter copes if they do (see
 * {@link RateLimitStore}).
 */
@FunctionalInterface
public interface NanoClock {

  /** Now, in nanoseconds since 1970-01-01T00:00:00Z. */
  long epochNanos();

  /** {@code clock}'s instant in nanoseconds (clamped beyond about 292 years from 1970). */
  static NanoClock of(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new NanoClock() {
      @Override
      public long epochNanos() {
        return EpochNanos.of(clock.instant());
      }

      @Override
      public String toString() {
        return "NanoClock[" + clock + "]";
      }
    };
  }
}
