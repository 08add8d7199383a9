package io.github.aiplaybooks.dsl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.playbook.AlertTrigger;
import io.github.aiplaybooks.core.playbook.ConditionGroup;
import io.github.aiplaybooks.core.playbook.FactOrigin;
import io.github.aiplaybooks.core.playbook.HealthCheckTrigger;
import io.github.aiplaybooks.core.playbook.ManualTrigger;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.RouteMatch;
import io.github.aiplaybooks.core.playbook.RoutingRule;
import io.github.aiplaybooks.core.playbook.ScheduleTrigger;
import io.github.aiplaybooks.core.playbook.Scope;
import io.github.aiplaybooks.core.playbook.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The seed's five playbooks load as written, from JSON and YAML, and round-trip. */
class SeedPlaybooksTest {
  static final List<String> NAMES = SeedPlaybooks.NAMES;

  @ParameterizedTest
  @FieldSource("NAMES")
  void eachSeedPlaybookLoadsFromItsJsonAsWritten(String name) {
    Playbook p = SeedPlaybooks.loadAsWritten(name);

    assertThat(p.name()).isEqualTo(name);
    assertThat(p.agent()).contains("eks-sre-agent");
    assertThat(p.model()).contains("anthropic.claude-3-sonnet-20240229-v1:0");
    assertThat(p.steps()).isNotEmpty();
    assertThat(p.steps())
        .extracting(Step::order)
        .containsExactlyElementsOf(orders(p.steps().size()));
  }

  private static List<Integer> orders(int n) {
    List<Integer> orders = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      orders.add(i);
    }
    return orders;
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void eachSeedPlaybookLoadsFromYamlEqualToItsJson(String name) throws IOException {
    String yaml = resource("seed-yaml/" + name + ".yaml");

    Playbook fromYaml = PlaybookLoader.standard().load(name + ".yaml", yaml, PlaybookFormat.YAML);

    assertThat(fromYaml).isEqualTo(SeedPlaybooks.loadAsWritten(name));
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void eachSeedPlaybookWrittenAndReadBackIsEqual(String name) {
    Playbook p = SeedPlaybooks.load(name);
    PlaybookLoader loader = PlaybookLoader.standard();

    assertThat(loader.load("out.json", PlaybookWriter.toJson(p), PlaybookFormat.JSON)).isEqualTo(p);
    assertThat(loader.load("out.yaml", PlaybookWriter.toYaml(p), PlaybookFormat.YAML)).isEqualTo(p);
  }

  @Test
  void theJsonTheSeedWritesHasNoTriggerSoItIsDerivedFromTheFirstStep() {
    assertThat(SeedPlaybooks.loadAsWritten("autonomous-incident-response").trigger())
        .isEqualTo(
            new AlertTrigger(
                List.of("cloudwatch", "prometheus", "guardduty", "security_hub"), List.of()));
    assertThat(SeedPlaybooks.loadAsWritten("automated-rollback").trigger())
        .isInstanceOfSatisfying(
            HealthCheckTrigger.class,
            h ->
                assertThat(h.describe())
                    .isEqualTo(
                        "health check every 30s fails: pod_ready_rate > 80%, error_rate < 1%,"
                            + " latency_p99 < 500ms"));
    assertThat(SeedPlaybooks.loadAsWritten("predictive-scaling").trigger())
        .isEqualTo(new ManualTrigger());
  }

  @Test
  void theProseTriggersAreAttachedTyped() {
    assertThat(SeedPlaybooks.load("autonomous-incident-response").trigger().describe())
        .isEqualTo("alert of severity P0, P1 from cloudwatch, prometheus, guardduty, security_hub");
    assertThat(schedule("predictive-scaling")).isEqualTo("*/5 * * * * UTC every 5 minutes");
    assertThat(schedule("security-optimization")).isEqualTo("0 2 * * * UTC daily at 02:00 (UTC)");
    assertThat(schedule("cost-optimization"))
        .isEqualTo("0 6 * * 1 UTC weekly on Monday at 06:00 (UTC)");
    assertThat(SeedPlaybooks.load("automated-rollback"))
        .isEqualTo(SeedPlaybooks.loadAsWritten("automated-rollback"));
  }

  private static String schedule(String name) {
    ScheduleTrigger t = (ScheduleTrigger) SeedPlaybooks.load(name).trigger();
    return t.schedule().expression()
        + " "
        + t.schedule().zone().getId()
        + " "
        + t.schedule().describe();
  }

  @Test
  void everySeedConditionCompilesAgainstWhatItsStepMayRead() {
    int conditions = 0;
    for (Playbook p : SeedPlaybooks.all().values()) {
      for (Step s : p.steps()) {
        for (ConditionGroup g : s.spec().conditionGroups()) {
          for (Condition c : g.conditions()) {
            assertThat(Condition.compile(c.source(), p.facts(s))).isEqualTo(c);
            conditions++;
          }
        }
      }
    }
    // Every condition the five workflows write: 8, 4, 3, 3 and 6.
    assertThat(conditions).isEqualTo(24);
  }

  @Test
  void theIncidentResponseDecisionTreeRoutesDeterministically() {
    Playbook p = SeedPlaybooks.load("autonomous-incident-response");

    assertThat(
            route(p, Map.of("severity", "P0", "type", "security", "source", "guardduty")).runbook())
        .containsExactly("isolate_pod", "notify");
    assertThat(
            route(p, Map.of("severity", "P0", "type", "performance", "api_latency", "7s")).path())
        .containsExactly("Severity = P0 (Critical)", "Type = Performance", "API Latency > 5s");
    assertThat(
            route(p, Map.of("severity", "P1", "type", "resource", "alert_name", "disk_pressure"))
                .runbook())
        .containsExactly("expand_pvc", "clean_logs");
    RouteMatch unknown = route(p, Map.of("severity", "P1", "type", "cosmic_rays"));
    assertThat(unknown.decided()).isTrue();
    assertThat(unknown.fallback()).isTrue();
    assertThat(unknown.runbook()).containsExactly("escalate");
    assertThat(p.routing().orElseThrow().rules()).hasSize(12);
  }

  @Test
  void theDecisionTreeRoutesOnTheAlertAloneWhenTheModelIsDown() {
    Playbook p = SeedPlaybooks.load("autonomous-incident-response");
    // Only what the alert carries (its trigger context): no step has run.
    Map<String, String> alert =
        Map.of(
            "severity", "P1",
            "type", "deployment",
            "source", "prometheus",
            "alert_name", "rollout_failed",
            "deployment", "api-service",
            "namespace", "production");

    RouteMatch m = route(p, alert);

    assertThat(m.decided()).isTrue();
    assertThat(m.runbook()).containsExactly("logs", "rollback_deployment");
    // Every routing condition reads trusted values, none the model's.
    Scope routing = p.routingScope();
    for (RoutingRule rule : p.routing().orElseThrow().rules()) {
      assertThat(routing.readsOnlyTrustedFacts(rule.when())).as(rule.path().toString()).isTrue();
    }
    assertThat(routing.origin("type")).contains(FactOrigin.triggerContext());
    assertThat(routing.origin("classify.type")).contains(FactOrigin.stepOutput("2_classify", true));
  }

  @Test
  void aRouteThatCannotBeDecidedIsReportedNotSilentlyFallenThrough() {
    Playbook p = SeedPlaybooks.load("autonomous-incident-response");

    RouteMatch m = route(p, Map.of("severity", "P0", "source", "guardduty"));

    assertThat(m.decided()).isFalse();
    assertThat(m.fallback()).isFalse();
    assertThat(m.runbook()).isEmpty();
    assertThat(m.undecided())
        .first()
        .satisfies(
            u -> {
              assertThat(u.path()).containsExactly("Severity = P0 (Critical)", "Type = Security");
              assertThat(u.missingFacts()).containsExactly("type");
            });
  }

  @Test
  void theSeedsModelOutputsNeverStandInForTheTrustedFactsItsApprovalReads() {
    Playbook p = SeedPlaybooks.loadAsWritten("autonomous-incident-response");
    Step approve = p.step("approve").orElseThrow();
    Scope scope = p.scope(approve);

    // 2_classify extracts severity and blast_radius; 5_approve reads the trusted ones.
    assertThat(scope.origin("severity")).contains(FactOrigin.standardFact());
    assertThat(scope.origin("blast_radius")).contains(FactOrigin.standardFact());
    assertThat(scope.origin("classify.severity"))
        .contains(FactOrigin.stepOutput("2_classify", true));
    assertThat(scope.origin("classify.blast_radius"))
        .contains(FactOrigin.stepOutput("2_classify", true));
    for (ConditionGroup g : approve.spec().conditionGroups()) {
      for (Condition c : g.conditions()) {
        assertThat(scope.modelProducedFacts(c)).as(c.normalized()).isEmpty();
        assertThat(scope.readsOnlyTrustedFacts(c)).as(c.normalized()).isTrue();
      }
    }
  }

  @Test
  void conditionsThatReadTheModelsClaimsAreNamedSoTheEngineCanKeepThemOutOfPolicy() {
    Map<String, List<String>> claims = new LinkedHashMap<>();
    for (Playbook p : SeedPlaybooks.all().values()) {
      for (Step s : p.steps()) {
        for (ConditionGroup g : s.spec().conditionGroups()) {
          for (Condition c : g.conditions()) {
            Set<String> model = p.scope(s).modelProducedFacts(c);
            if (!model.isEmpty()) {
              claims.put(p.name() + " " + s.key() + ": " + c.normalized(), List.copyOf(model));
            }
          }
        }
      }
    }

    assertThat(claims)
        .containsOnly(
            entry(
                "predictive-scaling 5_execute: confidence > 0.85 AND predicted_load_increase >"
                    + " 30%",
                List.of("predicted_load_increase")),
            entry(
                "security-optimization 4_remediate: risk == missing_network_policy AND"
                    + " template_available",
                List.of("template_available")),
            entry(
                "security-optimization 4_remediate: risk == outdated_image AND patch_available",
                List.of("patch_available")),
            entry(
                "automated-rollback 3_decide: error_rate_increase > 200%",
                List.of("error_rate_increase")),
            entry(
                "automated-rollback 3_decide: latency_increase > 100%",
                List.of("latency_increase")));
  }

  private static RouteMatch route(Playbook p, Map<String, ?> facts) {
    return p.routing().orElseThrow().route(Facts.of(facts));
  }

  @Test
  void anUnknownNameListsTheSeedPlaybooks() {
    assertThatThrownBy(() -> SeedPlaybooks.load("incident-response"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("autonomous-incident-response, predictive-scaling");
  }

  /**
   * The shipped resources are byte for byte the seed's JSON blocks: their SHA-256, vendored in
   * {@code seed-playbooks.sha256}, is checked on every build, also on a fresh clone.
   */
  @Test
  void theResourcesAreTheSeedsJsonBlocksByTheirVendoredSha256() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : resource("seed-playbooks.sha256").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split("  ", 2);
        expected.put(parts[1], parts[0]);
      }
    }

    assertThat(expected).hasSize(5);
    for (String name : NAMES) {
      assertThat(sha256(SeedPlaybooks.json(name)))
          .as(name)
          .isEqualTo(expected.get(SeedPlaybooks.resource(name)));
    }
  }

  /**
   * And when the seed sits beside the repository ({@code ../shared/seed}), they are its blocks,
   * compared directly: this also checks the vendored hashes.
   */
  @Test
  void theResourcesAreTheSeedsJsonBlocksByteForByte() throws IOException {
    Path seed = repositoryRoot().resolveSibling("shared").resolve("seed/ai-playbooks-seed.md");
    assumeTrue(Files.exists(seed), "the seed is not beside the repository: " + seed);
    String md = Files.readString(seed, StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("\\*\\*Agent Workflow:\\*\\*\n```json\n(.*?)\n```", Pattern.DOTALL)
            .matcher(md);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1) + "\n");
    }

    assertThat(blocks).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(SeedPlaybooks.json(NAMES.get(i))).isEqualTo(blocks.get(i));
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("playbook-dsl/pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "cannot find the repository root from " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = SeedPlaybooksTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
