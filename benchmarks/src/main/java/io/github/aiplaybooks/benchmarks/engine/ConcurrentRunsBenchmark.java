package io.github.aiplaybooks.benchmarks.engine;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.playbook.Playbook;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many runs at once in one JVM: {@code runs} runs started together with {@code runAsync}, each of
 * three collect steps calling a tool that takes {@code latencyMs} (a real sleep: every run holds a
 * thread while it waits, as with blocking MCP calls on Java 17). Measured: the time until all have
 * finished (single shot). With {@code -prof gc} JMH reports the allocation per batch; divide by
 * {@code runs} for one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class ConcurrentRunsBenchmark {

  @Param({"1000"})
  public int runs;

  /** 20 ms: runs come and go while others start; 1000 ms: every run is in flight at once. */
  @Param({"20", "1000"})
  public int latencyMs;

  /**
   * {@code default}: the engine's own pool (at most 256 threads; a run that finds all busy runs on
   * the thread that started it); {@code cached}: a caller's unbounded cached pool, so all runs are
   * in flight at once.
   */
  @Param({"default", "cached"})
  public String executor;

  private ExecutorService pool;

  private PlaybookEngine engine;
  private Playbook playbook;
  private TriggerEvent trigger;
  private long peakThreads;

  @Setup(Level.Trial)
  public void setUp() {
    PlaybookEngine.Builder b =
        EngineFixtures.engine(EngineFixtures.kubectl(Duration.ofMillis(latencyMs)));
    if (executor.equals("cached")) {
      pool = Executors.newCachedThreadPool();
      b.executor(pool);
    }
    engine = b.build();
    playbook = EngineFixtures.sequentialCollects(3);
    trigger = EngineFixtures.manual();
    EngineFixtures.check(engine.run(playbook, trigger), 3);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    // Printed, not a JMH result: the most live threads any batch needed (JMH's own included).
    System.out.println("peak live threads in a batch: " + peakThreads);
    engine.close();
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Starts {@code runs} runs and waits for all; checks every one completed. */
  @Benchmark
  public int allAtOnce() {
    ManagementFactory.getThreadMXBean().resetPeakThreadCount();
    List<CompletableFuture<RunResult>> futures = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      futures.add(engine.runAsync(playbook, trigger));
    }
    int completed = 0;
    for (CompletableFuture<RunResult> f : futures) {
      EngineFixtures.check(f.join(), 3);
      completed++;
    }
    peakThreads = Math.max(peakThreads, ManagementFactory.getThreadMXBean().getPeakThreadCount());
    return completed;
  }
}
