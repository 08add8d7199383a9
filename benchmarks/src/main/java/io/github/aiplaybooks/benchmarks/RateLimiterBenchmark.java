package io.github.aiplaybooks.benchmarks;

import io.github.aiplaybooks.core.condition.Rate;
import io.github.aiplaybooks.core.policy.NanoClock;
import io.github.aiplaybooks.core.policy.RateLimitReservation;
import io.github.aiplaybooks.core.policy.SlidingWindowRateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Benchmark (3): one acquire from our {@link SlidingWindowRateLimiter} (an exact sliding-window
 * count) against resilience4j's {@link AtomicRateLimiter#acquirePermission()} (a fixed-window
 * approximation), in the same run, on one thread and on two threads sharing the limiter.
 *
 * <ul>
 *   <li>{@code ours}: {@link SlidingWindowRateLimiter#tryAcquire(String)}, a permit that counts as
 *       executed at once: what {@code acquirePermission} is.
 *   <li>{@code oursReserveConfirm}: {@link SlidingWindowRateLimiter#tryReserve(String)} then {@link
 *       RateLimitReservation#confirm()}, the reservation the policy engine hands out.
 * </ul>
 *
 * <p>Scenarios:
 *
 * <ul>
 *   <li>{@code admits}: every call is admitted. resilience4j: 1000 per 10 µs, more than the threads
 *       ask for. Ours: 1000 per second, on a clock that runs 100,000 times faster than real time (a
 *       second passes in 10 µs), because a window is at least a second and an exact log of every
 *       call of a real second would hold tens of millions of entries. So both windows hold about
 *       the same slots, and each call of ours expires about one and appends one.
 *   <li>{@code full}: 1 per hour on real time, taken in set-up, so every call is refused.
 * </ul>
 *
 * <p>Both read the time from {@link System#nanoTime()}: resilience4j always does, and ours through
 * a {@link NanoClock} over it (the injected-clock hook a limiter has for exactly this). {@code
 * clockInstant} and {@code nanoTime} show what reading the time costs with a {@link Clock} and
 * without.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimiterBenchmark {
  private static final String KEY = "pod_restarts";

  /** The limiters of one scenario, shared by the threads of a benchmark. */
  @State(Scope.Benchmark)
  public static class Limiters {
    @Param({"admits", "full"})
    public String scenario;

    SlidingWindowRateLimiter ours;
    AtomicRateLimiter resilience4j;

    @Setup
    public void setUp() {
      boolean admits = scenario.equals("admits");
      Rate rate = admits ? new Rate(1000, Duration.ofSeconds(1)) : new Rate(1, Duration.ofHours(1));
      ours =
          SlidingWindowRateLimiter.builder(rate)
              .clock(new NanoTimeClock(admits ? 100_000 : 1))
              .build();
      resilience4j =
          new AtomicRateLimiter(
              "bench",
              RateLimiterConfig.custom()
                  .limitForPeriod(admits ? 1000 : 1)
                  .limitRefreshPeriod(admits ? Duration.ofNanos(10_000) : Duration.ofHours(1))
                  .timeoutDuration(Duration.ZERO)
                  .build());
      if (!admits) {
        check(ours.tryAcquire(KEY), resilience4j.acquirePermission(), true);
      }
      boolean expected = admits;
      for (int i = 0; i < 10_000; i++) {
        check(ours.tryAcquire(KEY), resilience4j.acquirePermission(), expected);
      }
    }

    private void check(boolean a, boolean b, boolean expected) {
      if (a != expected || b != expected) {
        throw new IllegalStateException(
            scenario + ": expected " + expected + ", ours said " + a + ", resilience4j " + b);
      }
    }
  }

  /**
   * Epoch nanoseconds from {@link System#nanoTime()}, sped up {@code speed} times from the moment
   * it was made: costs what reading {@code nanoTime} costs.
   */
  static final class NanoTimeClock implements NanoClock {
    private final long originEpochNanos;
    private final long originNanoTime;
    private final long speed;

    NanoTimeClock(long speed) {
      Instant now = Clock.systemUTC().instant();
      this.originEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
      this.originNanoTime = System.nanoTime();
      this.speed = speed;
    }

    @Override
    public long epochNanos() {
      return originEpochNanos + (System.nanoTime() - originNanoTime) * speed;
    }
  }

  private static boolean reserveConfirm(SlidingWindowRateLimiter limiter) {
    Optional<RateLimitReservation> r = limiter.tryReserve(KEY);
    if (r.isPresent()) {
      r.get().confirm();
      return true;
    }
    return false;
  }

  @Benchmark
  @Threads(1)
  public boolean ours(Limiters l) {
    return l.ours.tryAcquire(KEY);
  }

  @Benchmark
  @Threads(1)
  public boolean oursReserveConfirm(Limiters l) {
    return reserveConfirm(l.ours);
  }

  @Benchmark
  @Threads(1)
  public boolean resilience4j(Limiters l) {
    return l.resilience4j.acquirePermission();
  }

  @Benchmark
  @Threads(2)
  public boolean oursTwoThreads(Limiters l) {
    return l.ours.tryAcquire(KEY);
  }

  @Benchmark
  @Threads(2)
  public boolean resilience4jTwoThreads(Limiters l) {
    return l.resilience4j.acquirePermission();
  }

  /** For reference: reading the time through a {@link Clock}, as the policy engine does. */
  @Benchmark
  @Threads(1)
  public Instant clockInstant(Clocks c) {
    return c.clock.instant();
  }

  /** For reference: reading the time as resilience4j does. */
  @Benchmark
  @Threads(1)
  public long nanoTime() {
    return System.nanoTime();
  }

  /** The system clock, for {@link #clockInstant}. */
  @State(Scope.Benchmark)
  public static class Clocks {
    final Clock clock = Clock.systemUTC();
  }
}
