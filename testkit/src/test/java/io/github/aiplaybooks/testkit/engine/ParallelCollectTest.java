package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.tool.ToolResult;
import io.github.aiplaybooks.testkit.FakeClock;
import io.github.aiplaybooks.testkit.FakeScheduler;
import io.github.aiplaybooks.testkit.FakeToolProvider;
import io.github.aiplaybooks.testkit.RecordingAuditSink;
import io.github.aiplaybooks.testkit.RecordingNotifier;
import io.github.aiplaybooks.testkit.RecordingToolProvider;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A parallel collect runs its calls at once, each with the run id in its thread's MDC. */
class ParallelCollectTest {
  static final Playbook FOUR_AT_ONCE =
      Fixtures.playbook(
          """
          {"playbook": "four-at-once", "inputs": {"namespace": "string", "pod": "string"},
           "workflow": {
            "1_collect": {"action": "gather_context", "parallel": [
              {"mcp": "kubectl://get pods -n ${namespace}"},
              {"mcp": "kubectl://logs ${pod} -n ${namespace} --tail=200"},
              {"mcp": "aws://cloudwatch/get-metric-data"},
              {"mcp": "aws://xray/get-traces"}]}
          }}
          """);

  private static FakeToolProvider.Builder fourTools() {
    return FakeToolProvider.builder()
        .readTool("kubectl_get", "get")
        .readTool("kubectl_logs", "logs")
        .readTool("cloudwatch_get_metric_data", "get_metric_data")
        .readTool("xray_get_traces", "get_traces")
        .respond("kubectl_get", ToolResult.text("pods"))
        .respond("kubectl_logs", ToolResult.text("logs"))
        .respond("cloudwatch_get_metric_data", ToolResult.text("0.12"))
        .respond("xray_get_traces", ToolResult.text("traces"));
  }

  private static PlaybookEngine.Builder engine(RecordingToolProvider tools) {
    FakeClock clock = FakeClock.at(Fixtures.OFF_HOURS);
    return PlaybookEngine.builder()
        .llm(ScriptedLlm.builder().build())
        .tools(tools)
        .policy(Policy.seed())
        .clock(clock)
        .scheduler(FakeScheduler.timeSkipping(clock))
        .auditSink(new RecordingAuditSink())
        .notifier(new RecordingNotifier());
  }

  private static TriggerEvent manual() {
    return TriggerEvent.manual(Map.of())
        .withInput("namespace", "default")
        .withInput("pod", "api-service-r1-0");
  }

  @Test
  void slowCallsAreAllInFlightAtOnce() {
    // Each call waits at a barrier for the three others, then takes 200 ms: if the calls ran one
    // after another, the first would wait at the barrier until it broke, and fail.
    CyclicBarrier allFour = new CyclicBarrier(4);
    AtomicInteger broken = new AtomicInteger();
    RecordingToolProvider tools =
        RecordingToolProvider.wrap(
            fourTools()
                .beforeCall(
                    r -> {
                      try {
                        allFour.await(20, TimeUnit.SECONDS);
                      } catch (Exception e) {
                        broken.incrementAndGet();
                        throw new IllegalStateException("the calls did not run at once", e);
                      }
                    })
                .latency(Duration.ofMillis(200))
                .build());
    try (PlaybookEngine e = engine(tools).build()) {
      RunResult r = e.run(FOUR_AT_ONCE, manual());

      assertThat(broken).hasValue(0);
      assertThat(tools.calls())
          .hasSize(4)
          .allSatisfy(c -> assertThat(c.result().error()).isFalse());
      assertThat(
              tools.calls().stream()
                  .map(RecordingToolProvider.Call::thread)
                  .collect(Collectors.toSet()))
          .hasSize(4)
          .allSatisfy(t -> assertThat(t).startsWith("playbooks-engine-"));
      assertThat(r.step("1_collect").orElseThrow().summary()).startsWith("in parallel: 4 call(s)");
    }
  }

  @Test
  void everyCallCarriesItsRunsIdInTheMdcOfTheExecutorThread() throws Exception {
    // Threads started before the runs: they cannot inherit an MDC from the run's thread.
    ExecutorService pool = Executors.newFixedThreadPool(8);
    ((ThreadPoolExecutor) pool).prestartAllCoreThreads();
    try {
      RecordingToolProvider tools = RecordingToolProvider.wrap(fourTools().build());
      AtomicInteger ids = new AtomicInteger();
      try (PlaybookEngine e =
          engine(tools).executor(pool).runIds(() -> "run-" + ids.incrementAndGet()).build()) {
        e.run(FOUR_AT_ONCE, manual());
        e.runAsync(FOUR_AT_ONCE, manual()).get(20, TimeUnit.SECONDS);
      }
      List<RecordingToolProvider.Call> calls = tools.calls();
      assertThat(calls).hasSize(8);
      assertThat(calls).allSatisfy(c -> assertThat(c.thread()).startsWith("pool-"));
      Map<String, Long> byRun =
          calls.stream()
              .collect(
                  Collectors.groupingBy(RecordingToolProvider.Call::runId, Collectors.counting()));
      assertThat(byRun).containsOnlyKeys(Set.of("run-1", "run-2").toArray(String[]::new));
      assertThat(byRun.values()).containsOnly(4L);
    } finally {
      pool.shutdownNow();
    }
  }
}
