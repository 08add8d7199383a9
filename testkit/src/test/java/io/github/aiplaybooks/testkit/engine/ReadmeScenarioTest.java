package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's complete script runs the seed's incident response against the simulated cluster. */
class ReadmeScenarioTest {
  @Test
  void theReadmeScriptFixesTheOomKilledDeployment() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```json\n{\n  \"description\"");
    String json = readme.substring(start + 8, readme.indexOf("```", start + 8));
    ScriptedLlm llm = ScriptedLlm.fromJson(json, "README.md");
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine = h.builder(llm, RecordingApprovalHandler.denyingAll()).build()) {
      RunResult r = engine.run(Fixtures.seed("autonomous-incident-response"), Fixtures.oomAlert());

      assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
      // Throttled once (asked again after a pause), then two answers outside the schema
      // (re-asked with the violations), then the plan.
      assertThat(llm.requests("4_decide")).hasSize(4);
      assertThat(h.cluster.deployment("default", "api-service").memoryLimit()).isEqualTo("512Mi");
      assertThat(r.applied())
          .singleElement()
          .satisfies(a -> assertThat(a.rule()).isEqualTo("auto_approve[2]: add_resource_limits"));
      assertThat(r.report().rootCause()).contains("usage peaked at 280Mi");
    }
  }
}
