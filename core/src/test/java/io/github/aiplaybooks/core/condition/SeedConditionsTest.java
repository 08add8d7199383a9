package io.github.aiplaybooks.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition the seed writes, in every block that holds conditions, with facts that make it
 * true and facts that make it false; compiled without declarations and against a typed schema such
 * as the policy engine uses.
 */
class SeedConditionsTest {

  /** A seed condition with facts that make it true and facts that make it false. */
  record SeedCase(
      String block, String condition, Map<String, ?> whenTrue, Map<String, ?> whenFalse) {
    @Override
    public String toString() {
      return block + ": " + condition;
    }
  }

  static Stream<SeedCase> seedConditions() {
    return Stream.of(
        // Playbook 1, 5_approve.auto_approve_if
        new SeedCase(
            "auto_approve_if",
            "severity == P0 AND off_hours == true",
            Map.of("severity", "P0", "off_hours", true),
            Map.of("severity", "P1", "off_hours", true)),
        new SeedCase(
            "auto_approve_if",
            "action IN ['restart_pod', 'scale_deployment']",
            Map.of("action", "scale_deployment"),
            Map.of("action", "delete_node")),
        new SeedCase(
            "auto_approve_if",
            "blast_radius < 10_pods",
            Map.of("blast_radius", 9),
            Map.of("blast_radius", "10_pods")),
        // Playbook 1, 5_approve.require_human_if
        new SeedCase(
            "require_human_if",
            "action IN ['delete_node', 'modify_rbac', 'change_security_group']",
            Map.of("action", "modify_rbac"),
            Map.of("action", "restart_pod")),
        new SeedCase(
            "require_human_if",
            "blast_radius > 50_pods",
            Map.of("blast_radius", "51_pods"),
            Map.of("blast_radius", 50)),
        // Playbook 1, 7_verify.checks
        new SeedCase(
            "checks",
            "alert_cleared",
            Map.of("alert_cleared", true),
            Map.of("alert_cleared", false)),
        new SeedCase(
            "checks",
            "metrics_normalized",
            Map.of("metrics_normalized", true),
            Map.of("metrics_normalized", false)),
        new SeedCase(
            "checks",
            "no_new_errors",
            Map.of("no_new_errors", true),
            Map.of("no_new_errors", false)),
        // Playbook 2, 4_recommend.constraints
        new SeedCase(
            "constraints",
            "min_replicas >= 2",
            Map.of("min_replicas", 2),
            Map.of("min_replicas", 1)),
        new SeedCase(
            "constraints",
            "max_replicas <= 100",
            Map.of("max_replicas", 100),
            Map.of("max_replicas", 101)),
        new SeedCase(
            "constraints",
            "cost_increase < 20%",
            Map.of("cost_increase", "19.5%"),
            Map.of("cost_increase", 0.2)),
        // Playbook 2, 5_execute.if
        new SeedCase(
            "if",
            "confidence > 0.85 AND predicted_load_increase > 30%",
            Map.of("confidence", 0.9, "predicted_load_increase", "45%"),
            Map.of("confidence", 0.85, "predicted_load_increase", "45%")),
        // Playbook 3, 4_remediate.auto_fix_if
        new SeedCase(
            "auto_fix_if",
            "risk == exposed_service AND namespace != production",
            Map.of("risk", "exposed_service", "namespace", "staging"),
            Map.of("risk", "exposed_service", "namespace", "production")),
        new SeedCase(
            "auto_fix_if",
            "risk == missing_network_policy AND template_available",
            Map.of("risk", "missing_network_policy", "template_available", true),
            Map.of("risk", "missing_network_policy", "template_available", false)),
        new SeedCase(
            "auto_fix_if",
            "risk == outdated_image AND patch_available",
            Map.of("risk", "outdated_image", "patch_available", true),
            Map.of("risk", "exposed_service", "patch_available", true)),
        // Playbook 4, 4_execute.auto_apply_if
        new SeedCase(
            "auto_apply_if",
            "savings > $50/month",
            Map.of("savings", "$65/month"),
            Map.of("savings", "$45/month")),
        new SeedCase("auto_apply_if", "risk == low", Map.of("risk", "low"), Map.of("risk", "high")),
        new SeedCase(
            "auto_apply_if",
            "approval_not_required",
            Map.of("approval_not_required", true),
            Map.of("approval_not_required", false)),
        // Playbook 5, 1_detect.checks
        new SeedCase(
            "checks",
            "pod_ready_rate > 80%",
            Map.of("pod_ready_rate", 0.95),
            Map.of("pod_ready_rate", "75%")),
        new SeedCase(
            "checks", "error_rate < 1%", Map.of("error_rate", "0.5%"), Map.of("error_rate", 0.02)),
        new SeedCase(
            "checks",
            "latency_p99 < 500ms",
            Map.of("latency_p99", "350ms"),
            Map.of("latency_p99", "0.6s")),
        // Playbook 5, 3_decide.rollback_if
        new SeedCase(
            "rollback_if",
            "error_rate_increase > 200%",
            Map.of("error_rate_increase", 2.5),
            Map.of("error_rate_increase", "200%")),
        new SeedCase(
            "rollback_if",
            "latency_increase > 100%",
            Map.of("latency_increase", "150%"),
            Map.of("latency_increase", 1.0)),
        new SeedCase(
            "rollback_if",
            "pod_crash_rate > 20%",
            Map.of("pod_crash_rate", "25%"),
            Map.of("pod_crash_rate", 0.1)),
        // Safety Controls, require_approval
        new SeedCase(
            "require_approval",
            "delete_node",
            Map.of("delete_node", true),
            Map.of("delete_node", false)),
        new SeedCase(
            "require_approval",
            "modify_security_group",
            Map.of("modify_security_group", true),
            Map.of("modify_security_group", false)),
        new SeedCase(
            "require_approval",
            "change_rbac",
            Map.of("change_rbac", true),
            Map.of("change_rbac", false)),
        new SeedCase(
            "require_approval",
            "delete_pvc",
            Map.of("delete_pvc", true),
            Map.of("delete_pvc", false)),
        new SeedCase(
            "require_approval",
            "scale_down > 50%",
            Map.of("scale_down", 0.6),
            Map.of("scale_down", "50%")),
        // Safety Controls, auto_approve
        new SeedCase(
            "auto_approve",
            "restart_pod",
            Map.of("restart_pod", true),
            Map.of("restart_pod", false)),
        new SeedCase(
            "auto_approve", "scale_up < 2x", Map.of("scale_up", 1.5), Map.of("scale_up", "2x")),
        new SeedCase(
            "auto_approve",
            "add_resource_limits",
            Map.of("add_resource_limits", true),
            Map.of("add_resource_limits", false)),
        new SeedCase(
            "auto_approve",
            "rotate_secrets",
            Map.of("rotate_secrets", true),
            Map.of("rotate_secrets", false)));
  }

  /** The facts of the seed with types, as the policy engine and playbook loader declare them. */
  static final FactSchema SEED_SCHEMA =
      FactSchema.builder()
          .fact("severity", FactType.oneOf(List.of("P0", "P1", "P2", "P3")))
          .fact("off_hours", FactType.BOOLEAN)
          .fact(
              "action",
              FactType.oneOf(
                  Map.of(
                      "restart_pod", "restart_pod",
                      "delete_pod", "restart_pod",
                      "scale_deployment", "scale_deployment",
                      "delete_node", "delete_node",
                      "modify_rbac", "modify_rbac",
                      "change_rbac", "modify_rbac",
                      "modify_security_group", "modify_security_group",
                      "change_security_group", "modify_security_group")))
          .fact("blast_radius", FactType.count("pods"))
          .fact("alert_cleared", FactType.BOOLEAN)
          .fact("metrics_normalized", FactType.BOOLEAN)
          .fact("no_new_errors", FactType.BOOLEAN)
          .fact("min_replicas", FactType.NUMBER)
          .fact("max_replicas", FactType.NUMBER)
          .fact("cost_increase", FactType.RATIO)
          .fact("confidence", FactType.NUMBER)
          .fact("predicted_load_increase", FactType.RATIO)
          .fact("risk", FactType.SYMBOL)
          .fact("namespace", FactType.SYMBOL)
          .fact("template_available", FactType.BOOLEAN)
          .fact("patch_available", FactType.BOOLEAN)
          .fact("savings", FactType.MONEY)
          .fact("approval_not_required", FactType.BOOLEAN)
          .fact("pod_ready_rate", FactType.RATIO)
          .fact("error_rate", FactType.RATIO)
          .fact("latency_p99", FactType.DURATION)
          .fact("error_rate_increase", FactType.RATIO)
          .fact("latency_increase", FactType.RATIO)
          .fact("pod_crash_rate", FactType.RATIO)
          .fact("delete_node", FactType.BOOLEAN)
          .fact("modify_security_group", FactType.BOOLEAN)
          .fact("change_rbac", FactType.BOOLEAN)
          .fact("delete_pvc", FactType.BOOLEAN)
          .fact("scale_down", FactType.RATIO)
          .fact("restart_pod", FactType.BOOLEAN)
          .fact("scale_up", FactType.RATIO)
          .fact("add_resource_limits", FactType.BOOLEAN)
          .fact("rotate_secrets", FactType.BOOLEAN)
          .build();

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedConditions")
  void holdsForTheTrueFactsAndNotForTheFalseOnes(SeedCase c) {
    Condition condition = Condition.compile(c.condition());

    assertThat(condition.test(Facts.of(c.whenTrue()))).isTrue();
    assertThat(condition.test(Facts.of(c.whenFalse()))).isFalse();
    assertThat(condition.evaluate(Facts.of(c.whenTrue()))).isEqualTo(Truth.TRUE);
    assertThat(condition.evaluate(Facts.of(c.whenFalse()))).isEqualTo(Truth.FALSE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedConditions")
  void holdsTheSameWhenCompiledAgainstTheTypedSeedSchema(SeedCase c) {
    Condition condition = Condition.compile(c.condition(), SEED_SCHEMA);

    assertThat(condition.test(Facts.of(c.whenTrue()))).isTrue();
    assertThat(condition.test(Facts.of(c.whenFalse()))).isFalse();
    assertThat(condition.factNames()).isSubsetOf(SEED_SCHEMA.names());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedConditions")
  void isUnknownWithoutFactsAndNamesAMissingOneWhenTested(SeedCase c) {
    Condition condition = Condition.compile(c.condition());

    assertThat(condition.evaluate(Facts.empty())).isEqualTo(Truth.UNKNOWN);
    assertThatThrownBy(() -> condition.test(Facts.empty()))
        .isInstanceOfSatisfying(
            UnknownFactException.class, e -> assertThat(c.whenTrue()).containsKey(e.factName()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedConditions")
  void normalizesToTheSeedsOwnSpelling(SeedCase c) {
    Condition condition = Condition.compile(c.condition());

    assertThat(condition.normalized()).isEqualTo(c.condition());
    assertThat(condition.source()).isEqualTo(c.condition());
    assertThat(condition.factNames()).containsExactlyInAnyOrderElementsOf(c.whenTrue().keySet());
  }

  @Test
  void bareActionNamesOfTheApprovalGatesAreBareIdentifiers() {
    for (String gate :
        List.of(
            "delete_node",
            "modify_security_group",
            "change_rbac",
            "delete_pvc",
            "restart_pod",
            "add_resource_limits",
            "rotate_secrets")) {
      assertThat(Condition.compile(gate).bareIdentifier()).contains(gate);
    }
    assertThat(Condition.compile("scale_down > 50%").bareIdentifier()).isEmpty();
    assertThat(Condition.compile("NOT delete_node").bareIdentifier()).isEmpty();
  }

  @Test
  void actionAliasesOfTheSeedResolveThroughAOneOfType() {
    Condition requireHuman =
        Condition.compile(
            "action IN ['delete_node', 'modify_rbac', 'change_security_group']", SEED_SCHEMA);

    assertThat(requireHuman.test(Facts.of(Map.of("action", "modify_security_group")))).isTrue();
    assertThat(requireHuman.test(Facts.of(Map.of("action", "change_rbac")))).isTrue();
    assertThat(requireHuman.test(Facts.of(Map.of("action", "delete_pod")))).isFalse();
  }

  @Test
  void playbookLiteralsOfTheSeedParse() {
    assertThat(Rate.parse("5 per hour")).isEqualTo(new Rate(5, Duration.ofHours(1)));
    assertThat(Rate.parse("10 per hour")).isEqualTo(new Rate(10, Duration.ofHours(1)));
    assertThat(Rate.parse("2 per hour")).isEqualTo(new Rate(2, Duration.ofHours(1)));
    assertThat(Rate.parse("1 per hour")).isEqualTo(new Rate(1, Duration.ofHours(1)));
    assertThat(DurationLiteral.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationLiteral.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationLiteral.parse("last_7_days")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationLiteral.parse("last_30_days")).isEqualTo(Duration.ofDays(30));
    assertThat(DurationLiteral.parse("next_4_hours")).isEqualTo(Duration.ofHours(4));
    assertThat(TimeWindow.parse("last_7_days"))
        .isEqualTo(new TimeWindow(TimeWindow.Direction.PAST, Duration.ofDays(7)));
    assertThat(TimeWindow.parse("next_4_hours"))
        .isEqualTo(new TimeWindow(TimeWindow.Direction.FUTURE, Duration.ofHours(4)));
    assertThat(Quantity.parse("$120/month").baseValue()).isEqualTo(120.0);
    assertThat(Quantity.parse("$45/month").baseValue()).isEqualTo(45.0);
    assertThat(Quantity.parse("$65/month").baseValue()).isEqualTo(65.0);
    assertThat(Quantity.parse("0.85").baseValue()).isEqualTo(0.85);
  }
}
