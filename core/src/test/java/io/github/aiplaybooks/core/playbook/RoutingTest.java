package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private static final Routing TREE =
      Routing.of(
          List.of(
              Route.branch(
                  "P0",
                  Condition.compile("severity == P0"),
                  List.of(
                      Route.leaf(
                          "GuardDuty",
                          Condition.compile("source == guardduty"),
                          List.of("isolate_pod", "notify")),
                      Route.leaf(
                          "Crash rate",
                          Condition.compile("pod_crash_rate > 50%"),
                          List.of("rollback_deployment")))),
              Route.leaf(
                  "Any P0 or P1 with many pods",
                  Condition.compile("blast_radius > 50_pods"),
                  List.of("escalate"))));

  @Test
  void theFirstLeafWhosePathHoldsWinsDepthFirst() {
    RouteMatch m = TREE.route(Facts.of(Map.of("severity", "P0", "source", "guardduty")));

    assertThat(m.path()).containsExactly("P0", "GuardDuty");
    assertThat(m.runbook()).containsExactly("isolate_pod", "notify");
    assertThat(m.fallback()).isFalse();
  }

  @Test
  void aBranchWithoutAMatchingLeafFallsThroughToLaterRoutes() {
    RouteMatch m =
        TREE.route(
            Facts.of(
                Map.of(
                    "severity",
                    "P0",
                    "source",
                    "cloudwatch",
                    "pod_crash_rate",
                    0.1,
                    "blast_radius",
                    60)));

    assertThat(m.path()).containsExactly("Any P0 or P1 with many pods");
    assertThat(m.runbook()).containsExactly("escalate");
  }

  @Test
  void theDefaultRouteIsTakenOnlyWhenEveryRouteIsDecidablyFalse() {
    RouteMatch m =
        TREE.route(Facts.of(Map.of("severity", "P2", "blast_radius", 3, "source", "guardduty")));

    assertThat(m.decided()).isTrue();
    assertThat(m.fallback()).isTrue();
    assertThat(m.path()).isEmpty();
    assertThat(m.runbook()).isEqualTo(Routing.DEFAULT_FALLBACK);
  }

  @Test
  void aMissingFactMakesRoutingUndecidedNamingTheRouteAndTheFactNeverTheFallback() {
    RouteMatch m = TREE.route(Facts.of(Map.of("severity", "P0")));

    assertThat(m.decided()).isFalse();
    assertThat(m.fallback()).isFalse();
    assertThat(m.runbook()).isEmpty();
    assertThat(m.undecided())
        .extracting(RouteMatch.Undecided::path, RouteMatch.Undecided::missingFacts)
        .containsExactly(
            tuple(List.of("P0", "GuardDuty"), Set.of("source")),
            tuple(List.of("P0", "Crash rate"), Set.of("pod_crash_rate")),
            tuple(List.of("Any P0 or P1 with many pods"), Set.of("blast_radius")));
    assertThat(m.undecided().get(0).reason()).isEqualTo("fact 'source' is missing");
  }

  @Test
  void aLeafThatHoldsAfterAnUndecidableRouteIsNotTakenSinceTheEarlierRouteMightHold() {
    // The crash-rate leaf holds, but the GuardDuty leaf before it cannot be decided.
    RouteMatch m = TREE.route(Facts.of(Map.of("severity", "P0", "pod_crash_rate", 0.9)));

    assertThat(m.decided()).isFalse();
    assertThat(m.undecided())
        .singleElement()
        .satisfies(u -> assertThat(u.path()).containsExactly("P0", "GuardDuty"));
  }

  @Test
  void anUndecidableBranchDoesNotMatterWhenEveryLeafBelowItIsDecidablyFalse() {
    // severity is missing, but neither leaf below the P0 branch can hold.
    RouteMatch m =
        TREE.route(
            Facts.of(Map.of("source", "cloudwatch", "pod_crash_rate", 0.1, "blast_radius", 60)));

    assertThat(m.decided()).isTrue();
    assertThat(m.path()).containsExactly("Any P0 or P1 with many pods");
  }

  @Test
  void aFactOfTheWrongTypeMakesRoutingUndecidedWithTheTypeError() {
    RouteMatch m =
        TREE.route(
            Facts.of(
                Map.of(
                    "severity", "P0", "source", "x", "pod_crash_rate", "high", "blast_radius", 1)));

    assertThat(m.decided()).isFalse();
    assertThat(m.fallback()).isFalse();
    assertThat(m.undecided())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.path()).containsExactly("P0", "Crash rate");
              assertThat(u.missingFacts()).isEmpty();
              assertThat(u.reason()).contains("pod_crash_rate");
            });
  }

  @Test
  void theTableHasOneRulePerLeafInTheOrderRoutingTriesThem() {
    List<RoutingRule> rules = TREE.rules();

    assertThat(rules)
        .extracting(RoutingRule::path)
        .containsExactly(
            List.of("P0", "GuardDuty"),
            List.of("P0", "Crash rate"),
            List.of("Any P0 or P1 with many pods"));
    assertThat(rules.get(0).when().normalized())
        .isEqualTo("severity == P0 AND source == guardduty");
    assertThat(rules.get(2).runbook()).containsExactly("escalate");
  }

  @Test
  void routingIsAValue() {
    Routing same = new Routing(TREE.routes(), List.of("escalate"));
    assertThat(same).isEqualTo(TREE).hasSameHashCodeAs(TREE);
    assertThat(new Routing(TREE.routes(), List.of("notify"))).isNotEqualTo(TREE);
  }
}
