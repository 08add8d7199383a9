package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Rate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 32 threads hammer one limit at once: exactly N executions are admitted, never N + 1, also when
 * some give their slots back. Counts are asserted, never times.
 */
class RateLimiterStressTest {
  private static final int THREADS = 32;
  private static final int ATTEMPTS = 2_000;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final MutableClock clock = MutableClock.at("2024-01-02T10:00:00Z");

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
  }

  /** Runs {@code task} on every thread at once and returns what each returned. */
  private List<Integer> hammer(java.util.function.IntSupplier task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return task.getAsInt();
              }));
    }
    start.countDown();
    List<Integer> out = new ArrayList<>();
    for (Future<Integer> f : results) {
      out.add(f.get(5, TimeUnit.MINUTES));
    }
    return out;
  }

  @Test
  void exactlyTheCountIsAdmitted() throws Exception {
    int n = 100;
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.builder(new Rate(n, java.time.Duration.ofHours(1)))
            .clock(clock)
            .build();
    List<Integer> admitted =
        hammer(
            () -> {
              int mine = 0;
              for (int i = 0; i < ATTEMPTS; i++) {
                Optional<RateLimitReservation> r = limiter.tryReserve("pod_restarts");
                if (r.isPresent()) {
                  r.get().confirm();
                  mine++;
                }
              }
              return mine;
            });
    assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
    assertThat(limiter.held("pod_restarts")).isEqualTo(n);
  }

  @Test
  void noAdmissionIsLostWhenEveryCallFits() throws Exception {
    // Room for every call of every thread: the log grows and wraps while threads contend for it,
    // so a lost or doubled write would show in the count.
    int n = THREADS * ATTEMPTS;
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.builder(new Rate(n, java.time.Duration.ofHours(1)))
            .clock(clock)
            .build();
    List<Integer> admitted =
        hammer(
            () -> {
              int mine = 0;
              for (int i = 0; i < ATTEMPTS; i++) {
                if (i % 2 == 0 ? limiter.tryAcquire("k") : limiter.tryReserve("k").isPresent()) {
                  mine++;
                }
              }
              return mine;
            });
    assertThat(admitted).containsOnly(ATTEMPTS);
    assertThat(limiter.held("k")).isEqualTo(n);
    assertThat(limiter.tryAcquire("k")).isFalse();
  }

  @Test
  void slotsGivenBackAreTakenAgainButNeverOverTheCount() throws Exception {
    int n = 50;
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.builder(new Rate(n, java.time.Duration.ofHours(1)))
            .clock(clock)
            .build();
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger mostHeldAtOnce = new AtomicInteger();
    AtomicInteger released = new AtomicInteger();
    List<Integer> confirmed =
        hammer(
            () -> {
              SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
              int mine = 0;
              for (int i = 0; i < ATTEMPTS; i++) {
                Optional<RateLimitReservation> r = limiter.tryReserve("k");
                if (r.isEmpty()) {
                  continue;
                }
                mostHeldAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                if (random.nextInt(4) == 0) {
                  holding.decrementAndGet();
                  r.get().release();
                  released.incrementAndGet();
                } else {
                  r.get().confirm();
                  mine++;
                }
              }
              return mine;
            });
    // Fill whatever a late release left free, then nothing more fits.
    int total = confirmed.stream().mapToInt(Integer::intValue).sum();
    Optional<RateLimitReservation> r;
    while ((r = limiter.tryReserve("k")).isPresent()) {
      r.get().confirm();
      total++;
    }
    assertThat(total).isEqualTo(n);
    assertThat(released.get()).as("the test did give slots back").isPositive();
    assertThat(mostHeldAtOnce.get()).isLessThanOrEqualTo(n);
  }

  @Test
  void theEngineAdmitsExactlyFiveRestartsAnHour() throws Exception {
    PolicyEngine engine = PolicyEngine.builder(Policy.seed()).clock(clock).build();
    ActionRequest restart =
        ActionRequest.of("restart_pod", Facts.builder().put("blast_radius", 1).build());
    List<Integer> executed =
        hammer(
            () -> {
              int mine = 0;
              for (int i = 0; i < 200; i++) {
                if (engine.decide(restart).isAllowed()) {
                  Optional<RateLimitReservation> slot = engine.reserve(restart);
                  if (slot.isPresent()) {
                    slot.get().confirm();
                    mine++;
                  }
                }
              }
              return mine;
            });
    assertThat(executed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
    Decision sixth = engine.decide(restart);
    assertThat(sixth.isDenied()).isTrue();
    assertThat(sixth.retryAt()).contains(Instant.parse("2024-01-02T11:00:00Z"));
  }
}
