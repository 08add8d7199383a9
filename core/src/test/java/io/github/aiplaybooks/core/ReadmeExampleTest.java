package io.github.aiplaybooks.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.RateLimitReservation;
import io.github.aiplaybooks.core.policy.RuleRef;
import io.github.aiplaybooks.core.policy.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Java quick start compiles, runs as it says, and is the same code as here. */
class ReadmeExampleTest {
  private int restarts;

  private void restartPod() {
    restarts++;
  }

  @Test
  void theQuickStartRunsAsTheReadmeSays() {
    // README:begin
    PolicyEngine engine = PolicyEngine.builder(Policy.seed()).clock(Clock.systemUTC()).build();
    ActionRequest restart =
        ActionRequest.builder("restart_pod")
            .target(Target.of("pod", "default", "api-service-abc123"))
            .facts(Facts.builder().put("severity", "P1").put("blast_radius", 1).build())
            .build();
    Decision decision = engine.decide(restart); // ALLOW, rule auto_approve[0]: restart_pod
    if (decision.isAllowed()) {
      try (RateLimitReservation slot = engine.reserve(restart).orElseThrow()) {
        restartPod(); // your code; if it throws, close() gives the slot back
        slot.confirm(); // one of the 5 restarts per hour
      }
    }
    // README:end
    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.ALLOW);
    assertThat(decision.rule()).isEqualTo(new RuleRef("auto_approve", 0, "restart_pod"));
    assertThat(restarts).isEqualTo(1);
  }

  @Test
  void theReadmeShowsThisCode() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README.md has a java block").isTrue();
    String source =
        Files.readString(
            Path.of("src/test/java/io/github/aiplaybooks/core/ReadmeExampleTest.java"));
    String here =
        source.substring(
            source.indexOf("// README:begin") + "// README:begin".length(),
            source.indexOf("// README:end"));
    assertThat(normalize(block.group(1))).isEqualTo(normalize(here));
  }

  /** Whitespace aside: the formatter wraps this file, the README keeps short lines. */
  private static String normalize(String code) {
    return code.replaceAll("\\s+", "");
  }
}
