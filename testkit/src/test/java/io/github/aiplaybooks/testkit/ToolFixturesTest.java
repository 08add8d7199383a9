package io.github.aiplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.ActionDecision;
import io.github.aiplaybooks.core.tool.ApprovalRules;
import io.github.aiplaybooks.core.tool.Execution;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.FactQuery;
import io.github.aiplaybooks.core.tool.MutationGate;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.PreparedAction;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The tool-fixture file format: tools, facts and actions, and errors that name the pointer. */
class ToolFixturesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path EXAMPLE = Path.of("..", "examples", "run", "tools.json");
  private static final Target API = Target.of("deployment", "default", "api-service");

  private static ObjectNode args(String json) {
    return (ObjectNode) JSON.readTree(json);
  }

  private static Facts read(ToolFixtures f, String... names) {
    return f.facts()
        .read(
            new FactQuery(
                new LinkedHashSet<>(List.of(names)),
                API,
                Facts.empty(),
                null,
                r -> ToolResult.error("no tools")));
  }

  @Test
  void theExampleScenarioLoadsWithItsToolsFactsAndAction() {
    ToolFixtures f = ToolFixtures.fromFile(EXAMPLE);

    assertThat(f.description()).hasValueSatisfying(d -> assertThat(d).contains("OOMKilled"));
    assertThat(f.tools().tools())
        .extracting(ToolDescriptor::name)
        .containsExactly(
            "kubectl_get",
            "kubectl_describe",
            "kubectl_logs",
            "cloudwatch_get_metric_data",
            "xray_get_traces");
    assertThat(f.tools().tools()).allMatch(ToolDescriptor::isReadOnly);
    ToolResult logs =
        f.tools()
            .call(
                ToolRequest.read(
                    "kubectl_logs",
                    args(
                        "{\"pod\": \"api-service-7d9f8b6c5-x2k4p\", \"namespace\": \"default\","
                            + " \"tail\": 200}")));
    assertThat(logs.error()).isFalse();
    assertThat(logs.text()).contains("OutOfMemoryError");
    // Another pod: no canned result, an error naming the call.
    ToolResult other =
        f.tools().call(ToolRequest.read("kubectl_logs", args("{\"pod\": \"web-1\"}")));
    assertThat(other.error()).isTrue();
    assertThat(f.tools().unexpectedCalls()).containsExactly("kubectl_logs {\"pod\":\"web-1\"}");
    // Verification polls: not cleared, then cleared, then it stays cleared.
    assertThat(read(f, "alert_cleared", "no_new_errors", "error_rate").names())
        .containsExactly("alert_cleared", "no_new_errors");
    assertThat(read(f, "alert_cleared").get("alert_cleared")).contains(true);
    assertThat(read(f, "alert_cleared").get("alert_cleared")).contains(true);
  }

  @Test
  void factSequencesGiveOneValuePerReadAndTheLastRepeats() {
    ToolFixtures f =
        ToolFixtures.fromJson(
            "{\"facts\": {\"error_rate\": {\"sequence\": [\"35%\", \"0.5%\"]}, \"api_latency\":"
                + " \"850ms\"}}",
            "f.json");
    assertThat(read(f, "error_rate").get("error_rate").orElseThrow().toString()).isEqualTo("35%");
    assertThat(read(f, "error_rate").get("error_rate").orElseThrow().toString()).isEqualTo("0.5%");
    assertThat(read(f, "error_rate").get("error_rate").orElseThrow().toString()).isEqualTo("0.5%");
    assertThat(read(f, "api_latency").get("api_latency").orElseThrow().toString())
        .isEqualTo("850ms");
  }

  @Test
  void resultsAreTriedInOrderAndSequencesAdvancePerMatchingCall() {
    ToolFixtures f =
        ToolFixtures.fromJson(
            """
            {"tools": {"metric": {"effect": "read", "action": "get_metric_data", "results": [
              {"when": {"metric": "error_rate", "window": 5},
               "sequence": [{"json": {"value": 0.35}}, {"error": "throttled"}, {"json": {"value": 0.01}}]},
              {"when": {"metric": "latency"}, "text": "120"},
              {"error": "unknown metric"}]}}}
            """,
            "f.json");
    FakeToolProvider t = f.tools();
    ObjectNode errors = args("{\"metric\": \"error_rate\", \"window\": 5.0}");
    assertThat(t.call(ToolRequest.read("metric", errors)).structured().get("value").asDouble())
        .isEqualTo(0.35);
    assertThat(t.call(ToolRequest.read("metric", errors)).error()).isTrue();
    assertThat(t.call(ToolRequest.read("metric", errors)).structured().get("value").asDouble())
        .isEqualTo(0.01);
    assertThat(t.call(ToolRequest.read("metric", errors)).structured().get("value").asDouble())
        .isEqualTo(0.01);
    assertThat(t.call(ToolRequest.read("metric", args("{\"metric\": \"latency\"}"))).text())
        .isEqualTo("120");
    ToolResult other = t.call(ToolRequest.read("metric", args("{\"metric\": \"cpu\"}")));
    assertThat(other.error()).isTrue();
    assertThat(other.text()).isEqualTo("unknown metric");
  }

  @Test
  void anActionGivesItsTrustedFactsAndInverseToTheGateAndIsRecordedWhenApplied() {
    ToolFixtures f = ToolFixtures.fromFile(EXAMPLE);
    MutationGate gate =
        MutationGate.builder(PolicyEngine.builder(Policy.seed()).build())
            .tools(f.tools())
            .adapters(f.adapters())
            .build();
    PlannedAction raise =
        PlannedAction.of("add_resource_limits", API, args("{\"memory\": \"512Mi\"}"));
    PreparedAction prepared = gate.prepare(raise, Facts.empty());

    assertThat(prepared.trustedFacts().get("blast_radius")).isPresent();
    assertThat(prepared.hasRollbackPlan()).isTrue();
    assertThat(prepared.description()).contains("from 256Mi to 512Mi");
    ActionDecision d = gate.decide(prepared, ApprovalRules.none(), Facts.empty());
    assertThat(d.isAllowed()).isTrue();
    Execution x = gate.execute(prepared, d, null, ExecutionMode.LIVE, "run-1/6_execute/p1", null);
    assertThat(x.status()).isEqualTo(Execution.Status.APPLIED);
    assertThat(x.inverse().parameters().get("memory").asString()).isEqualTo("256Mi");
    assertThat(x.inverse().target()).isEqualTo(API);
    assertThat(f.operations())
        .containsExactly("APPLY add_resource_limits on deployment default/api-service (LIVE)");

    Execution undo = gate.rollback(x.inverse(), "run-1/6_execute/p1/undo", ExecutionMode.LIVE);
    assertThat(undo.succeeded()).isTrue();
    assertThat(f.operations())
        .last()
        .isEqualTo("ROLLBACK add_resource_limits on deployment default/api-service (LIVE)");
  }

  @Test
  void aFailingActionFailsAndADryRunChangesNothing() {
    ToolFixtures f =
        ToolFixtures.fromJson(
            """
            {"actions": {"restart_pod": {"facts": {"blast_radius": 1},
              "restores_itself": "its controller recreates it", "fail": "the API server said no"}}}
            """,
            "f.json");
    MutationGate gate =
        MutationGate.builder(PolicyEngine.builder(Policy.seed()).build())
            .adapters(f.adapters())
            .build();
    PreparedAction p =
        gate.prepare(
            PlannedAction.of("restart_pod", Target.of("pod", "default", "api-1")), Facts.empty());
    ActionDecision d = gate.decide(p, ApprovalRules.none(), Facts.empty());

    Execution dry = gate.execute(p, d, null, ExecutionMode.DRY_RUN, "k-dry", null);
    assertThat(dry.status()).isEqualTo(Execution.Status.DRY_RUN);
    Execution live = gate.execute(p, d, null, ExecutionMode.LIVE, "k-live", null);
    assertThat(live.status()).isEqualTo(Execution.Status.FAILED);
    assertThat(live.detail()).contains("the API server said no");
    assertThat(f.operations())
        .containsExactly(
            "APPLY restart_pod on pod default/api-1 (DRY_RUN)",
            "APPLY restart_pod on pod default/api-1 (LIVE)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]| the document must be a JSON object",
        "{\"tool\": {}}| /tool is not a known member [actions, description, facts, tools]",
        "{\"tools\": {\"t\": {}}}| /tools/t/effect is missing",
        "{\"tools\": {\"t\": {\"effect\": \"write\"}}}| /tools/t/effect 'write' is not one of read,"
            + " mutate, destructive",
        "{\"tools\": {\"t\": {\"effect\": \"read\", \"results\": [{\"text\": \"a\", \"json\":"
            + " {}}]}}}| /tools/t/results/0 needs exactly one of",
        "{\"tools\": {\"t\": {\"effect\": \"read\", \"results\": [{\"when\": 3, \"text\":"
            + " \"a\"}]}}}| /tools/t/results/0/when must be an object of argument name to value",
        "{\"tools\": {\"t\": {\"effect\": \"read\", \"results\": [{\"sequence\": []}]}}}|"
            + " /tools/t/results/0/sequence must be a non-empty list of results",
        "{\"facts\": {\"error_rate\": {\"value\": 3}}}| /facts/error_rate/value is not a known"
            + " member [sequence]",
        "{\"facts\": {\"error_rate\": null}}| /facts/error_rate must be a value",
        "{\"facts\": {\"tags\": [{\"a\": 1}]}}| /facts/tags is not a fact value",
        "{\"actions\": {\"restart_pod\": {\"inverse\": {\"action\": \"x\"}, \"restores_itself\":"
            + " \"y\"}}}| /actions/restart_pod has both \"inverse\" and \"restores_itself\"",
        "{\"actions\": {\"scale_deployment\": {\"inverse\": {\"parameters\": {}}}}}|"
            + " /actions/scale_deployment/inverse/action is missing",
      })
  void aMalformedFileNamesTheFileAndThePointer(String json, String message) {
    ToolFixturesException e =
        catchThrowableOfType(
            ToolFixturesException.class, () -> ToolFixtures.fromJson(json, "f.json"));
    assertThat(e.code()).isEqualTo("TOOL_FIXTURES_INVALID");
    assertThat(e.source()).isEqualTo("f.json");
    assertThat(e.getMessage()).startsWith("tool fixtures f.json: ").contains(message.strip());
  }

  @Test
  void jsonThatDoesNotParseIsReportedWithLineAndColumnAndAMissingFileByName() {
    ToolFixturesException bad =
        catchThrowableOfType(
            ToolFixturesException.class,
            () -> ToolFixtures.fromJson("{\n  \"tools\": {\n    oops\n}", "f.json"));
    assertThat(bad.getMessage())
        .startsWith("tool fixtures f.json: the document is not valid JSON: ")
        .contains("(line 3, column ");

    ToolFixturesException missing =
        catchThrowableOfType(
            ToolFixturesException.class, () -> ToolFixtures.fromFile(Path.of("no-such.json")));
    assertThat(missing.getMessage())
        .isEqualTo("tool fixtures no-such.json: the document does not exist");
  }

  @Test
  void theReadmesFixtureExampleLoads() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("## ToolFixtures");
    int start = readme.indexOf("```json\n", section);
    String json = readme.substring(start + 8, readme.indexOf("```", start + 8));
    ToolFixtures f = ToolFixtures.fromJson(json, "README.md");
    assertThat(f.tools().tools()).extracting(ToolDescriptor::name).containsExactly("kubectl_logs");
    assertThat(f.adapters())
        .singleElement()
        .satisfies(a -> assertThat(a.actions()).isEqualTo(Set.of("add_resource_limits")));
  }
}
