package io.github.aiplaybooks.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.aiplaybooks.core.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The engine's value types and switches, on their own. */
class EngineValuesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void anAlertsScalarsLabelsAndAnnotationsBecomeItsContext() {
    TriggerEvent e =
        TriggerEvent.alert(
            JSON.readTree(
                """
                {"severity": "P1", "namespace": "default", "startsAt": null, "value": 0.6,
                 "pods": ["a", "b"], "nested": {"x": 1},
                 "labels": {"alertname": "KubePodCrashLooping", "pod": "api-1", "severity": "P9"},
                 "annotations": {"summary": "crash looping"}}"""));
    assertThat(e.type()).isEqualTo(TriggerEvent.ALERT);
    assertThat(e.context().propertyNames())
        .containsExactlyInAnyOrder(
            "severity", "namespace", "value", "pods", "alertname", "pod", "summary", "alert_name");
    assertThat(e.contextText("severity")).contains("P1");
    assertThat(e.contextText("alert_name")).contains("KubePodCrashLooping");
    assertThat(e.contextText("value")).contains("0.6");
    assertThat(e.payload().get("nested").get("x").asInt()).isEqualTo(1);
    assertThat(e.describe()).isEqualTo("alert KubePodCrashLooping (P1)");
    assertThat(catchThrowable(() -> TriggerEvent.alert(JSON.readTree("[1]"))))
        .hasMessageContaining("alert: must be a JSON object");
  }

  @Test
  void otherEventsCarryTheirContextAndInputs() {
    TriggerEvent tick =
        TriggerEvent.schedule(Instant.parse("2024-01-01T00:05:00Z")).withContext("cluster", "eks");
    assertThat(tick.contextText("scheduled_time")).contains("2024-01-01T00:05:00Z");
    assertThat(tick.contextText("cluster")).contains("eks");
    TriggerEvent manual =
        TriggerEvent.manual(Map.of("namespace", "default")).withInput("replicas", 3);
    assertThat(manual.inputs().get("replicas").asInt()).isEqualTo(3);
    assertThat(catchThrowable(() -> new TriggerEvent("webhook", null, null, null, null)))
        .hasMessageContaining("'webhook' is not alert, schedule, health_check or manual");
    assertThat(TriggerEvent.healthCheckFailure(Map.of("deployment", "api")).describe())
        .isEqualTo("health check failure of api");
  }

  @Test
  void budgetsAreValidatedAndDefaultsDocumented() {
    Budgets d = Budgets.defaults();
    assertThat(d.maxLlmCalls()).isEqualTo(40);
    assertThat(d.maxTokens()).isEqualTo(400_000);
    assertThat(d.maxToolCalls()).isEqualTo(200);
    assertThat(d.maxWallTime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(catchThrowable(() -> d.withMaxToolCalls(-1))).hasMessageContaining("maxToolCalls");
    assertThat(catchThrowable(() -> d.withMaxWallTime(Duration.ZERO)))
        .hasMessageContaining("maxWallTime");
  }

  @Test
  void anInMemoryStopEngagesAndReleases() {
    InMemoryEmergencyStop stop = new InMemoryEmergencyStop("operator");
    assertThat(stop.engaged()).isFalse();
    stop.engage("INC-42");
    assertThat(stop.engaged()).isTrue();
    assertThat(stop.name()).isEqualTo("operator (INC-42)");
    stop.release();
    assertThat(stop.engaged()).isFalse();
  }

  @Test
  void aFileStopIsEngagedWhileTheFileExistsUnlessItSaysReleased(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("STOP");
    FileEmergencyStop stop = new FileEmergencyStop(file);
    assertThat(stop.engaged()).isFalse();
    Files.writeString(file, "");
    assertThat(stop.engaged()).isTrue();
    Files.writeString(file, "bad deploy\n");
    assertThat(stop.engaged()).isTrue();
    for (String released : new String[] {"off", "FALSE\n", " 0 ", "Released\nby bob"}) {
      Files.writeString(file, released);
      assertThat(stop.engaged()).as(released).isFalse();
    }
    // A stop that cannot be read counts as engaged.
    Files.delete(file);
    Files.createDirectory(file);
    assertThat(stop.engaged()).isTrue();
  }

  @Test
  void anEngineNeedsAPolicy() {
    assertThat(catchThrowable(() -> PlaybookEngine.builder().build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("policy: an engine needs a policy");
    assertThat(
            catchThrowable(() -> PlaybookEngine.builder().escalationChannels(java.util.List.of())))
        .hasMessageContaining("escalationChannels");
    try (PlaybookEngine engine = PlaybookEngine.builder().policy(Policy.seed()).build()) {
      assertThat(engine).isNotNull();
    }
  }

  @Test
  void runStatusesYieldByPrecedence() {
    assertThat(RunStatus.COMPLETED.yieldsTo(RunStatus.COMPLETED_WITH_DENIALS)).isTrue();
    assertThat(RunStatus.ESCALATED.yieldsTo(RunStatus.ROLLED_BACK)).isTrue();
    assertThat(RunStatus.ROLLED_BACK.yieldsTo(RunStatus.FAILED)).isTrue();
    assertThat(RunStatus.FAILED.yieldsTo(RunStatus.STOPPED)).isTrue();
    assertThat(RunStatus.STOPPED.yieldsTo(RunStatus.ESCALATED)).isFalse();
  }
}
