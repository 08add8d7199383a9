package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Facts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Decisions as JSON, policies as values, warnings, and decisions on many rules. */
class DecisionAndPolicyValuesTest {
  static final Instant T0 = Instant.parse("2024-01-06T10:00:00Z");
  final MutableClock clock = new MutableClock(T0);

  @Test
  void aDecisionIsJsonThatAnyMapperWritesTheSame() {
    PolicyEngine e = PolicyEngine.builder(Policy.seed()).clock(clock).build();
    Decision d =
        e.decide(
            ActionRequest.builder("restart_pod")
                .target(Target.of("pod", "default", "api-1"))
                .facts(
                    Facts.builder()
                        .put("blast_radius", "3_pods")
                        .put("severity", "P1")
                        .put("cost_increase", "12%")
                        .put("replicas", 3)
                        .build())
                .build());
    JsonMapper json = JsonMapper.builder().build();
    JsonNode tree = json.readTree(d.toJson());
    assertThat(tree.propertyNames())
        .containsExactly("decision", "reasons", "rule", "action", "facts", "decided_at");
    assertThat(tree.get("decision").stringValue()).isEqualTo("ALLOW");
    assertThat(tree.get("rule").stringValue()).isEqualTo("auto_approve[0]: restart_pod");
    assertThat(tree.get("reasons").get(0).stringValue())
        .isEqualTo("auto_approve[0]: the action is restart_pod");
    assertThat(tree.get("action").stringValue()).isEqualTo("restart_pod");
    assertThat(tree.get("decided_at").stringValue()).isEqualTo("2024-01-06T10:00:00Z");
    JsonNode facts = tree.get("facts");
    assertThat(facts.get("blast_radius").stringValue()).isEqualTo("3_pods");
    assertThat(facts.get("cost_increase").stringValue()).isEqualTo("12%");
    assertThat(facts.get("replicas").isNumber()).isTrue();
    assertThat(facts.get("off_hours").booleanValue()).isTrue();
    assertThat(facts.get("namespace").stringValue()).isEqualTo("default");
    assertThat(Facts.fromJson(facts)).as("the facts read back").isEqualTo(d.facts());
    assertThat(json.writeValueAsString(d)).isEqualTo(d.toJson());
  }

  @Test
  void aRateLimitDenialCarriesItsRetryInstant() {
    PolicyEngine e = PolicyEngine.builder(Policy.seed()).clock(clock).build();
    ActionRequest restart =
        ActionRequest.of("restart_pod", Facts.builder().put("blast_radius", 1).build());
    for (int i = 0; i < 5; i++) {
      e.reserve(restart).orElseThrow().confirm();
    }
    JsonNode tree = JsonMapper.builder().build().readTree(e.decide(restart).toJson());
    assertThat(tree.get("decision").stringValue()).isEqualTo("DENY");
    assertThat(tree.get("retry_at").stringValue()).isEqualTo("2024-01-06T11:00:00Z");
  }

  @Test
  void policiesWithTheSameRulesAreEqual() {
    String json =
        "{\"rate_limits\": {\"pod_restarts\": \"5 per hour\"}, \"auto_approve\":"
            + " [\"restart_pod\"], \"require_human_if\": [\"blast_radius > 50_pods\"]}";
    Policy a = Policy.parse(json, "a.json");
    Policy b = Policy.parse(json, "b.json");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThat(Policy.seed()).isEqualTo(Policy.seed());
    assertThat(a).isNotEqualTo(a.toBuilder().emergencyStop(true).build());
    assertThat(a).isNotEqualTo(a.toBuilder().autoApproveIf("blast_radius < 10_pods").build());
    assertThat(a).isNotEqualTo(Policy.parse(json.replace("5 per hour", "6 per hour"), "c.json"));
  }

  @Test
  void readingOffHoursWithoutBusinessHoursWarns() {
    Policy bare = Policy.builder().autoApproveIf("severity == P0 AND off_hours == true").build();
    assertThat(bare.warnings())
        .containsExactly(
            "a rule reads off_hours, but the policy declares no business_hours, so they are the"
                + " default MON-FRI 09:00-17:00 Z (Monday to Friday, 09:00 to 17:00, UTC); declare"
                + " \"business_hours\" with your zone");
    assertThat(
            bare.toBuilder()
                .businessHours(
                    BusinessHours.builder().zone(java.time.ZoneId.of("Europe/Berlin")).build())
                .build()
                .warnings())
        .isEmpty();
    assertThat(Policy.builder().autoApprove("restart_pod").build().warnings()).isEmpty();
    assertThat(Policy.seed().warnings()).as("the seed policy declares its hours").isEmpty();
  }

  @Test
  void everyUndecidedRuleIsReportedHoweverManyThereAre() {
    Policy.Builder b = Policy.builder();
    for (int i = 0; i < 70; i++) {
      b.autoApproveIf("blast_radius < " + i + "_pods");
    }
    Decision d =
        PolicyEngine.builder(b.build())
            .clock(clock)
            .build()
            .decide(ActionRequest.of("drain_node", Facts.empty()));
    List<String> undecided = new ArrayList<>(d.reasons());
    undecided.removeIf(r -> !r.contains("cannot be decided"));
    assertThat(undecided).hasSize(70);
    assertThat(undecided.get(69)).startsWith("auto_approve_if[69] (blast_radius < 69_pods)");
  }
}
