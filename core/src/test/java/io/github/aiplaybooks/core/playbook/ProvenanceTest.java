package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Model-produced step outputs never stand in for trusted facts, every name a step may read has an
 * origin, and the model keeps conditions compiled against what they read.
 */
class ProvenanceTest {

  private static List<Condition> conditions(String... texts) {
    return Arrays.stream(texts).map(Condition::compile).toList();
  }

  /** The seed's incident response, cut down: receive, classify (the model), approve. */
  private static Playbook incidentResponse(String... autoApproveIf) {
    return Playbook.builder()
        .name("p")
        .step(new Step(1, "detect", "receive_alert", new ReceiveSpec(List.of("cloudwatch"))))
        .step(
            new Step(
                2,
                "classify",
                "analyze_alert",
                ReasonSpec.builder()
                    .extract(List.of("severity", "type", "affected_resources", "blast_radius"))
                    .build()))
        .step(
            new Step(
                3,
                "approve",
                "check_approval_required",
                new ApproveSpec(conditions(autoApproveIf), List.of())))
        .build();
  }

  private static Step step(Playbook p, String name) {
    return p.step(name).orElseThrow();
  }

  @Test
  void aStandardFactNamedByAModelOutputStillReadsTheTrustedValue() {
    Playbook p = incidentResponse("blast_radius < 10_pods", "severity == P0");
    Scope approve = p.scope(step(p, "approve"));

    assertThat(approve.origin("blast_radius")).contains(FactOrigin.standardFact());
    assertThat(approve.origin("severity")).contains(FactOrigin.standardFact());
    assertThat(approve.facts().type("blast_radius")).contains(FactType.count("pods"));
    // The alert's own type, not the model's.
    assertThat(approve.origin("type")).contains(FactOrigin.triggerContext());
    assertThat(approve.variables()).contains("type", "severity");
    // An output that collides with nothing trusted keeps its bare name.
    assertThat(approve.origin("affected_resources"))
        .contains(FactOrigin.stepOutput("2_classify", true));

    ApproveSpec spec = (ApproveSpec) step(p, "approve").spec();
    Condition small = spec.autoApproveIf().get(0);
    assertThat(approve.origins(small))
        .containsExactly(entry("blast_radius", FactOrigin.standardFact()));
    assertThat(approve.modelProducedFacts(small)).isEmpty();
    assertThat(approve.readsOnlyTrustedFacts(small)).isTrue();
  }

  @Test
  void theModelsClaimIsReadableOnlyByTheStepsQualifiedNameAndIsMarkedAsTheModels() {
    Playbook p = incidentResponse("classify.blast_radius < 10_pods AND classify.type == security");
    Scope approve = p.scope(step(p, "approve"));
    Condition claim = ((ApproveSpec) step(p, "approve").spec()).autoApproveIf().get(0);

    FactOrigin model = FactOrigin.stepOutput("2_classify", true);
    assertThat(approve.origin("classify.blast_radius")).contains(model);
    assertThat(model.trusted()).isFalse();
    assertThat(model.modelProduced()).isTrue();
    assertThat(model.step()).contains("2_classify");
    assertThat(model).hasToString("output of 2_classify (model)");
    assertThat(approve.modelProducedFacts(claim))
        .containsExactly("classify.blast_radius", "classify.type");
    assertThat(approve.readsOnlyTrustedFacts(claim)).isFalse();

    // The model's claim and the trusted fact are different facts at evaluation, too.
    Facts facts =
        Facts.builder()
            .put("blast_radius", 500)
            .put("classify.blast_radius", 3)
            .put("classify.type", "security")
            .build();
    assertThat(claim.evaluate(facts)).isEqualTo(Truth.TRUE);
    assertThat(
            ((ApproveSpec) step(incidentResponse("blast_radius < 10_pods"), "approve").spec())
                .autoApproveIf()
                .get(0)
                .evaluate(facts))
        .isEqualTo(Truth.FALSE);
  }

  @Test
  void templatesMayReadQualifiedOutputsAndAMisspeltOneIsAnErrorWithASuggestion() {
    Step notify =
        new Step(
            3,
            "notify",
            "alert_team",
            NotifySpec.builder()
                .channels(List.of("slack"))
                .message(Template.parse("model says ${classify.severity}, alert says ${severity}"))
                .build());
    Playbook.Builder b =
        Playbook.builder()
            .name("p")
            .step(new Step(1, "detect", "receive_alert", new ReceiveSpec(List.of("cloudwatch"))))
            .step(
                new Step(
                    2,
                    "classify",
                    "analyze_alert",
                    ReasonSpec.builder().extract(List.of("severity")).build()));
    Playbook p = b.step(notify).build();
    assertThat(p.scope(step(p, "notify")).origin("severity")).contains(FactOrigin.standardFact());
    assertThat(p.variables(step(p, "notify"))).contains("classify.severity", "severity");

    Step misspelt =
        new Step(
            3,
            "notify",
            "alert_team",
            NotifySpec.builder()
                .channels(List.of("slack"))
                .message(Template.parse("${classify.severty}"))
                .build());
    Playbook.Builder withMisspelt =
        Playbook.builder()
            .name("p")
            .step(new Step(1, "detect", "receive_alert", new ReceiveSpec(List.of("cloudwatch"))))
            .step(
                new Step(
                    2,
                    "classify",
                    "analyze_alert",
                    ReasonSpec.builder().extract(List.of("severity")).build()))
            .step(misspelt);
    assertThatThrownBy(withMisspelt::build)
        .isInstanceOf(InvalidPlaybookException.class)
        .hasMessageContaining(
            "/workflow/3_notify/message: undeclared variable '${classify.severty}' (did you mean"
                + " 'classify.severity'?)");
  }

  @Test
  void stepOutputsOfTrustedKindsAreNotTheModelsButStillNotTrusted() {
    Playbook p =
        Playbook.builder()
            .name("p")
            .step(
                new Step(
                    1,
                    "collect",
                    "gather_metrics",
                    CollectSpec.builder().metrics(List.of("request_rate")).build()))
            .step(
                new Step(
                    2,
                    "execute",
                    "apply_scaling",
                    ExecuteSpec.builder()
                        .condition(Condition.compile("request_rate > 100"))
                        .build()))
            .build();
    FactOrigin collected = p.scope(step(p, "execute")).origin("request_rate").orElseThrow();

    assertThat(collected).isEqualTo(FactOrigin.stepOutput("1_collect", false));
    assertThat(collected.modelProduced()).isFalse();
    assertThat(collected.trusted()).isFalse();
    assertThat(FactOrigin.input().trusted()).isTrue();
  }

  @Test
  void aUsersStepKindIsTakenAsTheModelsUnlessItSaysOtherwise() {
    StepKindRegistry kinds =
        StepKindRegistry.builder().register(new TestStepKinds.OpenTicket()).build();
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    Playbook p =
        Playbook.builder()
            .name("p")
            .stepKinds(kinds)
            .step(
                new Step(
                    1,
                    "ticket",
                    "open_ticket",
                    new CustomSpec(nodes.objectNode().put("queue", "q"))))
            .step(
                new Step(
                    2,
                    "approve",
                    "check_approval_required",
                    new ApproveSpec(conditions("ticket_id == abc"), List.of())))
            .build();

    assertThat(p.scope(step(p, "approve")).origin("ticket_id"))
        .contains(FactOrigin.stepOutput("1_ticket", true));
  }

  @Test
  void conditionsAreKeptCompiledAgainstTheirStepsScopeSoAliasesResolveAtEvaluation() {
    Playbook p =
        Playbook.builder()
            .name("p")
            .step(new Step(1, "detect", "receive_alert", new ReceiveSpec(List.of("cloudwatch"))))
            .step(
                new Step(
                    2,
                    "approve",
                    "check_approval_required",
                    new ApproveSpec(
                        conditions("action IN ['restart_pod']"),
                        conditions("action == change_rbac"))))
            .build();
    ApproveSpec spec = (ApproveSpec) step(p, "approve").spec();

    // delete_pod is an alias of restart_pod, modify_rbac the canonical name of change_rbac: only a
    // condition compiled against the catalog-typed action knows.
    assertThat(
            spec.autoApproveCondition()
                .orElseThrow()
                .test(Facts.of(Map.of("action", "delete_pod"))))
        .isTrue();
    assertThat(
            spec.requireHumanCondition()
                .orElseThrow()
                .test(Facts.of(Map.of("action", "modify_rbac"))))
        .isTrue();
    // Still equal to the conditions as written, by their normalized syntax trees.
    assertThat(spec.autoApproveIf()).isEqualTo(conditions("action IN ['restart_pod']"));
  }

  @Test
  void aMisspeltActionInAnApproveStepIsAnErrorNamingTheClosestAction() {
    Playbook.Builder b =
        Playbook.builder()
            .name("p")
            .step(new Step(1, "detect", "receive_alert", new ReceiveSpec(List.of("cloudwatch"))))
            .step(
                new Step(
                    2,
                    "approve",
                    "check_approval_required",
                    new ApproveSpec(conditions("action IN ['restart_pd']"), List.of())));

    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidPlaybookException.class)
        .hasMessageContaining("/workflow/2_approve/auto_approve_if/0")
        .hasMessageContaining("restart_pd")
        .hasMessageContaining("restart_pod");
  }

  @Test
  void routingReadsTheAlertsOwnTypeAndTheModelsOnlyByQualifiedName() {
    Playbook p =
        incidentResponse("blast_radius < 10_pods").toBuilder()
            .routing(
                Routing.of(
                    List.of(
                        Route.leaf(
                            "security",
                            Condition.compile("type == security"),
                            List.of("isolate_pod")),
                        Route.leaf(
                            "model says security",
                            Condition.compile("classify.type == security"),
                            List.of("escalate")))))
            .build();

    assertThat(p.routingScope().origin("type")).contains(FactOrigin.triggerContext());
    assertThat(p.routingScope().origin("classify.type"))
        .contains(FactOrigin.stepOutput("2_classify", true));
    assertThat(AlertTrigger.any().context()).contains("type", "severity", "source", "alert_name");
    Route first = p.routing().orElseThrow().routes().get(0);
    assertThat(p.routingScope().readsOnlyTrustedFacts(first.when())).isTrue();
  }
}
