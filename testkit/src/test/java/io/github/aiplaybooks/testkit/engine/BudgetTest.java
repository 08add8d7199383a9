package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.engine.Budgets;
import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.engine.StepStatus;
import io.github.aiplaybooks.core.llm.TokenUsage;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Running out of a budget ends the run with an escalation, never an exception. */
class BudgetTest {
  private static ScriptedLlm oomFix() {
    return ScriptedLlm.builder()
        .onStep(
            "2_classify",
            ScriptedAnswer.json(Fixtures.classification(3)).usage(TokenUsage.of(9_000, 500)))
        .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
        .build();
  }

  @Test
  void runningOutOfModelCallsEscalates() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .budgets(Budgets.defaults().withMaxLlmCalls(1))
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
      assertThat(r.step("4_decide").orElseThrow().status()).isEqualTo(StepStatus.ESCALATED);
      assertThat(r.step("5_approve").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(r.step("8_document").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(r.state().usage().llmCalls()).isEqualTo(1);
      assertThat(r.state().usage().exhausted()).isEqualTo("llm_calls");
      assertThat(r.report().budget().exhausted()).isEqualTo("llm_calls");
      assertThat(h.audit.ofType(AuditEventType.BUDGET)).hasSize(1);
      assertThat(h.notifier.ofKind(Notification.Kind.ESCALATION))
          .singleElement()
          .satisfies(
              n ->
                  assertThat(n.message())
                      .contains("budget llm_calls exhausted")
                      .contains("it changed nothing"));
      assertThat(h.cluster.operations()).isEmpty();
    }
  }

  @Test
  void runningOutOfTokensEscalatesBeforeTheNextCall() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .budgets(Budgets.defaults().withMaxTokens(5_000))
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
      assertThat(r.state().usage().exhausted()).isEqualTo("tokens");
      assertThat(r.state().usage().totalTokens()).isEqualTo(9_500);
    }
  }

  @Test
  void runningOutOfToolCallsEscalatesAfterTheCallsInFlightEnd() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(oomFix(), RecordingApprovalHandler.denyingAll())
            .budgets(Budgets.defaults().withMaxToolCalls(2))
            .agenticTools(false)
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
      assertThat(r.step("3_investigate").orElseThrow().status()).isEqualTo(StepStatus.ESCALATED);
      assertThat(r.state().usage().toolCalls()).isEqualTo(2);
      assertThat(r.state().usage().exhausted()).isEqualTo("tool_calls");
    }
  }

  @Test
  void runningOutOfWallTimeEscalatesAtTheNextStep() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm slow =
        ScriptedLlm.builder()
            .when(
                "classify slowly",
                req -> {
                  h.clock.advance(Duration.ofMinutes(11));
                  return "2_classify".equals(req.step());
                },
                ScriptedAnswer.json(Fixtures.classification(3)))
            .build();
    try (PlaybookEngine engine =
        h.builder(slow, RecordingApprovalHandler.denyingAll())
            .budgets(Budgets.defaults().withMaxWallTime(Duration.ofMinutes(10)))
            .build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      assertThat(r.status()).isEqualTo(RunStatus.ESCALATED);
      assertThat(r.state().usage().exhausted()).isEqualTo("wall_time");
      assertThat(r.step("3_investigate").orElseThrow().status()).isEqualTo(StepStatus.ESCALATED);
    }
  }
}
