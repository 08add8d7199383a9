package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Instant;

/** Instants as nanoseconds since 1970, for rate-limit arithmetic without allocation. */
final class EpochNanos {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EpochNanos() {}

  /** The longest a second count can be without overflowing nanoseconds. */
  private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND - 1;

  /**
   * {@code at} in nanoseconds since 1970, clamped to {@link Long#MIN_VALUE} or {@link
   * Long#MAX_VALUE} when it is more than about 292 years from 1970 (no rate-limit window is that
   * long, so the clamp changes no count).
   */
  static long of(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds > MAX_SECONDS) {
      return Long.MAX_VALUE;
    }
    if (seconds < -MAX_SECONDS) {
      return Long.MIN_VALUE;
    }
    return seconds * NANOS_PER_SECOND + at.getNano();
  }

  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  /** {@code a + b}, saturating at {@link Long#MAX_VALUE}. */
  static long plus(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** {@code a - b} for {@code b >= 0}, saturating at {@link Long#MIN_VALUE}. */
  static long minus(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }

  /** The rate's window in nanoseconds, saturating for windows longer than about 292 years. */
  static long windowOf(Rate rate) {
    try {
      return rate.window().toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
