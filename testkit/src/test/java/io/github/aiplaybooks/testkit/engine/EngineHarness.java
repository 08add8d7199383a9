package io.github.aiplaybooks.testkit.engine;

import io.github.aiplaybooks.core.approval.ApprovalHandler;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.ToolProvider;
import io.github.aiplaybooks.testkit.FakeClock;
import io.github.aiplaybooks.testkit.FakeScheduler;
import io.github.aiplaybooks.testkit.RecordingAuditSink;
import io.github.aiplaybooks.testkit.RecordingNotifier;
import io.github.aiplaybooks.testkit.RecordingToolProvider;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import io.github.aiplaybooks.testkit.SimulatedCluster;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An engine over a simulated cluster, with fake time and recording doubles. */
final class EngineHarness {
  final FakeClock clock = FakeClock.at(Fixtures.OFF_HOURS);
  final FakeScheduler scheduler = FakeScheduler.timeSkipping(clock);
  final RecordingAuditSink audit = new RecordingAuditSink();
  final RecordingNotifier notifier = new RecordingNotifier();
  final SimulatedCluster cluster;
  final RecordingToolProvider tools;
  private final AtomicInteger runs = new AtomicInteger();

  EngineHarness(SimulatedCluster cluster) {
    this.cluster = cluster;
    this.tools = RecordingToolProvider.wrap(cluster.tools());
  }

  EngineHarness(SimulatedCluster cluster, ToolProvider extra) {
    this.cluster = cluster;
    this.tools = RecordingToolProvider.wrap(ToolProvider.composite(cluster.tools(), extra));
  }

  /** A builder with every double in place, the seed policy and the given model and approvals. */
  PlaybookEngine.Builder builder(ScriptedLlm llm, ApprovalHandler approvals) {
    return builder(llm, approvals, cluster.adapters());
  }

  /** {@link #builder(ScriptedLlm, ApprovalHandler)} with these action adapters instead. */
  PlaybookEngine.Builder builder(
      ScriptedLlm llm, ApprovalHandler approvals, List<? extends ActionAdapter> adapters) {
    return PlaybookEngine.builder()
        .llm(llm)
        .tools(tools)
        .actionAdapters(adapters)
        .factSource(cluster.facts())
        .policy(Policy.seed())
        .approvals(approvals)
        .clock(clock)
        .scheduler(scheduler)
        .auditSink(audit)
        .notifier(notifier)
        .runIds(() -> "run-" + runs.incrementAndGet());
  }
}
