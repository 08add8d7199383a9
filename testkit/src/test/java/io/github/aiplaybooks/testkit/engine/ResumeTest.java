package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunListener;
import io.github.aiplaybooks.core.engine.RunRejectedException;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** A run's state is plain data: written out, read back and resumed, it never applies twice. */
class ResumeTest {
  @Test
  void aRetriedExecuteStepDoesNotApplyItsChangeAgain() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    AtomicReference<String> beforeExecute = new AtomicReference<>();
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .build();
    try (PlaybookEngine engine =
        h.builder(llm, RecordingApprovalHandler.denyingAll())
            .listener(
                new RunListener() {
                  @Override
                  public void onStepStarted(RunState state, Step step) {
                    if (step.key().equals("6_execute")) {
                      beforeExecute.set(state.toJson());
                    }
                  }
                })
            .build()) {
      RunResult first =
          engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);

      // As if the process died during 6_execute: continue from the state saved before it.
      RunState saved = RunState.fromJson(beforeExecute.get());
      assertThat(saved.nextStep()).isEqualTo(5);
      assertThat(saved.runId()).isEqualTo(first.runId());
      RunResult retried = engine.resume(Fixtures.seed("autonomous-incident-response"), saved);

      assertThat(retried.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(h.cluster.operations())
          .containsExactly("add_resource_limits default/api-service memory=512Mi");
      RunState.ActionRecord again = retried.applied().get(0);
      assertThat(again.execution().replayed()).isTrue();
      assertThat(again.execution().idempotencyKey())
          .isEqualTo(first.applied().get(0).execution().idempotencyKey());
      assertThat(retried.state().journal()).hasSize(1);
    }
  }

  @Test
  void theFinalStateReadsBackEqual() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(1)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .build();
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      RunState back = RunState.fromJson(r.state().toJson());
      assertThat(back.toJson()).isEqualTo(r.state().toJson());
      assertThat(back.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(back.actions()).hasSize(r.state().actions().size());
    }
  }

  @Test
  void aStateOfAnotherPlaybookIsRefused() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(ScriptedLlm.builder().build(), RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(ApprovalFlowTest.REMEDIATE, Fixtures.oomAlert());
      RunRejectedException e =
          Assertions.catchThrowableOfType(
              RunRejectedException.class,
              () -> engine.resume(Fixtures.seed("autonomous-incident-response"), r.state()));
      assertThat(e.code()).isEqualTo("STATE_MISMATCH");
      assertThat(e.getMessage()).contains("remediate").contains("autonomous-incident-response");
    }
  }
}
