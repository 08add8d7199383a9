package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import java.util.List;
import java.util.Map;
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
  void aMissingFactDoesNotMatchSoRoutingFailsClosedToTheFallback() {
    RouteMatch m = TREE.route(Facts.of(Map.of("severity", "P0")));

    assertThat(m.fallback()).isTrue();
    assertThat(m.path()).isEmpty();
    assertThat(m.runbook()).isEqualTo(Routing.DEFAULT_FALLBACK);
  }

  @Test
  void aFactOfTheWrongTypeDoesNotMatchEither() {
    RouteMatch m =
        TREE.route(Facts.of(Map.of("severity", "P0", "source", "x", "pod_crash_rate", "high")));

    assertThat(m.fallback()).isTrue();
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
