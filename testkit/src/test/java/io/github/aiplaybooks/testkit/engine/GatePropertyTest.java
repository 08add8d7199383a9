package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.approval.ApprovalResponse;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * For any plan the model proposes, any tools it calls before (changing ones included) and any
 * answers humans give, no action the policy (or the gate) refuses runs, and none that needs a human
 * runs without an approval of that action.
 */
class GatePropertyTest {
  private static final List<String> ACTIONS =
      List.of(
          "restart_pod",
          "delete_pod",
          "scale_deployment",
          "add_resource_limits",
          "rollback_deployment",
          "update_image",
          "delete_node",
          "cordon_node",
          "drain_node",
          "modify_rbac",
          "delete_pvc",
          "patch_deployment",
          "get",
          "logs");

  private static final List<String> TARGETS =
      List.of(
          "{\"kind\": \"Pod\", \"namespace\": \"default\", \"name\": \"api-service-r1-0\"}",
          "{\"kind\": \"Pod\", \"namespace\": \"default\", \"name\": \"api-service-r1-9\"}",
          "{\"kind\": \"Deployment\", \"namespace\": \"default\", \"name\": \"api-service\"}",
          "{\"kind\": \"Deployment\", \"namespace\": \"prod\", \"name\": \"payments\"}",
          "{\"kind\": \"Node\", \"name\": \"ip-10-0-1-1\"}",
          "{\"kind\": \"Node\", \"name\": \"ip-10-9-9-9\"}");

  private static final List<String> PARAMETERS =
      List.of(
          "{}",
          "{\"replicas\": 2}",
          "{\"replicas\": 9}",
          "{\"replicas\": 200}",
          "{\"memory\": \"512Mi\"}",
          "{\"image\": \"api:v9\"}");

  /** Actions that fit the cluster, so that many plans reach a decision and an execution. */
  private static final List<String> FITTING =
      List.of(
          act("restart_pod", TARGETS.get(0), "{}"),
          act("scale_deployment", TARGETS.get(2), "{\"replicas\": 2}"),
          act("scale_deployment", TARGETS.get(2), "{\"replicas\": 9}"),
          act("add_resource_limits", TARGETS.get(2), "{\"memory\": \"512Mi\"}"),
          act("update_image", TARGETS.get(2), "{\"image\": \"api:v9\"}"),
          act("cordon_node", TARGETS.get(4), "{}"),
          act("delete_node", TARGETS.get(4), "{}"));

  private static String act(String action, String target, String parameters) {
    return "{\"action\": \"%s\", \"target\": %s, \"parameters\": %s, \"rationale\": \"r\"}"
        .formatted(action, target, parameters);
  }

  /**
   * Tools a model may call before it answers, as {@code name input}: the read-only ones run, the
   * ones that change something become proposals, and one does not exist.
   */
  private static final List<String> TOOL_CALLS =
      List.of(
          "kubectl_delete_node {\"name\": \"ip-10-0-1-1\"}",
          "kubectl_delete_node {\"name\": \"ip-10-0-1-2\"}",
          "kubectl_logs {\"pod\": \"api-service-r1-0\", \"namespace\": \"default\"}",
          "kubectl_get {\"resource\": \"nodes\"}",
          "kubectl_scale {\"name\": \"api-service\", \"replicas\": 50}");

  @Provide
  Arbitrary<String> toolCall() {
    return Arbitraries.of(TOOL_CALLS);
  }

  @Provide
  Arbitrary<String> action() {
    Arbitrary<String> any =
        Combinators.combine(
                Arbitraries.of(ACTIONS), Arbitraries.of(TARGETS), Arbitraries.of(PARAMETERS))
            .as(GatePropertyTest::act);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(FITTING)), net.jqwik.api.Tuple.of(1, any));
  }

  @Property(tries = 60)
  void nothingRunsWithoutTheDecisionOrTheApprovalItNeeds(
      @ForAll @Size(max = 3) List<@From("toolCall") String> calls,
      @ForAll @Size(min = 1, max = 6) List<@From("action") String> plan,
      @ForAll long seed) {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    Random answers = new Random(seed);
    Map<String, Boolean> answered = new LinkedHashMap<>();
    RecordingApprovalHandler approvals =
        RecordingApprovalHandler.answering(
            r -> {
              boolean yes = answers.nextBoolean();
              answered.put(r.requestId(), yes);
              return yes ? ApprovalResponse.approve("p", null) : ApprovalResponse.deny("p", null);
            });
    ScriptedLlm.Builder model = ScriptedLlm.builder();
    for (String call : calls) {
      int space = call.indexOf(' ');
      model.onStep(
          "2_decide",
          ScriptedAnswer.toolUse(call.substring(0, space), Fixtures.json(call.substring(space))));
    }
    ScriptedLlm llm =
        model
            .onStep("2_decide", ScriptedAnswer.json(Fixtures.plan(plan.toArray(String[]::new))))
            .build();
    try (PlaybookEngine engine = h.builder(llm, approvals).build()) {
      RunResult r = engine.run(ApprovalFlowTest.REMEDIATE, Fixtures.oomAlert());

      List<RunState.ActionRecord> ran = new ArrayList<>();
      for (RunState.ActionRecord a : r.actions()) {
        if (a.execution() != null) {
          ran.add(a);
          assertThat(a.outcome()).isNotEqualTo("DENY");
          if (a.outcome().equals("REQUIRE_APPROVAL")) {
            assertThat(a.approval()).isNotNull();
            assertThat(a.approval().isApproved()).isTrue();
            assertThat(a.approval().request().action()).isEqualTo(a.action());
            assertThat(a.approval().request().target()).isEqualTo(a.target());
            assertThat(answered.get(a.approval().request().requestId())).isTrue();
          }
        }
      }
      // Every change the cluster saw is one the gate ran, or the inverse of one (a rollback).
      long applied = ran.stream().filter(RunState.ActionRecord::applied).count();
      long undone = r.state().rollbacks().stream().filter(rb -> rb.execution().changed()).count();
      assertThat(h.cluster.operations()).hasSize((int) (applied + undone));
      // The property must reach both kinds of run, or it proves little.
      boolean approvedAndRan =
          ran.stream().anyMatch(a -> a.applied() && a.outcome().equals("REQUIRE_APPROVAL"));
      boolean refused = r.actions().stream().anyMatch(RunState.ActionRecord::refused);
      boolean toolCallDecided =
          r.actions().stream()
              .anyMatch(
                  a ->
                      r.state().proposals().stream()
                          .anyMatch(
                              p ->
                                  p.id().equals(a.proposal())
                                      && p.source() == RunState.Source.MODEL_TOOL_CALL));
      Statistics.label("a model's tool call decided").collect(toolCallDecided);
      Statistics.label("a model's tool call decided")
          .coverage(c -> c.check(true).percentage(p -> p > 20));
      Statistics.label("approved and ran").collect(approvedAndRan);
      Statistics.label("refused").collect(refused);
      Statistics.label("approved and ran").coverage(c -> c.check(true).percentage(p -> p > 5));
      Statistics.label("refused").coverage(c -> c.check(true).percentage(p -> p > 20));
    }
  }
}
