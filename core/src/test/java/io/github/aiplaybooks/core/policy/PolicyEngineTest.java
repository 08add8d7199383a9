package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.policy.Decision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of the policy engine, through its public API. */
class PolicyEngineTest {
  /** A Tuesday, in business hours (UTC). */
  static final String TUESDAY_10AM = "2024-01-02T10:00:00Z";

  /** A Saturday: off hours. */
  static final String SATURDAY_10AM = "2024-01-06T10:00:00Z";

  /** The seed's approval gates from Safety Controls, verbatim, and nothing else. */
  static final String SEED_APPROVAL_GATES =
      "{\n"
          + "  \"require_approval\": [\n"
          + "    \"delete_node\",\n"
          + "    \"modify_security_group\",\n"
          + "    \"change_rbac\",\n"
          + "    \"delete_pvc\",\n"
          + "    \"scale_down > 50%\"\n"
          + "  ],\n"
          + "  \"auto_approve\": [\n"
          + "    \"restart_pod\",\n"
          + "    \"scale_up < 2x\",\n"
          + "    \"add_resource_limits\",\n"
          + "    \"rotate_secrets\"\n"
          + "  ]\n"
          + "}";

  final MutableClock clock = MutableClock.at(TUESDAY_10AM);

  PolicyEngine engine(Policy policy) {
    return PolicyEngine.builder(policy).clock(clock).build();
  }

  static Facts facts(Object... nameValue) {
    Facts.Builder b = Facts.builder();
    for (int i = 0; i < nameValue.length; i += 2) {
      b.put((String) nameValue[i], nameValue[i + 1]);
    }
    return b.build();
  }

  static ActionRequest request(String action, Object... nameValue) {
    return ActionRequest.of(action, facts(nameValue));
  }

  @Nested
  class TheSeedsApprovalGates {
    final PolicyEngine gates = engine(Policy.parse(SEED_APPROVAL_GATES, "gates.json"));

    @Test
    void restartPodIsApprovedAutomatically() {
      Decision d = gates.decide(request("restart_pod"));
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(d.rule()).isEqualTo(new RuleRef("auto_approve", 0, "restart_pod"));
      assertThat(d.reasons()).first().isEqualTo("auto_approve[0]: the action is restart_pod");
    }

    @Test
    void deleteNodeRequiresApproval() {
      Decision d = gates.decide(request("delete_node"));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo("require_approval[0]");
    }

    @Test
    void scalingDownByMoreThanHalfRequiresApproval() {
      Decision d = gates.decide(request("scale_deployment", "replicas", 10, "target_replicas", 4));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule()).isEqualTo(new RuleRef("require_approval", 4, "scale_down > 50%"));
      assertThat(d.reasons()).first().asString().contains("scale_down (0.6) > 50% is true");
      assertThat(d.facts().get("scale_down")).contains(Quantity.number(0.6));
    }

    @Test
    void scalingDownByHalfOrLessIsNotAllowedByTheScaleUpRule() {
      // scale_up is 0 when scaling down, but scale_up < 2x is about scaling up: it does not apply.
      Decision d = gates.decide(request("scale_deployment", "replicas", 10, "target_replicas", 5));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      assertThat(d.facts().get("scale_down")).contains(Quantity.number(0.5));
      assertThat(d.facts().get("scale_up")).contains(Quantity.number(0));
    }

    @Test
    void keepingTheReplicaCountIsNeitherAScaleUpNorAScaleDown() {
      Decision d = gates.decide(request("scale_deployment", "replicas", 4, "target_replicas", 4));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
    }

    @Test
    void scalingUpByLessThanTwiceIsApprovedAutomatically() {
      Decision d = gates.decide(request("scale_deployment", "replicas", 4, "target_replicas", 7));
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(d.rule()).isEqualTo(new RuleRef("auto_approve", 1, "scale_up < 2x"));
      assertThat(d.facts().get("scale_up")).contains(Quantity.number(1.75));
    }

    @Test
    void scalingUpTwiceOrMoreNeedsAHuman() {
      Decision d = gates.decide(request("scale_deployment", "replicas", 4, "target_replicas", 8));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
    }

    @Test
    void scalingWithoutReplicaCountsFailsClosed() {
      Decision d = gates.decide(request("scale_deployment"));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo("require_approval[4]");
      assertThat(d.reasons().get(0))
          .isEqualTo(
              "require_approval[4]: scale_down > 50% cannot be decided: fact scale_down is"
                  + " missing, so it requires approval (fail closed)");
      assertThat(d.facts().contains("scale_up")).isFalse();
    }

    @Test
    void scalingUpFromZeroFailsClosed() {
      // No ratio: scale_up stays missing, so scale_up < 2x cannot allow.
      Decision d = gates.decide(request("scale_deployment", "replicas", 0, "target_replicas", 3));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      assertThat(d.reasons())
          .contains(
              "auto_approve[1] (scale_up < 2x) cannot be decided: fact scale_up is missing, so it"
                  + " does not allow (fail closed)");
      assertThat(d.facts().get("scale_down")).contains(Quantity.number(0));
    }

    @Test
    void aliasesInTheGatesAndInRequestsResolve() {
      Decision rbac = gates.decide(request("modify_rbac"));
      assertThat(rbac.rule()).isEqualTo(new RuleRef("require_approval", 2, "change_rbac"));
      assertThat(rbac.reasons().get(0))
          .isEqualTo("require_approval[2]: the action is modify_rbac (written change_rbac)");
      assertThat(gates.decide(request("change_security_group")).rule().id())
          .isEqualTo("require_approval[1]");
      assertThat(gates.decide(request("terminate_node")).rule().id())
          .isEqualTo("require_approval[0]");
      Decision deletePod = gates.decide(request("delete_pod"));
      assertThat(deletePod.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(deletePod.action()).isEqualTo("restart_pod");
      assertThat(deletePod.facts().get("action")).contains("restart_pod");
    }

    @Test
    void theScaleUpRuleDoesNotAllowActionsThatScaleNothing() {
      // scale_up is 0 for these, and 0 < 2x, but a rule about scaling up applies only to scale-ups.
      for (String action : List.of("drain_node", "cordon_node", "consolidate_lb", "update_image")) {
        Decision d = gates.decide(request(action));
        assertThat(d.outcome()).as(action).isEqualTo(Outcome.REQUIRE_APPROVAL);
        assertThat(d.rule().id()).as(action).isEqualTo(RuleRef.DEFAULT_APPROVAL);
        assertThat(d.facts().get("scale_up")).as(action).contains(Quantity.number(0));
      }
    }

    @Test
    void theScaleDownRuleDoesNotRequireApprovalForActionsThatScaleNothing() {
      Decision d = gates.decide(request("rotate_secrets"));
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(d.reasons()).noneMatch(r -> r.contains("scale_down"));
    }
  }

  @Nested
  class TheSeedsCombinedPolicy {
    final PolicyEngine seed = engine(Policy.seed());

    @Test
    void restartPodWithASmallBlastRadiusIsAllowedWithEveryReason() {
      Decision d = seed.decide(request("restart_pod", "severity", "P1", "blast_radius", 1));
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(d.rule().toString()).isEqualTo("auto_approve[0]: restart_pod");
      assertThat(d.reasons())
          .containsExactly(
              "auto_approve[0]: the action is restart_pod",
              "auto_approve_if[1]: action IN ['restart_pod', 'scale_deployment'] holds",
              "auto_approve_if[2]: blast_radius < 10_pods holds");
      assertThat(d.retryAt()).isEmpty();
      assertThat(d.decidedAt()).isEqualTo(Instant.parse(TUESDAY_10AM));
    }

    @Test
    void aRuleThatRequiresAHumanBeatsOneThatAllows() {
      Decision d = seed.decide(request("delete_node", "blast_radius", 1));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.reasons())
          .containsExactly(
              "require_approval[0]: the action is delete_node",
              "require_human_if[0]: action (delete_node) IN ['delete_node', 'modify_rbac',"
                  + " 'change_security_group'] is true");
      Decision restart = seed.decide(request("restart_pod", "blast_radius", 60));
      assertThat(restart.reasons())
          .containsExactly(
              "require_human_if[1]: blast_radius (60) > 50_pods is true",
              "auto_approve[0] (restart_pod) also holds, but a rule that requires approval wins",
              "auto_approve_if[1] (action IN ['restart_pod', 'scale_deployment']) also holds, but a"
                  + " rule that requires approval wins");
    }

    @Test
    void aLargeBlastRadiusNeedsAHumanEvenForRestarts() {
      Decision d = seed.decide(request("restart_pod", "blast_radius", "51_pods"));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule()).isEqualTo(new RuleRef("require_human_if", 1, "blast_radius > 50_pods"));
      assertThat(d.reasons().get(0))
          .isEqualTo("require_human_if[1]: blast_radius (51 pods) > 50_pods is true");
    }

    @Test
    void aMissingFactMakesARequireRuleMatch() {
      Decision d = seed.decide(request("restart_pod", "severity", "P1"));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo("require_human_if[1]");
      assertThat(d.reasons().get(0))
          .isEqualTo(
              "require_human_if[1]: blast_radius > 50_pods cannot be decided: fact blast_radius"
                  + " is missing, so it requires approval (fail closed)");
    }

    @Test
    void readsNeedNoBlastRadius() {
      Decision d = seed.decide(request("get"));
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(d.facts().get("blast_radius")).contains(Quantity.number(0));
    }

    @Test
    void aP0OffHoursIsApprovedAutomatically() {
      clock.set(SATURDAY_10AM);
      Decision d =
          seed.decide(request("rollback_deployment", "severity", "P0", "blast_radius", 20));
      assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(d.reasons())
          .contains("auto_approve_if[0]: severity == P0 AND off_hours == true holds");
    }
  }

  @Nested
  class MissingFactsFailClosed {
    final Policy policy =
        Policy.builder()
            .autoApproveIf("blast_radius < 10_pods")
            .requireHumanIf("cost_increase > 20%")
            .build();

    @Test
    void aMissingFactNeverMakesAnAutoRuleMatch() {
      Decision d = engine(policy).decide(request("drain_node", "cost_increase", "5%"));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      assertThat(d.reasons())
          .containsExactly(
              "no rule matched, and drain_node is MUTATE: an action that changes something needs"
                  + " a rule that allows it, or a human",
              "auto_approve_if[0] (blast_radius < 10_pods) cannot be decided: fact blast_radius is"
                  + " missing, so it does not allow (fail closed)");
    }

    @Test
    void aMissingFactAlwaysMakesARequireRuleMatch() {
      Decision d = engine(policy).decide(request("drain_node", "blast_radius", 2));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo("require_human_if[0]");
      assertThat(d.reasons().get(0)).contains("fact cost_increase is missing");
    }

    @Test
    void withEveryFactPresentTheRulesDecide() {
      assertThat(
              engine(policy)
                  .decide(request("drain_node", "blast_radius", 2, "cost_increase", "5%"))
                  .outcome())
          .isEqualTo(Outcome.ALLOW);
    }
  }

  @Nested
  class Defaults {
    final PolicyEngine empty = engine(Policy.builder().build());

    @Test
    void readsAreAllowedAndEverythingElseNeedsAHuman() {
      Decision read = empty.decide(request("get_metric_data"));
      assertThat(read.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(read.rule().id()).isEqualTo(RuleRef.DEFAULT_READ);
      assertThat(read.reasons()).containsExactly("no rule matched, and get_metric_data only reads");
      for (String action : List.of("restart_pod", "cordon_node", "consolidate_lb")) {
        Decision d = empty.decide(request(action));
        assertThat(d.outcome()).as(action).isEqualTo(Outcome.REQUIRE_APPROVAL);
        assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      }
    }

    @Test
    void requireRulesApplyToReadsToo() {
      PolicyEngine e = engine(Policy.builder().requireApproval("get").build());
      assertThat(e.decide(request("get")).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    }
  }

  @Nested
  class UnknownActionsAndInvalidFacts {
    final PolicyEngine seed = engine(Policy.seed());

    @Test
    void anUnknownActionIsDeniedNamingTheClosestKnownOne() {
      Decision d = seed.decide(request("restrat_pod", "blast_radius", 1));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule()).isEqualTo(new RuleRef("catalog", -1, "restrat_pod"));
      assertThat(d.reasons())
          .containsExactly(
              "unknown action 'restrat_pod' (did you mean 'restart_pod'?): an action that is not"
                  + " in the action catalog is refused");
      assertThat(d.action()).isEqualTo("restrat_pod");
    }

    @Test
    void aFactOfTheWrongTypeIsDenied() {
      Decision d = seed.decide(request("restart_pod", "blast_radius", "lots"));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule().name()).isEqualTo(RuleRef.FACTS);
      assertThat(d.reasons())
          .containsExactly(
              "invalid trusted facts: fact blast_radius is declared as a count of pods but is a"
                  + " string (lots)");
    }

    @Test
    void aNegativeCountIsDeniedEvenWhenNoRuleReadsIt() {
      Decision d = seed.decide(request("drain_node", "blast_radius", -500));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule().name()).isEqualTo(RuleRef.FACTS);
      assertThat(d.reasons())
          .containsExactly(
              "invalid trusted facts: fact blast_radius is declared as a count of pods but is"
                  + " -500: a count is never negative");
      PolicyEngine restartsOnly = engine(Policy.builder().autoApprove("restart_pod").build());
      Decision unread = restartsOnly.decide(request("restart_pod", "blast_radius", "-1"));
      assertThat(unread.outcome()).as(unread.toString()).isEqualTo(Outcome.DENY);
      assertThat(unread.rule().name()).isEqualTo(RuleRef.FACTS);
    }

    @Test
    void anActionFactThatNamesAnotherActionIsDenied() {
      Decision d = seed.decide(request("restart_pod", "action", "delete_node"));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.reasons())
          .containsExactly(
              "invalid trusted facts: fact action is 'delete_node', but the request is for"
                  + " restart_pod");
    }

    @Test
    void anActionFactThatIsAnAliasOfTheRequestIsFine() {
      Decision d = seed.decide(request("restart_pod", "action", "delete_pod", "blast_radius", 1));
      assertThat(d.outcome()).as(d.toString()).isEqualTo(Outcome.ALLOW);
    }
  }

  @Nested
  class EmergencyStops {
    @Test
    void thePolicysStopDeniesEverythingButReads() {
      PolicyEngine e = engine(Policy.seed().toBuilder().emergencyStop(true).build());
      Decision d = e.decide(request("restart_pod", "blast_radius", 1));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule().id()).isEqualTo(RuleRef.EMERGENCY_STOP);
      assertThat(d.reasons())
          .containsExactly(
              "emergency stop 'policy emergency_stop' is engaged: only READ actions run, and"
                  + " restart_pod is MUTATE");
      assertThat(e.decide(request("logs")).outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(e.decide(request("delete_node")).outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void stopsArePluggableAndReadOnEveryDecision() {
      AtomicBoolean operator = new AtomicBoolean();
      PolicyEngine e =
          PolicyEngine.builder(Policy.seed())
              .clock(clock)
              .emergencyStop(EmergencyStop.of("operator switch", operator::get))
              .build();
      ActionRequest restart = request("restart_pod", "blast_radius", 1);
      assertThat(e.decide(restart).outcome()).isEqualTo(Outcome.ALLOW);
      operator.set(true);
      assertThat(e.decide(restart).outcome()).isEqualTo(Outcome.DENY);
      assertThat(e.decide(restart).reasons().get(0))
          .startsWith("emergency stop 'operator switch' is engaged");
      operator.set(false);
      assertThat(e.decide(restart).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aStopThatCannotBeReadCountsAsEngaged() {
      PolicyEngine e =
          PolicyEngine.builder(Policy.seed())
              .clock(clock)
              .emergencyStop(
                  EmergencyStop.of(
                      "flag file",
                      () -> {
                        throw new IllegalStateException("disk gone");
                      }))
              .build();
      Decision d = e.decide(request("restart_pod", "blast_radius", 1));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.reasons().get(0))
          .startsWith("emergency stop 'flag file' could not be read")
          .contains("disk gone");
    }

    @Test
    void theStopComesBeforeRateLimitsAndRules() {
      PolicyEngine e = engine(Policy.seed().toBuilder().emergencyStop(true).build());
      Decision d = e.decide(request("restart_pod", "blast_radius", "lots"));
      assertThat(d.rule().id()).isEqualTo(RuleRef.EMERGENCY_STOP);
    }
  }

  @Nested
  class RateLimits {
    final PolicyEngine seed = engine(Policy.seed());
    final ActionRequest restart = request("restart_pod", "blast_radius", 1);

    private void execute(PolicyEngine e, ActionRequest r) {
      assertThat(e.decide(r).outcome()).isEqualTo(Outcome.ALLOW);
      e.reserve(r).orElseThrow().confirm();
    }

    @Test
    void theSixthRestartInAnHourIsDeniedUntilTheFirstLeavesTheWindow() {
      Instant first = clock.instant();
      for (int i = 0; i < 5; i++) {
        execute(seed, restart);
        clock.advance(Duration.ofMinutes(1));
      }
      clock.set(first.plus(Duration.ofMinutes(30)));
      Decision sixth = seed.decide(restart);
      assertThat(sixth.outcome()).isEqualTo(Outcome.DENY);
      assertThat(sixth.rule()).isEqualTo(new RuleRef("rate_limits.pod_restarts", -1, "5 per hour"));
      assertThat(sixth.retryAt()).contains(first.plus(Duration.ofHours(1)));
      assertThat(sixth.reasons())
          .containsExactly(
              "rate limit pod_restarts (5 per hour) reached: 5 executions in the last hour; a slot"
                  + " frees up at 2024-01-02T11:00:00Z");
      assertThat(seed.reserve(restart)).isEmpty();

      clock.set(first.plus(Duration.ofHours(1)).minusNanos(1));
      assertThat(seed.decide(restart).outcome()).isEqualTo(Outcome.DENY);
      clock.set(first.plus(Duration.ofHours(1)));
      assertThat(seed.decide(restart).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void decidingCountsNothing() {
      for (int i = 0; i < 20; i++) {
        assertThat(seed.decide(restart).outcome()).isEqualTo(Outcome.ALLOW);
      }
    }

    @Test
    void aReleasedReservationGivesItsSlotBack() {
      List<RateLimitReservation> held = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        held.add(seed.reserve(restart).orElseThrow());
      }
      assertThat(seed.decide(restart).outcome())
          .as("held reservations count before they are confirmed")
          .isEqualTo(Outcome.DENY);
      held.get(2).release();
      assertThat(seed.decide(restart).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aliasesCountAgainstTheSameCategory() {
      for (int i = 0; i < 5; i++) {
        execute(seed, request(i % 2 == 0 ? "delete_pod" : "restart_pod", "blast_radius", 1));
      }
      assertThat(seed.decide(request("delete_pod", "blast_radius", 1)).outcome())
          .isEqualTo(Outcome.DENY);
      assertThat(seed.decide(request("rollback_deployment", "blast_radius", 1)).outcome())
          .as("another category")
          .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void theLimitComesBeforeRulesThatRequireAHuman() {
      ActionRequest delete = request("delete_node", "blast_radius", 1);
      seed.recordExecution(delete, clock.instant().minus(Duration.ofMinutes(10)));
      seed.recordExecution(delete, clock.instant().minus(Duration.ofMinutes(5)));
      Decision d = seed.decide(delete);
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule().id()).isEqualTo("rate_limits.nodes_terminated");
      assertThat(d.retryAt()).contains(clock.instant().plus(Duration.ofMinutes(50)));
    }

    @Test
    void limitsPerTargetCountEachTargetApart() {
      PolicyEngine e =
          engine(
              Policy.parse(
                  "{\"rate_limits\": {\"deployments_modified\": {\"limit\": \"2 per hour\","
                      + " \"per\": \"target\"}}, \"auto_approve\": [\"rollback_deployment\"]}",
                  "per-target.json"));
      ActionRequest api =
          ActionRequest.builder("rollback_deployment")
              .target(Target.of("deployment", "default", "api"))
              .build();
      ActionRequest web = api.toBuilder().target(Target.of("deployment", "default", "web")).build();
      execute(e, api);
      execute(e, api);
      Decision third = e.decide(api);
      assertThat(third.outcome()).isEqualTo(Outcome.DENY);
      assertThat(third.reasons().get(0))
          .startsWith(
              "rate limit deployments_modified (2 per hour per target) reached for"
                  + " deployments_modified|target:default/deployment/api");
      assertThat(e.decide(web).outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(
              e.decide(web.toBuilder().target(Target.of("deployment", "prod", "api")).build())
                  .outcome())
          .isEqualTo(Outcome.ALLOW);

      Decision untargeted = e.decide(ActionRequest.of("rollback_deployment", Facts.empty()));
      assertThat(untargeted.outcome()).isEqualTo(Outcome.DENY);
      assertThat(untargeted.reasons())
          .containsExactly(
              "the rate limit deployments_modified (2 per hour per target) is counted per target,"
                  + " and the request names no target");
      assertThat(e.reserve(ActionRequest.of("rollback_deployment", Facts.empty()))).isEmpty();
    }

    @Test
    void limitsPerNamespaceCountEachNamespaceApart() {
      PolicyEngine e =
          engine(
              Policy.builder()
                  .rateLimit(
                      new RateLimit(
                          "pod_restarts",
                          io.github.aiplaybooks.core.condition.Rate.parse("1 per hour"),
                          RateLimit.Scope.NAMESPACE))
                  .autoApprove("restart_pod")
                  .build());
      ActionRequest a =
          ActionRequest.builder("restart_pod").target(Target.of("pod", "team-a", "x")).build();
      ActionRequest a2 =
          ActionRequest.builder("restart_pod").target(Target.of("pod", "team-a", "y")).build();
      ActionRequest b =
          ActionRequest.builder("restart_pod").target(Target.of("pod", "team-b", "x")).build();
      execute(e, a);
      assertThat(e.decide(a2).outcome()).isEqualTo(Outcome.DENY);
      assertThat(e.decide(b).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aLimitOfZeroNeverFreesUp() {
      PolicyEngine e =
          engine(
              Policy.builder()
                  .rateLimit("rbac_changes", "0 per hour")
                  .autoApprove("modify_rbac")
                  .build());
      Decision d = e.decide(request("modify_rbac"));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.retryAt()).isEmpty();
      assertThat(d.reasons().get(0)).endsWith("a limit of zero never admits");
    }

    @Test
    void actionsWithoutALimitReserveNothing() {
      Optional<RateLimitReservation> r = seed.reserve(request("drain_node"));
      assertThat(r).isPresent();
      assertThat(r.get().isCounted()).isFalse();
      assertThat(seed.reserve(request("no_such_action"))).isEmpty();
    }

    @Test
    void enginesSharingAStoreShareCounts() {
      RateLimitStore shared = new InMemoryRateLimitStore();
      PolicyEngine one =
          PolicyEngine.builder(Policy.seed()).clock(clock).rateLimitStore(shared).build();
      PolicyEngine two =
          PolicyEngine.builder(Policy.seed()).clock(clock).rateLimitStore(shared).build();
      for (int i = 0; i < 5; i++) {
        execute(i % 2 == 0 ? one : two, restart);
      }
      assertThat(one.decide(restart).outcome()).isEqualTo(Outcome.DENY);
      assertThat(two.decide(restart).outcome()).isEqualTo(Outcome.DENY);
    }
  }

  @Test
  void everyUndecidableAutoRuleIsNamedHoweverManyThereAre() {
    Policy.Builder b = Policy.builder();
    for (int i = 0; i < 70; i++) {
      b.fact("signal_" + i, io.github.aiplaybooks.core.condition.FactType.BOOLEAN)
          .autoApproveIf("signal_" + i + " == true");
    }
    Decision d = engine(b.build()).decide(request("drain_node"));
    assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    assertThat(d.reasons()).hasSize(71);
    for (int i = 0; i < 70; i++) {
      assertThat(d.reasons().get(i + 1))
          .isEqualTo(
              "auto_approve_if["
                  + i
                  + "] (signal_"
                  + i
                  + " == true) cannot be decided: fact signal_"
                  + i
                  + " is missing, so it does not allow (fail closed)");
    }
  }

  @Nested
  class ComputedFacts {
    final Policy offHoursPolicy =
        Policy.builder().autoApproveIf("severity == P0 AND off_hours == true").build();

    @Test
    void offHoursComesFromTheClockAndTheBusinessHours() {
      PolicyEngine e = engine(offHoursPolicy);
      ActionRequest p0 = request("drain_node", "severity", "P0");
      clock.set(SATURDAY_10AM);
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(e.decide(p0).facts().get("off_hours")).contains(true);
      clock.set(TUESDAY_10AM);
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      clock.set("2024-01-02T17:00:00Z");
      assertThat(e.decide(p0).outcome()).as("17:00 is after hours").isEqualTo(Outcome.ALLOW);
      clock.set("2024-01-02T08:59:59Z");
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void businessHoursFollowThePolicysZone() {
      Policy berlin =
          offHoursPolicy.toBuilder()
              .businessHours(BusinessHours.builder().zone(ZoneId.of("Europe/Berlin")).build())
              .build();
      PolicyEngine e = engine(berlin);
      ActionRequest p0 = request("drain_node", "severity", "P0");
      clock.set("2024-07-01T07:30:00Z"); // 09:30 in Berlin (summer time)
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      clock.set("2024-07-01T15:30:00Z"); // 17:30 in Berlin
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aReasonThatRestsOnAComputedOffHoursNamesTheHoursAndZone() {
      clock.set(SATURDAY_10AM);
      Decision undeclared = engine(offHoursPolicy).decide(request("drain_node", "severity", "P0"));
      assertThat(undeclared.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(undeclared.reasons())
          .containsExactly(
              "auto_approve_if[0]: severity == P0 AND off_hours == true holds",
              "off_hours is true: computed from the business hours MON-FRI 09:00-17:00 Z (the"
                  + " default: the policy declares no business_hours, so the zone is UTC)");
      assertThat(offHoursPolicy.declaresBusinessHours()).isFalse();
      assertThat(offHoursPolicy.warnings())
          .singleElement()
          .asString()
          .contains("declares no business_hours");

      Policy berlin =
          offHoursPolicy.toBuilder()
              .businessHours(BusinessHours.builder().zone(ZoneId.of("Europe/Berlin")).build())
              .build();
      assertThat(berlin.declaresBusinessHours()).isTrue();
      assertThat(berlin.warnings()).isEmpty();
      assertThat(berlin).isNotEqualTo(offHoursPolicy);
      clock.set(TUESDAY_10AM);
      Decision declared = engine(berlin).decide(request("drain_node", "severity", "P0"));
      assertThat(declared.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(declared.reasons())
          .endsWith(
              "off_hours is false: computed from the business hours MON-FRI 09:00-17:00"
                  + " Europe/Berlin (the policy's business_hours)");
    }

    @Test
    void noOffHoursNoteWhenTheFactIsGivenOrNoReasonReadsIt() {
      clock.set(SATURDAY_10AM);
      Decision given =
          engine(offHoursPolicy).decide(request("drain_node", "severity", "P0", "off_hours", true));
      assertThat(given.reasons())
          .containsExactly("auto_approve_if[0]: severity == P0 AND off_hours == true holds");
      Decision restart =
          engine(Policy.seed()).decide(request("restart_pod", "severity", "P1", "blast_radius", 1));
      assertThat(restart.reasons()).noneMatch(r -> r.startsWith("off_hours"));
    }

    @Test
    void anOvernightShiftEndsTheNextMorning() {
      Policy nights =
          offHoursPolicy.toBuilder()
              .businessHours(
                  BusinessHours.builder()
                      .hours(java.time.LocalTime.of(22, 0), java.time.LocalTime.of(6, 0))
                      .build())
              .build();
      PolicyEngine e = engine(nights);
      ActionRequest p0 = request("drain_node", "severity", "P0");
      clock.set("2024-01-06T05:00:00Z"); // Saturday 05:00: Friday night's shift
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      clock.set("2024-01-08T05:00:00Z"); // Monday 05:00: no shift started on Sunday
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.ALLOW);
      clock.set(TUESDAY_10AM);
      assertThat(e.decide(p0).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void trustedFactsWinOverComputedOnes() {
      PolicyEngine e = engine(offHoursPolicy);
      clock.set(SATURDAY_10AM);
      Decision d = e.decide(request("drain_node", "severity", "P0", "off_hours", false));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.facts().get("off_hours")).contains(false);

      PolicyEngine gates = engine(Policy.parse(SEED_APPROVAL_GATES, "gates.json"));
      Decision scale = gates.decide(request("scale_deployment", "scale_down", 0.9));
      assertThat(scale.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(scale.rule().id()).isEqualTo("require_approval[4]");
      assertThat(scale.facts().get("scale_down")).contains(Quantity.number(0.9));
    }

    @Test
    void theDecisionKeepsTheFactsTheRulesRead() {
      Decision d = engine(Policy.seed()).decide(request("restart_pod", "blast_radius", 1));
      assertThat(d.facts().names())
          .containsExactly("blast_radius", "action", "off_hours", "scale_up", "scale_down");
      assertThat(d.facts().get("off_hours")).contains(false);
    }
  }

  /** The architect's rule: only AUTO rules are scoped to the direction they read. */
  @Nested
  class ScaleRules {
    final Policy compoundRequire =
        Policy.builder()
            .requireHumanIf("scale_down > 50% OR blast_radius > 50_pods")
            .autoApprove("restart_pod", "scale_up < 2x")
            .build();

    ActionRequest scale(int from, int to, Object... more) {
      Object[] all = new Object[4 + more.length];
      all[0] = "replicas";
      all[1] = from;
      all[2] = "target_replicas";
      all[3] = to;
      System.arraycopy(more, 0, all, 4, more.length);
      return request("scale_deployment", all);
    }

    @Test
    void aCompoundRequireRuleReadsComputedScaleFactsPlainlyForAnyAction() {
      PolicyEngine e = engine(compoundRequire);
      Decision restart = e.decide(request("restart_pod", "blast_radius", 500));
      assertThat(restart.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(restart.rule().id()).isEqualTo("require_human_if[0]");
      Decision up = e.decide(scale(4, 6, "blast_radius", 500));
      assertThat(up.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(up.rule().id()).isEqualTo("require_human_if[0]");
      assertThat(e.decide(request("restart_pod", "blast_radius", 5)).outcome())
          .isEqualTo(Outcome.ALLOW);
      Decision down = e.decide(scale(10, 4, "blast_radius", 5));
      assertThat(down.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(down.rule().id()).isEqualTo("require_human_if[0]");
    }

    @Test
    void aRequireRuleAboutScalingUpReadsZeroForAnActionThatScalesNothing() {
      PolicyEngine e =
          engine(
              Policy.builder().requireHumanIf("scale_up < 2x").autoApprove("restart_pod").build());
      Decision d = e.decide(request("restart_pod"));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.reasons().get(0)).isEqualTo("require_human_if[0]: scale_up (0) < 2x is true");
    }

    @Test
    void aCompoundAutoRuleThatReadsScaleUpAllowsOnlyScaleUps() {
      PolicyEngine e =
          engine(Policy.builder().autoApproveIf("scale_up < 2x OR blast_radius < 10_pods").build());
      assertThat(e.decide(request("drain_node", "blast_radius", 1)).outcome())
          .as("no scale-up: the rule is about scaling up")
          .isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(e.decide(scale(10, 6, "blast_radius", 1)).outcome())
          .as("a scale-down")
          .isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(e.decide(scale(4, 4, "blast_radius", 1)).outcome())
          .as("no change")
          .isEqualTo(Outcome.REQUIRE_APPROVAL);
      Decision up = e.decide(scale(4, 6, "blast_radius", 500));
      assertThat(up.outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(up.rule().id()).isEqualTo("auto_approve_if[0]");
    }

    @Test
    void anAutoRuleThatReadsScaleDownAllowsOnlyScaleDowns() {
      PolicyEngine e = engine(Policy.builder().autoApproveIf("scale_down < 30%").build());
      assertThat(e.decide(scale(10, 8)).outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(e.decide(scale(4, 6)).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(e.decide(request("cordon_node")).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    }

    @Test
    void anAutoRuleThatReadsBothDirectionsAllowsEither() {
      PolicyEngine e =
          engine(Policy.builder().autoApproveIf("scale_up < 2x AND scale_down < 30%").build());
      assertThat(e.decide(scale(10, 8)).outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(e.decide(scale(4, 6)).outcome()).isEqualTo(Outcome.ALLOW);
      assertThat(e.decide(scale(4, 4)).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(e.decide(request("cordon_node")).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    }

    @Test
    void withoutReplicaCountsAnAutoScaleRuleNeverAllows() {
      PolicyEngine e =
          engine(Policy.builder().autoApproveIf("scale_up < 2x OR blast_radius < 10_pods").build());
      Decision d = e.decide(request("scale_deployment", "blast_radius", 1));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      assertThat(d.reasons())
          .contains(
              "auto_approve_if[0] (scale_up < 2x OR blast_radius < 10_pods) cannot be decided:"
                  + " fact scale_up is missing, so it does not allow (fail closed)");
    }

    @Test
    void scaleNodegroupChangesReplicasSoTheSeedAsksBeforeHalvingANodeGroup() {
      Decision d =
          engine(Policy.seed())
              .decide(
                  request(
                      "scale_nodegroup", "replicas", 10, "target_replicas", 1, "blast_radius", 0));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule()).isEqualTo(new RuleRef("require_approval", 4, "scale_down > 50%"));
      assertThat(
              ActionCatalog.defaults().resolve("scale_nodegroup").orElseThrow().changesReplicas())
          .isTrue();
    }
  }

  @Nested
  class ScaleFacts {
    final PolicyEngine gates = engine(Policy.parse(SEED_APPROVAL_GATES, "gates.json"));

    @Test
    void aSuppliedScaleFactThatDisagreesWithTheReplicaCountsIsDenied() {
      Decision d =
          gates.decide(
              request(
                  "scale_deployment",
                  "replicas",
                  10,
                  "target_replicas",
                  2,
                  "scale_up",
                  1.5,
                  "blast_radius",
                  5));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule().name()).isEqualTo(RuleRef.FACTS);
      assertThat(d.reasons())
          .containsExactly(
              "invalid trusted facts: fact scale_up is 1.5, but replicas 10 and target_replicas"
                  + " 2 make it 0");
    }

    @Test
    void bothDirectionsAtOnceAreDenied() {
      Decision d = gates.decide(request("scale_deployment", "scale_up", 1.5, "scale_down", 0.8));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.reasons())
          .containsExactly(
              "invalid trusted facts: facts scale_up (1.5) and scale_down (0.8) are both"
                  + " positive, but a request scales one way");
    }

    @Test
    void negativeScaleFactsAndReplicaCountsAreDenied() {
      for (ActionRequest r :
          List.of(
              request("scale_deployment", "scale_up", -1),
              request("scale_deployment", "scale_down", "-10%"),
              request("scale_deployment", "replicas", -3, "target_replicas", 2),
              request("scale_deployment", "replicas", 3, "target_replicas", -2))) {
        Decision d = gates.decide(r);
        assertThat(d.outcome()).as(r.toString()).isEqualTo(Outcome.DENY);
        assertThat(d.rule().name()).as(r.toString()).isEqualTo(RuleRef.FACTS);
        assertThat(d.reasons().get(0)).as(r.toString()).contains("negative");
      }
    }

    @Test
    void suppliedScaleFactsThatAgreeAreKept() {
      Decision d =
          gates.decide(
              request(
                  "scale_deployment",
                  "replicas",
                  10,
                  "target_replicas",
                  9,
                  "scale_down",
                  0.1,
                  "scale_up",
                  0));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      assertThat(d.facts().get("scale_down")).contains(Quantity.number(0.1));
    }

    @Test
    void anActionThatScalesNothingCannotClaimToScale() {
      Decision d = gates.decide(request("drain_node", "scale_up", 1.5));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.reasons())
          .containsExactly(
              "invalid trusted facts: fact scale_up is 1.5, but drain_node changes no replica"
                  + " count, so it is 0");
    }
  }

  @Nested
  class TargetFacts {
    final Policy protectProduction =
        Policy.builder()
            .requireHumanIf("namespace == production", "cluster == prod-eu")
            .autoApprove("restart_pod")
            .build();

    ActionRequest restart(Target target, Object... facts) {
      return ActionRequest.builder("restart_pod").target(target).facts(facts(facts)).build();
    }

    @Test
    void theNamespaceAndClusterFactsComeFromTheTarget() {
      PolicyEngine e = engine(protectProduction);
      Decision d = e.decide(restart(Target.of("pod", "production", "api-1")));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo("require_human_if[0]");
      assertThat(d.facts().get("namespace")).contains("production");
      Decision inCluster =
          e.decide(restart(Target.of("pod", "staging", "api-1").inCluster("prod-eu")));
      assertThat(inCluster.rule().id()).isEqualTo("require_human_if[1]");
      assertThat(inCluster.facts().get("cluster")).contains("prod-eu");
      Decision staging = e.decide(restart(Target.of("pod", "staging", "api-1").inCluster("dev")));
      assertThat(staging.outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aTrustedFactThatDisagreesWithTheTargetIsDenied() {
      PolicyEngine e = engine(protectProduction);
      Decision d =
          e.decide(restart(Target.of("pod", "production", "api-1"), "namespace", "staging"));
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule().name()).isEqualTo(RuleRef.FACTS);
      assertThat(d.reasons())
          .containsExactly(
              "invalid trusted facts: fact namespace is 'staging', but the target is in namespace"
                  + " production");
      Decision cluster =
          e.decide(
              restart(Target.of("pod", "staging", "api-1").inCluster("prod-eu"), "cluster", "dev"));
      assertThat(cluster.outcome()).isEqualTo(Outcome.DENY);
      assertThat(cluster.reasons().get(0)).contains("fact cluster is 'dev'");
      assertThat(
              e.decide(
                      restart(
                          Target.of("pod", "staging", "api-1").inCluster("dev"),
                          "namespace",
                          "staging"))
                  .outcome())
          .as("agreeing is fine")
          .isEqualTo(Outcome.ALLOW);
    }
  }

  @Nested
  class DestructiveActions {
    @Test
    void theSeedsSmallBlastRadiusRuleDoesNotAllowADestructiveAction() {
      Decision d = engine(Policy.seed()).decide(request("consolidate_lb", "blast_radius", 0));
      assertThat(d.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      assertThat(d.rule().id()).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      assertThat(d.reasons())
          .containsExactly(
              "no rule matched, and consolidate_lb is DESTRUCTIVE: a destructive action is allowed"
                  + " only by a rule that names it, or by a human",
              "auto_approve_if[2] (blast_radius < 10_pods) holds, but it does not name"
                  + " consolidate_lb, which is DESTRUCTIVE");
    }

    @Test
    void aRuleThatNamesTheActionAllowsIt() {
      for (String rule :
          List.of(
              "consolidate_lb",
              "action == consolidate_lb",
              "action IN ['delete_pvc', 'consolidate_lb']",
              "action == consolidate_lb AND blast_radius < 10_pods",
              "action == consolidate_lb OR blast_radius < 10_pods")) {
        PolicyEngine e = engine(Policy.builder().autoApproveIf(rule).build());
        Decision d = e.decide(request("consolidate_lb", "blast_radius", 1));
        assertThat(d.outcome()).as(rule).isEqualTo(Outcome.ALLOW);
      }
      PolicyEngine aliased = engine(Policy.builder().autoApprove("delete_unused_pvc").build());
      assertThat(aliased.decide(request("delete_pvc")).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aRuleThatOnlyExcludesOtherActionsDoesNotNameIt() {
      for (String rule :
          List.of(
              "action != delete_node",
              "NOT action IN ['delete_node']",
              "action != consolidate_lb OR blast_radius < 10_pods",
              "blast_radius < 10_pods",
              "true")) {
        PolicyEngine e = engine(Policy.builder().autoApproveIf(rule).build());
        Decision d = e.decide(request("consolidate_lb", "blast_radius", 1));
        assertThat(d.outcome()).as(rule).isEqualTo(Outcome.REQUIRE_APPROVAL);
        assertThat(d.rule().id()).as(rule).isEqualTo(RuleRef.DEFAULT_APPROVAL);
      }
    }
  }
}
