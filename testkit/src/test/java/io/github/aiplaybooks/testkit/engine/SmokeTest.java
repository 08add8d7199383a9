package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.approval.ApprovalHandler;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void incidentResponseRaisesTheMemoryLimit() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(Fixtures.classification(3)))
            .onStep("4_decide", ScriptedAnswer.json(Fixtures.plan(Fixtures.raiseMemory("512Mi"))))
            .build();
    try (PlaybookEngine engine = h.builder(llm, ApprovalHandler.alwaysDeny()).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());
      System.out.println(r.report().toMarkdown());
      r.steps().forEach(System.out::println);
      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(h.cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("512Mi");
    }
  }
}
