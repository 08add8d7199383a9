package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.tool.FactSource;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Verification polls fresh facts until the checks hold, on the engine's clock and scheduler. */
class VerificationTest {
  static final Playbook FIX_AND_VERIFY =
      Fixtures.playbook(
          """
          {"playbook": "fix-and-verify", "workflow": {
            "1_detect": {"action": "receive_alert"},
            "2_decide": {"action": "determine_remediation"},
            "3_execute": {"action": "run_remediation"},
            "4_verify": {"action": "validate_remediation",
                         "checks": ["alert_cleared", "error_rate < 1%", "latency_p99 < 500ms"]}
          }}
          """);

  @Test
  void checksThatHoldOnlyAfterAWhileArePolledUntilTheyDo() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    // The alert takes two more polls to clear after the fix, as an alerting system's would.
    AtomicInteger reads = new AtomicInteger();
    FactSource lagging =
        query -> {
          Facts fresh = h.cluster.facts().read(query);
          if (reads.incrementAndGet() <= 2) {
            return fresh.toBuilder().put("alert_cleared", false).build();
          }
          return fresh;
        };
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .build();
    try (PlaybookEngine engine =
        h.builder(llm, RecordingApprovalHandler.denyingAll())
            .factSource(lagging)
            .verifyInterval(Duration.ofSeconds(20))
            .build()) {
      RunResult r = engine.run(FIX_AND_VERIFY, Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(reads).hasValue(3);
      assertThat(r.state().verifications())
          .extracting(
              RunState.VerificationRecord::check,
              RunState.VerificationRecord::result,
              RunState.VerificationRecord::attempts)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("alert_cleared", "TRUE", 3),
              org.assertj.core.groups.Tuple.tuple("error_rate < 1%", "TRUE", 3),
              org.assertj.core.groups.Tuple.tuple("latency_p99 < 500ms", "TRUE", 3));
      assertThat(h.audit.ofType(AuditEventType.VERIFICATION))
          .extracting(e -> e.data().get("passed").asBoolean())
          .containsExactly(false, false, true);
      // Two pauses of 20 seconds on the fake clock, and no real waiting.
      assertThat(r.finishedAt()).isEqualTo(Instant.parse(Fixtures.OFF_HOURS).plusSeconds(40));
    }
  }

  @Test
  void withoutAFactSourceVerificationFailsAtOnceAndTheChangeIsUndone() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .build();
    try (PlaybookEngine engine =
        PlaybookEngine.builder()
            .llm(llm)
            .tools(h.tools)
            .actionAdapters(h.cluster.adapters())
            .policy(Policy.seed())
            .clock(h.clock)
            .scheduler(h.scheduler)
            .auditSink(h.audit)
            .notifier(h.notifier)
            .build()) {
      RunResult r = engine.run(FIX_AND_VERIFY, Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(r.state().verifications())
          .allSatisfy(
              v -> {
                assertThat(v.result()).isEqualTo("UNKNOWN");
                assertThat(v.attempts()).isEqualTo(1);
                assertThat(v.detail()).contains("no fact source is configured");
              });
      assertThat(h.cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("256Mi");
    }
  }
}
