package io.github.aiplaybooks.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Authorization;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Java quick start compiles, runs as it says, and is the same code as here. */
class ReadmeExampleTest {
  private int restarts;
  private final List<List<String>> askedAHuman = new ArrayList<>();
  private final List<Optional<Instant>> refused = new ArrayList<>();

  private void restartPod() {
    restarts++;
  }

  private void askHuman(List<String> reasons) {
    askedAHuman.add(reasons);
  }

  private void refuse(List<String> reasons, Optional<Instant> retryAt) {
    assertThat(reasons).isNotEmpty();
    refused.add(retryAt);
  }

  private static PolicyEngine engine() {
    // README:engine:begin
    PolicyEngine engine = PolicyEngine.builder(Policy.seed()).clock(Clock.systemUTC()).build();
    // README:engine:end
    return engine;
  }

  /** The README's second block: one restart through the gate. */
  private Decision restartOnce(PolicyEngine engine) {
    // README:action:begin
    ActionRequest restart =
        ActionRequest.builder("restart_pod")
            .target(Target.of("pod", "default", "api-service-abc123"))
            .facts(Facts.builder().put("severity", "P1").put("blast_radius", 1).build())
            .build();
    Authorization auth = engine.authorize(restart);
    Decision decision = auth.decision(); // ALLOW, rule auto_approve[0]: restart_pod
    Optional<RateLimitReservation> permit = auth.permit(); // present exactly when ALLOW
    if (permit.isPresent()) {
      try (RateLimitReservation slot = permit.get()) {
        restartPod(); // your code; if it throws, close() gives the slot back
        slot.confirm(); // one of the 5 restarts per hour
      }
    } else if (decision.requiresApproval()) {
      askHuman(decision.reasons()); // once approved, engine.tryReserve(restart) takes the slot
    } else {
      refuse(decision.reasons(), decision.retryAt()); // DENY: e.g. the 6th restart in an hour
    }
    // README:action:end
    return decision;
  }

  @Test
  void theQuickStartRunsAsTheReadmeSays() {
    Decision decision = restartOnce(engine());
    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.ALLOW);
    assertThat(decision.rule()).isEqualTo(new RuleRef("auto_approve", 0, "restart_pod"));
    assertThat(restarts).isEqualTo(1);
  }

  @Test
  void aFullWindowIsADenialNotAnException() {
    PolicyEngine engine = engine();
    for (int i = 0; i < 7; i++) {
      restartOnce(engine);
    }
    assertThat(restarts).isEqualTo(5);
    assertThat(refused).hasSize(2).allSatisfy(retryAt -> assertThat(retryAt).isPresent());
    assertThat(askedAHuman).isEmpty();
  }

  /** The README's warning about the seed's blast_radius < 10_pods is true, action by action. */
  @Test
  void theSeedAllowsEveryUncaughtActionOfASmallBlastRadius() {
    PolicyEngine engine = engine();
    for (String action :
        List.of(
            "drain_node", "cordon_node", "update_image", "rollback_deployment", "isolate_pod")) {
      Decision d =
          engine.decide(ActionRequest.of(action, Facts.builder().put("blast_radius", 3).build()));
      assertThat(d.outcome()).as(action).isEqualTo(Decision.Outcome.ALLOW);
      assertThat(d.rule())
          .as(action)
          .isEqualTo(new RuleRef("auto_approve_if", 2, "blast_radius < 10_pods"));
    }
    assertThat(
            engine
                .decide(
                    ActionRequest.of(
                        "consolidate_lb", Facts.builder().put("blast_radius", 3).build()))
                .outcome())
        .as("a DESTRUCTIVE action is spared")
        .isEqualTo(Decision.Outcome.REQUIRE_APPROVAL);
  }

  @Test
  void theReadmeShowsThisCode() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    String source =
        Files.readString(
            Path.of("src/test/java/io/github/aiplaybooks/core/ReadmeExampleTest.java"));
    for (String region : List.of("engine", "action")) {
      assertThat(block.find()).as("README.md has a java block for the " + region).isTrue();
      String begin = "// README:" + region + ":begin";
      String here =
          source.substring(
              source.indexOf(begin) + begin.length(),
              source.indexOf("// README:" + region + ":end"));
      assertThat(normalize(block.group(1))).as(region).isEqualTo(normalize(here));
    }
  }

  /** Whitespace aside: the formatter wraps this file, the README keeps short lines. */
  private static String normalize(String code) {
    return code.replaceAll("\\s+", "");
  }
}
