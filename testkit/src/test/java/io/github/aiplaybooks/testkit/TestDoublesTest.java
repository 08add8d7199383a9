package io.github.aiplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.FactQuery;
import io.github.aiplaybooks.core.tool.MutationNotPermittedException;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.Preparation;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The testkit's fakes keep the contracts of what they stand in for. */
class TestDoublesTest {
  private static ObjectNode args() {
    return JsonNodeFactory.instance.objectNode();
  }

  @Test
  void aManualSchedulerRunsTasksWhenTimeIsMovedPastThem() {
    FakeClock clock = FakeClock.at("2024-01-01T00:00:00Z");
    FakeScheduler s = FakeScheduler.manual(clock);
    List<String> ran = new ArrayList<>();
    s.schedule(Duration.ofMinutes(2), () -> ran.add("b@" + clock.instant()));
    s.schedule(Duration.ofMinutes(1), () -> ran.add("a@" + clock.instant()));
    s.schedule(Duration.ofMinutes(5), () -> ran.add("c")).cancel();
    assertThat(s.pending()).isEqualTo(2);
    s.advance(Duration.ofSeconds(59));
    assertThat(ran).isEmpty();
    s.advance(Duration.ofMinutes(10));
    assertThat(ran).containsExactly("a@2024-01-01T00:01:00Z", "b@2024-01-01T00:02:00Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2024-01-01T00:10:59Z"));
    assertThat(s.scheduledCount()).isEqualTo(3);
  }

  @Test
  void aTimeSkippingSchedulerRunsATaskAtOnceAtItsTime() {
    FakeClock clock = FakeClock.at("2024-01-01T00:00:00Z");
    FakeScheduler s = FakeScheduler.timeSkipping(clock);
    List<Instant> at = new ArrayList<>();
    s.schedule(Duration.ofSeconds(15), () -> at.add(clock.instant()));
    assertThat(at).containsExactly(Instant.parse("2024-01-01T00:00:15Z"));
    assertThat(
            catchThrowable(
                () -> FakeScheduler.manual(clock).awaitScheduled(1, Duration.ofMillis(10))))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aFakeProviderAnswersCannedResultsInSequenceAndKeepsThePermitContract() {
    FakeToolProvider tools =
        FakeToolProvider.builder()
            .readTool("cloudwatch_get_metric_data", "get_metric_data")
            .tool(
                ToolDescriptor.builder("kubectl_scale")
                    .action("scale_deployment")
                    .effect(Effect.MUTATE)
                    .build())
            .respondWhen(
                "cloudwatch_get_metric_data",
                a -> a.path("metric").asString("").equals("cpu"),
                ToolResult.text("0.5"))
            .sequence("cloudwatch_get_metric_data", ToolResult.text("0.9"), ToolResult.text("0.1"))
            .build();
    ObjectNode cpu = args().put("metric", "cpu");
    assertThat(tools.call(ToolRequest.read("cloudwatch_get_metric_data", cpu)).text())
        .isEqualTo("0.5");
    assertThat(tools.call(ToolRequest.read("cloudwatch_get_metric_data", args())).text())
        .isEqualTo("0.9");
    assertThat(tools.call(ToolRequest.read("cloudwatch_get_metric_data", args())).text())
        .isEqualTo("0.1");
    assertThat(tools.call(ToolRequest.read("cloudwatch_get_metric_data", args())).text())
        .isEqualTo("0.1");
    assertThat(catchThrowable(() -> tools.call(ToolRequest.read("kubectl_scale", args()))))
        .isInstanceOf(MutationNotPermittedException.class);
    FakeToolProvider bare = FakeToolProvider.builder().readTool("kubectl_get", "get").build();
    assertThat(bare.call(ToolRequest.read("kubectl_get", args())).error()).isTrue();
    assertThat(bare.unexpectedCalls()).containsExactly("kubectl_get {}");
  }

  @Test
  void aFakeProvidersLatencyCanMoveAFakeClock() {
    FakeClock clock = FakeClock.at("2024-01-01T00:00:00Z");
    FakeToolProvider tools =
        FakeToolProvider.builder()
            .readTool("kubectl_get", "get")
            .respond("kubectl_get", ToolResult.text("ok"))
            .latency(Duration.ofSeconds(3))
            .sleeper(clock::advance)
            .build();
    tools.call(ToolRequest.read("kubectl_get", args()));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2024-01-01T00:00:03Z"));
  }

  @Test
  void theSimulatedClusterGivesTrustedFactsInversesAndFreshHealth() {
    SimulatedCluster cluster =
        SimulatedCluster.builder()
            .node("n1")
            .node("n2")
            .deployment("default", "api", 3, "api:v1", "256Mi")
            .requiredMemory("default", "api", "300Mi")
            .build();
    Target api = Target.of("deployment", "default", "api");
    Preparation scale =
        cluster
            .adapters()
            .get(0)
            .prepare(PlannedAction.of("scale_deployment", api, args().put("replicas", 5)));
    assertThat(scale.facts().get("blast_radius").map(String::valueOf)).contains("2");
    assertThat(scale.facts().get("replicas").map(String::valueOf)).contains("3");
    assertThat(scale.inverse().orElseThrow().parameters().get("replicas").asInt()).isEqualTo(3);
    assertThat(
            catchThrowable(
                () -> cluster.adapters().get(0).prepare(PlannedAction.of("scale_deployment", api))))
        .hasMessageContaining("needs parameters.replicas");

    FactQuery health =
        new FactQuery(
            Set.of("pod_ready_rate", "alert_cleared", "error_rate"),
            api,
            Facts.empty(),
            null,
            null);
    Facts sick = cluster.facts().read(health);
    assertThat(sick.get("alert_cleared")).contains(false);
    cluster.requiredMemory("default", "api", "200Mi");
    Facts well = cluster.facts().read(health);
    assertThat(well.get("alert_cleared")).contains(true);
    cluster.fact("default", "api", "error_rate", 0.5);
    assertThat(cluster.facts().read(health).get("error_rate").map(String::valueOf)).contains("0.5");

    assertThat(
            cluster
                .tools()
                .call(ToolRequest.read("kubectl_get", args().put("resource", "pods")))
                .text())
        .contains("api-r1-0 1/1 Running");
    assertThat(cluster.pods("default", "api"))
        .extracting(SimulatedCluster.PodState::node)
        .containsExactly("n1", "n2", "n1");
  }
}
