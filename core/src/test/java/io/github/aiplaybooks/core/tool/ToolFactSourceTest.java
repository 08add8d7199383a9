package io.github.aiplaybooks.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.policy.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ToolFactSourceTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void eachFactIsReadWithItsToolAndPointerAndWhatCannotBeReadIsLeftOut() {
    ToolFactSource source =
        ToolFactSource.builder()
            .fact(
                "error_rate",
                "aws://cloudwatch/get-metric-data?metric=error_rate&deployment=${deployment}",
                "/value")
            .fact("alert_cleared", "alertmanager_firing", "")
            .fact(
                "latency_p99",
                "aws://cloudwatch/get-metric-data?metric=latency_p99&deployment=${deployment}",
                "/value")
            .fact("pod_ready_rate", "kubectl_ready_rate", "/ratio")
            .build();
    List<ToolRequest> calls = new ArrayList<>();
    FactQuery query =
        new FactQuery(
            Set.of("error_rate", "alert_cleared", "latency_p99", "pod_ready_rate", "unknown"),
            Target.of("deployment", "default", "api"),
            Facts.builder().put("deployment", "api").build(),
            null,
            r -> {
              calls.add(r);
              switch (r.tool()) {
                case "cloudwatch_get_metric_data":
                  return r.arguments().get("metric").asString().equals("error_rate")
                      ? ToolResult.json(JSON.readTree("{\"value\": 0.004}"))
                      : ToolResult.error("no data");
                case "alertmanager_firing":
                  return ToolResult.text("true");
                default:
                  return ToolResult.json(JSON.readTree("{\"other\": 1}"));
              }
            });
    Facts facts = source.read(query);

    assertThat(facts.names()).containsExactlyInAnyOrder("error_rate", "alert_cleared");
    assertThat(((Quantity) facts.get("error_rate").orElseThrow()).baseValue()).isEqualTo(0.004);
    assertThat(facts.get("alert_cleared")).contains(true);
    assertThat(calls)
        .filteredOn(c -> c.tool().equals("cloudwatch_get_metric_data"))
        .allSatisfy(c -> assertThat(c.arguments().get("deployment").asString()).isEqualTo("api"));
  }

  @Test
  void aPlaceholderWithoutAValueSkipsTheCall() {
    ToolFactSource source =
        ToolFactSource.builder()
            .fact("error_rate", "aws://cloudwatch/get-metric-data?service=${service}", "/value")
            .build();
    List<ToolRequest> calls = new ArrayList<>();
    Facts facts =
        source.read(
            new FactQuery(
                Set.of("error_rate"),
                Target.NONE,
                Facts.empty(),
                null,
                r -> {
                  calls.add(r);
                  return ToolResult.text("1");
                }));
    assertThat(facts.size()).isZero();
    assertThat(calls).isEmpty();
  }
}
