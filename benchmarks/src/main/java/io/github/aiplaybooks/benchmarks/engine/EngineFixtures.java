package io.github.aiplaybooks.benchmarks.engine;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.tool.ToolResult;
import io.github.aiplaybooks.dsl.load.PlaybookFormat;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import io.github.aiplaybooks.testkit.FakeToolProvider;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.time.Duration;
import java.util.Map;

/** Playbooks, tools and engines the engine benchmarks share. */
final class EngineFixtures {
  private EngineFixtures() {}

  /**
   * A playbook of {@code steps} collect steps, each calling {@code kubectl_get} once (a seed tool
   * reference with a {@code ${namespace}} template), and no model step.
   */
  static Playbook sequentialCollects(int steps) {
    StringBuilder b =
        new StringBuilder(
            "{\"playbook\": \"steps-"
                + steps
                + "\", \"inputs\": {\"namespace\": \"string\"},"
                + " \"workflow\": {");
    for (int i = 1; i <= steps; i++) {
      if (i > 1) {
        b.append(',');
      }
      b.append("\"")
          .append(i)
          .append("_collect_")
          .append(i)
          .append("\": {\"action\": \"gather_context\", \"sources\": ")
          .append("[{\"mcp\": \"kubectl://get pods -n ${namespace}\"}]}");
    }
    b.append("}}");
    return load(b.toString());
  }

  /** A playbook of one collect step with {@code calls} parallel calls of {@code kubectl_get}. */
  static Playbook parallelCollect(int calls) {
    StringBuilder b =
        new StringBuilder(
            "{\"playbook\": \"fan-out-"
                + calls
                + "\", \"inputs\": {\"namespace\": \"string\"},"
                + " \"workflow\": {\"1_collect\": {\"action\": \"gather_context\", \"parallel\": [");
    for (int i = 0; i < calls; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"mcp\": \"kubectl://get pods -n ${namespace} -l shard=").append(i).append("\"}");
    }
    b.append("]}}}");
    return load(b.toString());
  }

  static Playbook load(String json) {
    return PlaybookLoader.standard().load("benchmark.json", json, PlaybookFormat.JSON);
  }

  /** {@code kubectl_get} answering a small pod list after {@code latency} (real sleep). */
  static FakeToolProvider kubectl(Duration latency) {
    return FakeToolProvider.builder()
        .readTool("kubectl_get", "get")
        .respond(
            "kubectl_get",
            ToolResult.text(
                "NAME                 READY   STATUS    RESTARTS   AGE\n"
                    + "api-service-r1-0     1/1     Running   0          3d\n"))
        .latency("kubectl_get", latency)
        .build();
  }

  /**
   * An engine with the seed policy, no model, {@code tools}, and sinks that keep nothing: what is
   * measured is the engine, not a log or a file.
   */
  static PlaybookEngine.Builder engine(FakeToolProvider tools) {
    return PlaybookEngine.builder()
        .llm(ScriptedLlm.builder().build())
        .tools(tools)
        .policy(Policy.seed())
        .auditSink(event -> {})
        .notifier(notification -> {});
  }

  static TriggerEvent manual() {
    return TriggerEvent.manual(Map.of()).withInput("namespace", "default");
  }

  /** {@code r}, after checking that the run did what the benchmark claims to measure. */
  static RunResult check(RunResult r, int steps) {
    if (r.status() != RunStatus.COMPLETED || r.steps().size() != steps) {
      throw new IllegalStateException(
          "the benchmark's run did not complete its " + steps + " step(s): " + r.status());
    }
    return r;
  }
}
