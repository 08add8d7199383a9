package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Conditions and facts are shared between threads without locks: many threads evaluate one
 * condition, and compile new ones (which gives fact names ids) while others build facts.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;

  @Test
  void threadsSharingConditionsAndCompilingNewOnesGetTheSameResultsAsOneThread() throws Exception {
    Condition shared = Condition.compile("severity == P0 AND blast_radius < 10_pods");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int checked = 0;
                  for (int i = 0; i < 500; i++) {
                    // A fresh name per iteration: compiling it races with building facts.
                    String name = "t" + thread + "_fact_" + i;
                    Facts before =
                        Facts.of(Map.of(name, i, "severity", "P0", "blast_radius", i % 20));
                    Condition own = Condition.compile(name + " >= 250");
                    Facts after =
                        Facts.of(Map.of(name, i, "severity", "P0", "blast_radius", i % 20));
                    Truth expected = Truth.of(i >= 250);
                    assertThat(own.evaluate(before)).isEqualTo(expected);
                    assertThat(own.evaluate(after)).isEqualTo(expected);
                    assertThat(shared.evaluate(after)).isEqualTo(Truth.of(i % 20 < 10));
                    checked++;
                  }
                  return checked;
                }));
      }
      start.countDown();
      for (Future<Integer> r : results) {
        assertThat(r.get(2, TimeUnit.MINUTES)).isEqualTo(500);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
