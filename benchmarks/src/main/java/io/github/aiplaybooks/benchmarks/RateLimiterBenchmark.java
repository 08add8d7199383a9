package io.github.aiplaybooks.benchmarks;

import io.github.aiplaybooks.core.condition.Rate;
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

/**
 * Benchmark (3): acquiring one permit from our {@link SlidingWindowRateLimiter} (reserve and
 * confirm: an exact count) against resilience4j's {@link AtomicRateLimiter#acquirePermission()} (a
 * fixed-window approximation), in the same run, both on the system clock, in two scenarios:
 *
 * <ul>
 *   <li>{@code admits}: 1000 per 10 µs, more than a thread can ask for, so every call is admitted
 *       (ours expires one old slot and appends one);
 *   <li>{@code full}: 1 per hour, taken in set-up, so every call is refused.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimiterBenchmark {
  @Param({"admits", "full"})
  public String scenario;

  private final Clock clock = Clock.systemUTC();
  private SlidingWindowRateLimiter ours;
  private AtomicRateLimiter resilience4j;

  @Setup
  public void setUp() {
    boolean admits = scenario.equals("admits");
    int count = admits ? 1000 : 1;
    Duration window = admits ? Duration.ofNanos(10_000) : Duration.ofHours(1);
    ours = SlidingWindowRateLimiter.builder(new Rate(count, window)).clock(clock).build();
    resilience4j =
        new AtomicRateLimiter(
            "bench",
            RateLimiterConfig.custom()
                .limitForPeriod(count)
                .limitRefreshPeriod(window)
                .timeoutDuration(Duration.ZERO)
                .build());
    if (!admits) {
      ours.tryReserve("pod_restarts").orElseThrow().confirm();
      resilience4j.acquirePermission();
    }
  }

  @Benchmark
  public boolean ours() {
    Optional<RateLimitReservation> r = ours.tryReserve("pod_restarts");
    if (r.isPresent()) {
      r.get().confirm();
      return true;
    }
    return false;
  }

  @Benchmark
  public boolean resilience4j() {
    return resilience4j.acquirePermission();
  }

  /** For reference: reading the time as ours does (the injected clock, here the system's). */
  @Benchmark
  public Instant clockInstant() {
    return clock.instant();
  }

  /** For reference: reading the time as resilience4j does. */
  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }
}
