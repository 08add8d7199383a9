package io.github.aiplaybooks.benchmarks;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Authorization;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.RateLimitReservation;
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
 * Benchmark (1): one decision on the seed's policy for {@code restart_pod} with trusted facts, by
 * the system clock, on one thread and on two threads sharing the engine and its {@code
 * pod_restarts} window. Sample time, so the report has p50 and p99.
 *
 * <p>What a caller pays per action is measured, nothing prepared for it: each call builds the
 * request's {@link Facts} and {@link ActionRequest}, then
 *
 * <ul>
 *   <li>{@code decide*}: {@link PolicyEngine#decide} computes {@code action}, {@code off_hours},
 *       {@code namespace} and the scale facts, checks the facts, the emergency stop and the rate
 *       limit, and evaluates the rules;
 *   <li>{@code authorize*}: {@link PolicyEngine#authorize} does the same and takes a slot of the
 *       {@code pod_restarts} limit (5 per hour), which the call then releases, so the window's
 *       count stays where set-up put it;
 *   <li>{@code buildRequestOnly}: only building the facts and the request, for reference: what of
 *       the others is the caller's part.
 * </ul>
 *
 * <p>Set-up records 3 restarts in the window, so every look at the limit counts a real sliding log
 * (an empty window would be answered without looking), and two threads that each hold a slot still
 * fit in the 5.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {
  private static final Target TARGET = Target.of("pod", "default", "api-service-abc123");

  private PolicyEngine engine;

  @Setup
  public void setUp() {
    Clock clock = Clock.systemUTC();
    engine = PolicyEngine.builder(Policy.seed()).clock(clock).build();
    ActionRequest restart = request();
    for (int i = 0; i < 3; i++) {
      engine.recordExecution(restart, clock.instant());
    }
    Decision d = engine.decide(restart);
    if (!d.isAllowed()) {
      throw new IllegalStateException("expected ALLOW, was " + d);
    }
    Authorization a = engine.authorize(restart);
    if (!a.isAllowed() || !a.permit().orElseThrow().isCounted()) {
      throw new IllegalStateException("expected a counted permit, was " + a.decision());
    }
    a.permit().orElseThrow().release();
  }

  /** The request a caller builds for one restart, facts and all. */
  private static ActionRequest request() {
    return ActionRequest.builder("restart_pod")
        .target(TARGET)
        .facts(
            Facts.builder()
                .put("severity", "P1")
                .put("blast_radius", 1)
                .put("namespace", "default")
                .build())
        .build();
  }

  private Decision decide() {
    return engine.decide(request());
  }

  private Decision authorize() {
    Authorization a = engine.authorize(request());
    if (a.isAllowed()) {
      RateLimitReservation permit = a.permit().orElseThrow();
      permit.release();
    }
    return a.decision();
  }

  @Benchmark
  @Threads(1)
  public ActionRequest buildRequestOnly() {
    return request();
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

  @Benchmark
  @Threads(1)
  public Decision authorizeRestartPodOneThread() {
    return authorize();
  }

  @Benchmark
  @Threads(2)
  public Decision authorizeRestartPodTwoThreads() {
    return authorize();
  }
}
