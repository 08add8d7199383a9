package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Instant;

/** Instants as nanoseconds since 1970, for rate-limit arithmetic without allocation. */
final class EpochNanos {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EpochNanos() {}

  /**
   * {@code at} in nanoseconds since 1970.
   *
   * @throws IllegalArgumentException if {@code at} is more than about 292 years from 1970
   */
  static long of(Instant at) {
    try {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS_PER_SECOND), at.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "at: " + at + " is too far from 1970 for a rate limit (about 292 years at most)");
    }
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
