package io.github.aiplaybooks.benchmarks.engine;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.testkit.FakeToolProvider;
import java.time.Duration;
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
 * The engine's own cost per step: whole runs of a playbook of {@code steps} collect steps, each one
 * call of a tool that answers at once, on the caller's thread, with the seed policy, an audit sink
 * and a notifier that keep nothing.
 *
 * <p>A run of one step is the upper bound of what one step costs (it carries the run's fixed cost:
 * the trigger, the state, the report). The marginal cost of a step is the difference between the
 * 20-step and the 1-step run, divided by 19: each step's start and end events, its MDC, the
 * template and tool-reference resolution, the call through the tool SPI, recording its output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class EngineStepBenchmark {

  @Param({"1", "20"})
  public int steps;

  private PlaybookEngine engine;
  private Playbook playbook;
  private TriggerEvent trigger;
  private FakeToolProvider tools;

  @Setup(Level.Trial)
  public void setUp() {
    tools = EngineFixtures.kubectl(Duration.ZERO);
    engine = EngineFixtures.engine(tools).build();
    playbook = EngineFixtures.sequentialCollects(steps);
    trigger = EngineFixtures.manual();
    EngineFixtures.check(engine.run(playbook, trigger), steps);
    if (!tools.unexpectedCalls().isEmpty()) {
      throw new IllegalStateException("unexpected tool calls: " + tools.unexpectedCalls());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /** One run of the playbook, start to report. */
  @Benchmark
  public RunResult run() {
    return engine.run(playbook, trigger);
  }
}
