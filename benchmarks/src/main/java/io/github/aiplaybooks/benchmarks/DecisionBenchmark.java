package io.github.aiplaybooks.benchmarks;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.Target;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Benchmark (1): one {@link PolicyEngine#decide} on the seed's policy for {@code restart_pod} with
 * trusted facts, by the system clock, on one and on two threads sharing the engine (and so its
 * rate-limit window). Sample time, so the report has p50 and p99.
 *
 * <p>Each call builds its {@link ActionRequest} from facts built once, as a caller holding its
 * facts would; the decision computes {@code action}, {@code off_hours} and the scale facts, checks
 * the emergency stop and the {@code pod_restarts} limit, and evaluates the rules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {
  private PolicyEngine engine;
  private Facts facts;
  private Target target;

  @Setup
  public void setUp() {
    engine = PolicyEngine.builder(Policy.seed()).clock(Clock.systemUTC()).build();
    // Built after the policy's conditions were compiled, as in an application.
    facts =
        Facts.builder()
            .put("severity", "P1")
            .put("blast_radius", 1)
            .put("namespace", "default")
            .build();
    target = Target.of("pod", "default", "api-service-abc123");
    Decision d = decide();
    if (!d.isAllowed()) {
      throw new IllegalStateException("expected ALLOW, was " + d);
    }
  }

  private Decision decide() {
    return engine.decide(ActionRequest.builder("restart_pod").target(target).facts(facts).build());
  }

  @Benchmark
  @Threads(1)
  public Decision decideRestartPodOneThread() {
    return decide();
  }

  @Benchmark
  @Threads(2)
  public Decision decideRestartPodTwoThreads() {
    return decide();
  }
}
