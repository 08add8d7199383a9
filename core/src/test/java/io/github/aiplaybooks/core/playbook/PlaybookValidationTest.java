package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** The rules {@link Playbook.Builder#build()} checks, through the model's own API. */
class PlaybookValidationTest {

  private static List<Condition> conditions(String... texts) {
    return Arrays.stream(texts).map(Condition::compile).toList();
  }

  private static Step receive(int order) {
    return new Step(order, "detect", "receive_alert", new ReceiveSpec(List.of("cloudwatch")));
  }

  private static Step approve(int order, String... autoApproveIf) {
    return new Step(
        order,
        "approve",
        "check_approval_required",
        new ApproveSpec(conditions(autoApproveIf), List.of()));
  }

  private static Playbook.Builder minimal() {
    return Playbook.builder().name("p").step(receive(1));
  }

  /** The problems {@code build} reports, as "pointer: message" lines. */
  private static List<String> problems(ThrowingCallable build) {
    InvalidPlaybookException[] caught = new InvalidPlaybookException[1];
    assertThatThrownBy(build)
        .isInstanceOfSatisfying(InvalidPlaybookException.class, e -> caught[0] = e);
    assertThat(caught[0].code()).isEqualTo("PLAYBOOK_INVALID");
    return caught[0].problems().stream().map(PlaybookProblem::toString).toList();
  }

  @Test
  void aMinimalPlaybookBuildsAndGetsItsTriggerFromTheFirstStep() {
    Playbook p = minimal().build();

    assertThat(p.name()).isEqualTo("p");
    assertThat(p.trigger()).isEqualTo(new AlertTrigger(List.of("cloudwatch"), List.of()));
    assertThat(p.agent()).isEmpty();
    assertThat(p.steps()).extracting(Step::key).containsExactly("1_detect");
    assertThat(p.impliedTrigger()).isEqualTo(p.trigger());
    assertThat(p.toBuilder().trigger(new ManualTrigger()).build().impliedTrigger())
        .isEqualTo(p.trigger());
  }

  @Test
  void aHealthCheckFirstStepGivesAHealthCheckTriggerAndAnythingElseManual() {
    HealthCheckSpec check =
        new HealthCheckSpec(Duration.ofSeconds(30), conditions("error_rate < 1%"));
    Playbook health =
        Playbook.builder().name("h").step(new Step(1, "detect", "health_check", check)).build();
    Playbook manual =
        Playbook.builder()
            .name("m")
            .step(new Step(1, "collect", "gather_metrics", CollectSpec.builder().build()))
            .build();

    assertThat(health.trigger())
        .isEqualTo(new HealthCheckTrigger(Duration.ofSeconds(30), check.checks()));
    assertThat(manual.trigger()).isEqualTo(new ManualTrigger());
  }

  @Test
  void stepsAreOrderedByTheirNumbersWhateverOrderTheyAreAddedIn() {
    Playbook p =
        Playbook.builder()
            .name("p")
            .step(approve(2, "blast_radius < 10_pods"))
            .step(receive(1))
            .build();

    assertThat(p.steps()).extracting(Step::key).containsExactly("1_detect", "2_approve");
  }

  @Test
  void everyProblemIsReportedAtOnceAtItsPointer() {
    List<String> problems =
        problems(
            () ->
                Playbook.builder()
                    .stepKinds(StepKindRegistry.builtIns())
                    .name("Bad Name")
                    .agent(" ")
                    .step(receive(1))
                    .step(approve(3, "blast_radios < 10_pods"))
                    .step(new Step(3, "execute", "run_remediaton", ExecuteSpec.builder().build()))
                    .build());

    assertThat(problems)
        .containsExactly(
            "/playbook: 'Bad Name' is not a playbook name: expected lower-case letters, digits,"
                + " '-', '_' and '.', such as automated-rollback",
            "/agent: must not be empty",
            "/workflow/3_approve: step number 3 follows 1: steps are numbered 1, 2, 3, … without"
                + " gaps; expected 2_approve",
            "/workflow/3_approve/auto_approve_if/0: unknown fact 'blast_radios' in 'blast_radios"
                + " < 10_pods' (did you mean 'blast_radius'?): a condition may read the standard"
                + " facts, the inputs, the trigger's context and outputs of earlier steps; declare"
                + " it under \"inputs\"",
            "/workflow/3_execute: duplicate step number 3: 3_approve and 3_execute",
            "/workflow/3_execute/action: unknown action 'run_remediaton' (did you mean"
                + " 'run_remediation'?); known actions: "
                + String.join(", ", StepKindRegistry.builtIns().actions())
                + " (register a StepKind to add one)");
  }

  @Test
  void stepsStartAtOneAndNamesAreUnique() {
    assertThat(problems(() -> Playbook.builder().name("p").step(receive(2)).build()))
        .containsExactly(
            "/workflow/2_detect: steps are numbered from 1: expected 1_detect, found 2_detect");
    assertThat(
            problems(
                () ->
                    Playbook.builder()
                        .name("p")
                        .step(receive(1))
                        .step(new Step(2, "detect", "receive_alert", new ReceiveSpec(List.of())))
                        .build()))
        .containsExactly("/workflow/2_detect: step name 'detect' is also used by 1_detect");
    assertThat(problems(() -> Playbook.builder().name("p").build()))
        .containsExactly("/workflow: a playbook needs at least one step, such as \"1_detect\"");
    assertThat(problems(() -> Playbook.builder().step(receive(1)).build()))
        .containsExactly("/playbook: missing: a playbook needs a name, such as automated-rollback");
  }

  @Test
  void anActionMustGetTheParametersOfItsKind() {
    assertThat(
            problems(
                () ->
                    Playbook.builder()
                        .name("p")
                        .step(new Step(1, "detect", "receive_alert", new VerifySpec(List.of())))
                        .build()))
        .containsExactly(
            "/workflow/1_detect: action 'receive_alert' takes ReceiveSpec parameters, not"
                + " VerifySpec");
  }

  @Test
  void conditionsMayReadOutputsOfEarlierStepsButNotOfLaterOnes() {
    Step classify =
        new Step(
            2,
            "classify",
            "analyze_alert",
            ReasonSpec.builder().extract(List.of("root_cause")).build());
    Playbook ok = minimal().step(classify).step(approve(3, "root_cause == oom")).build();
    assertThat(ok.steps()).hasSize(3);

    List<String> problems =
        problems(
            () ->
                minimal()
                    .step(approve(2, "root_cause == oom"))
                    .step(new Step(3, "classify", "analyze_alert", classify.spec()))
                    .build());
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("/workflow/2_approve/auto_approve_if/0: unknown fact 'root_cause'");
  }

  @Test
  void standardFactsKeepTheirTypesSoTypeErrorsShowAtBuildTime() {
    assertThat(problems(() -> minimal().step(approve(2, "blast_radius < 20%")).build()))
        .containsExactly(
            "/workflow/2_approve/auto_approve_if/0: blast_radius < 20%: cannot compare fact"
                + " blast_radius (a count of pods) with 20% (a ratio)");
  }

  @Test
  void namedVerificationChecksExistOnlyInVerifySteps() {
    Step verify =
        new Step(2, "verify", "validate_remediation", new VerifySpec(conditions("alert_cleared")));
    assertThat(minimal().step(verify).build().steps()).hasSize(2);

    assertThat(problems(() -> minimal().step(approve(2, "alert_cleared")).build()))
        .singleElement()
        .asString()
        .startsWith("/workflow/2_approve/auto_approve_if/0: unknown fact 'alert_cleared'");
  }

  @Test
  void inputsAreFactsAndVariables() {
    Step collect =
        new Step(
            1,
            "collect",
            "gather_context",
            CollectSpec.builder()
                .parallel(List.of(ToolRef.parse("kubectl://get pods -n ${namespace}")))
                .build());
    Step exec =
        new Step(
            2,
            "execute",
            "run_remediation",
            ExecuteSpec.builder().condition(Condition.compile("threshold > 10%")).build());

    assertThat(
            problems(
                () ->
                    Playbook.builder()
                        .name("p")
                        .trigger(new ScheduleTrigger(Schedule.every(Duration.ofMinutes(5))))
                        .step(collect)
                        .step(exec)
                        .build()))
        .containsExactly(
            "/workflow/1_collect/parallel/0/mcp: undeclared variable '${namespace}': a template"
                + " may read the trigger's context (cluster, region, scheduled_time), the inputs"
                + " and outputs of earlier steps; declare it under \"inputs\"",
            "/workflow/2_execute/if: unknown fact 'threshold' in 'threshold > 10%': a condition"
                + " may read the standard facts, the inputs, the trigger's context and outputs of"
                + " earlier steps; declare it under \"inputs\"");

    Playbook p =
        Playbook.builder()
            .name("p")
            .trigger(new ScheduleTrigger(Schedule.every(Duration.ofMinutes(5))))
            .input("namespace", FactType.STRING)
            .input("threshold", FactType.RATIO)
            .step(collect)
            .step(exec)
            .build();
    assertThat(p.variables(p.steps().get(0))).contains("namespace", "cluster");
    assertThat(p.facts(p.steps().get(1)).type("threshold")).contains(FactType.RATIO);
    assertThat(p.facts(p.steps().get(1)).type("blast_radius")).contains(FactType.count("pods"));
  }

  @Test
  void standardFactsAreNotTemplateVariables() {
    Step notify =
        new Step(
            2,
            "notify",
            "alert_team",
            NotifySpec.builder()
                .channels(List.of("slack"))
                .message(Template.parse("radius ${blast_radius}, pod ${pod}"))
                .build());

    assertThat(problems(() -> minimal().step(notify).build()))
        .singleElement()
        .asString()
        .startsWith("/workflow/2_notify/message: undeclared variable '${blast_radius}'");
  }

  @Test
  void valuesAreCheckedForWhatTheyMean() {
    Step collect =
        new Step(
            2,
            "collect",
            "gather_metrics",
            CollectSpec.builder()
                .timeframe(TimeWindow.parse("next_7_days"))
                .metrics(List.of("cpu utilization"))
                .build());
    Step forecast =
        new Step(
            3,
            "predict",
            "forecast_demand",
            ForecastSpec.builder()
                .horizon(TimeWindow.parse("last_4_hours"))
                .confidence(1.5)
                .build());
    Step plan =
        new Step(
            4,
            "plan",
            "generate_savings_plan",
            PlanSpec.builder()
                .opportunities(
                    List.of(
                        new Opportunity("delete_unused_pvc", Quantity.parse("$45/month")),
                        new Opportunity("rightsize_podd", Quantity.parse("20%"))))
                .build());
    Step exec =
        new Step(
            5, "execute", "run_remediation", ExecuteSpec.builder().timeout(Duration.ZERO).build());
    Step report =
        new Step(
            6,
            "report",
            "cost_report",
            new ReportSpec(List.of("spend"), List.of("team@example.com", "not an address")));
    Step waste =
        new Step(
            7,
            "waste",
            "find_waste",
            AssessSpec.builder()
                .patterns(List.of(DetectionPattern.parse("idle pods (x)")))
                .output("2x")
                .build());

    assertThat(
            problems(
                () ->
                    minimal()
                        .step(collect)
                        .step(forecast)
                        .step(plan)
                        .step(exec)
                        .step(report)
                        .step(waste)
                        .build()))
        .containsExactly(
            "/workflow/2_collect/timeframe: a timeframe looks back: expected a window such as"
                + " last_7_days, found next_7d",
            "/workflow/2_collect/metrics/0: 'cpu utilization' is not a name later steps can"
                + " read: expected a letter or _, then letters, digits and _",
            "/workflow/3_predict/horizon: a horizon looks ahead: expected a window such as"
                + " next_4_hours, found last_4h",
            "/workflow/3_predict/confidence: expected a confidence above 0 and at most 1, such as"
                + " 0.85; found 1.5",
            "/workflow/4_plan/opportunities/1/type: unknown action 'rightsize_podd' (did you"
                + " mean 'rightsize_pod'?); known actions: "
                + String.join(
                    ", ", new java.util.TreeSet<>(KnownActions.seedCatalog().spellings())),
            "/workflow/4_plan/opportunities/1/savings: expected an amount of money saved, such as"
                + " $120/month; found 20%",
            "/workflow/5_execute/timeout: expected a positive duration such as 30s or 10m; found"
                + " PT0S",
            "/workflow/6_report/recipients/1: expected an e-mail address such as"
                + " security-team@example.com or a channel such as slack, #sre-oncall or"
                + " pagerduty:platform; found 'not an address'",
            "/workflow/7_waste/output: '2x' is not a name later steps can read: expected a letter"
                + " or _, then letters, digits and _",
            "/workflow/7_waste/patterns/0: expected a name, then optionally a criterion in"
                + " parentheses, such as idle_pods (cpu < 5% for 7 days); found 'idle pods (x)'");
  }

  @Test
  void extensionsAndInputsAreChecked() {
    assertThat(
            problems(
                () ->
                    minimal()
                        .extension("owner", JsonNodeFactory.instance.stringNode("sre"))
                        .input("sev", FactType.oneOf(List.of("P0", "P1")))
                        .input("bad name", FactType.ANY)
                        .build()))
        .containsExactly(
            "/owner: extension keys start with 'x-'; found 'owner'",
            "/inputs/sev: one-of types cannot be written in a playbook; declare it as string",
            "/inputs/bad name: 'bad name' is not a name (a letter or _, then letters, digits, _)");
  }

  @Test
  void aDeclaredHealthCheckTriggerIsCheckedButADerivedOneOnlyOnceAtItsStep() {
    HealthCheckTrigger bad = new HealthCheckTrigger(Duration.ZERO, conditions("eror_rate < 1%"));
    assertThat(problems(() -> minimal().trigger(bad).build()))
        .containsExactly(
            "/trigger/interval: expected a positive duration such as 30s or 10m; found PT0S",
            "/trigger/checks/0: unknown fact 'eror_rate' in 'eror_rate < 1%' (did you mean"
                + " 'error_rate'?): a condition may read the standard facts, the inputs, the"
                + " trigger's context and outputs of earlier steps; declare it under \"inputs\"");

    Step check =
        new Step(1, "detect", "health_check", new HealthCheckSpec(Duration.ZERO, List.of()));
    assertThat(problems(() -> Playbook.builder().name("p").step(check).build()))
        .containsExactly(
            "/workflow/1_detect/interval: expected a positive duration such as 30s or 10m; found"
                + " PT0S",
            "/workflow/1_detect/checks: a health check needs at least one check");
  }

  @Test
  void routingNamesKnownActionsAndHasLeavesOrBranches() {
    Route both =
        new Route(
            "both",
            Condition.compile("severity == P0"),
            List.of(leaf("x", "escalate")),
            List.of("notify"));
    Route neither = new Route("neither", Condition.compile("severity == P1"), List.of(), List.of());
    Route unknownFact = leaf("typo", "escalate");
    Routing routing =
        new Routing(
            List.of(
                both,
                neither,
                Route.leaf("t", Condition.compile("sevrity == P2"), List.of("isolate_pood"))),
            List.of());

    assertThat(problems(() -> minimal().routing(routing).build()))
        .containsExactly(
            "/routing/routes/0: a route has either \"routes\" (a branch) or a \"runbook\" (a"
                + " leaf), not both",
            "/routing/routes/1: a route needs either \"routes\" (a branch) or a \"runbook\" (a"
                + " leaf)",
            "/routing/routes/2/when: unknown fact 'sevrity' in 'sevrity == P2' (did you mean"
                + " 'severity'?): a condition may read the standard facts, the inputs, the"
                + " trigger's context and outputs of earlier steps; declare it under \"inputs\"",
            "/routing/routes/2/runbook/0: unknown action 'isolate_pood' (did you mean"
                + " 'isolate_pod'?); known actions: "
                + String.join(
                    ", ", new java.util.TreeSet<>(KnownActions.seedCatalog().spellings())),
            "/routing/default: the default route needs at least one action, such as escalate");
    assertThat(unknownFact.isLeaf()).isTrue();
  }

  @Test
  void aMisspeltActionSpeltWithDashesGetsASuggestionToo() {
    Routing routing =
        Routing.of(
            List.of(
                Route.leaf("t", Condition.compile("severity == P2"), List.of("get-metric-dat"))));

    assertThat(problems(() -> minimal().routing(routing).build()))
        .singleElement()
        .asString()
        .startsWith(
            "/routing/routes/0/runbook/0: unknown action 'get-metric-dat' (did you mean"
                + " 'get-metric-data'?)");
  }

  private static Route leaf(String label, String... runbook) {
    return Route.leaf(label, Condition.compile("severity == P0"), List.of(runbook));
  }

  @Test
  void playbooksAreValuesAndTheRegistriesAreNotPartOfThem() {
    Playbook a =
        minimal().agent("eks-sre-agent").step(approve(2, "blast_radius < 10_pods")).build();
    Playbook b =
        Playbook.builder()
            .name("p")
            .agent("eks-sre-agent")
            .step(approve(2, "blast_radius   <   10_pods"))
            .step(receive(1))
            .stepKinds(StepKindRegistry.builtIns())
            .build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThat(a.toBuilder().agent("other").build()).isNotEqualTo(a);
    assertThat(a.toBuilder().trigger(new ManualTrigger()).build()).isNotEqualTo(a);
    assertThat(
            a.toBuilder().steps(List.of(receive(1), approve(2, "blast_radius < 11_pods"))).build())
        .isNotEqualTo(a);
    assertThat(
            a.toBuilder()
                .trigger(new ScheduleTrigger(Schedule.daily(LocalTime.NOON, ZoneOffset.UTC)))
                .build()
                .trigger()
                .describe())
        .isEqualTo("scheduled daily at 12:00 (Z)");
    assertThat(a.toString()).isEqualTo("Playbook{p, alert, [1_detect, 2_approve]}");
  }

  @Test
  void outputsOfAStepComeFromItsKindAndParameters() {
    Playbook p =
        minimal()
            .step(
                new Step(
                    2,
                    "compare",
                    "compare_versions",
                    CompareSpec.builder()
                        .metrics(List.of("error_rate", "latency"))
                        .output("diff")
                        .build()))
            .step(new Step(3, "risks", "identify_risks", AssessSpec.builder().build()))
            .build();

    assertThat(p.outputs(p.steps().get(0))).contains("namespace", "pod", "alert_name");
    assertThat(p.outputs(p.steps().get(1)))
        .containsExactly("error_rate_increase", "latency_increase", "diff");
    assertThat(p.outputs(p.steps().get(2)))
        .containsExactly("risk", "template_available", "patch_available");
    assertThat(p.facts(p.steps().get(2)).declares("latency_increase")).isTrue();
    assertThat(Map.of("k", p.routingFacts().declares("patch_available"))).containsEntry("k", true);
  }
}
