package io.github.aiplaybooks.benchmarks.engine;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.playbook.Playbook;
import java.time.Duration;
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
 * Fan-out: one collect step with 50 parallel tool calls that each take 100 ms (a real sleep, as a
 * blocking MCP call would). The makespan of the whole run is measured: ideally 100 ms plus the
 * engine's overhead. {@code executor}: {@code default} is the engine's own elastic pool, {@code
 * fixed64} a caller's fixed pool of 64 threads started beforehand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class FanOutBenchmark {

  @Param({"default", "fixed64"})
  public String executor;

  private ExecutorService pool;
  private PlaybookEngine engine;
  private Playbook playbook;
  private TriggerEvent trigger;

  @Setup(Level.Trial)
  public void setUp() {
    PlaybookEngine.Builder b =
        EngineFixtures.engine(EngineFixtures.kubectl(Duration.ofMillis(100)));
    if (executor.equals("fixed64")) {
      pool = Executors.newFixedThreadPool(64);
      b.executor(pool);
    }
    engine = b.build();
    playbook = EngineFixtures.parallelCollect(50);
    trigger = EngineFixtures.manual();
    RunResult r = EngineFixtures.check(engine.run(playbook, trigger), 1);
    if (!r.steps().get(0).summary().startsWith("in parallel: 50 call(s)")) {
      throw new IllegalStateException("not a 50-call fan-out: " + r.steps().get(0).summary());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** One run: one step, 50 calls of 100 ms at once. */
  @Benchmark
  public RunResult fiftyCallsOf100ms() {
    return engine.run(playbook, trigger);
  }
}
