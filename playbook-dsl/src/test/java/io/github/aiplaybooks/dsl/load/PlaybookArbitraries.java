package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.core.playbook.AlertTrigger;
import io.github.aiplaybooks.core.playbook.ApproveSpec;
import io.github.aiplaybooks.core.playbook.AssessSpec;
import io.github.aiplaybooks.core.playbook.CollectSpec;
import io.github.aiplaybooks.core.playbook.CompareSpec;
import io.github.aiplaybooks.core.playbook.DecideSpec;
import io.github.aiplaybooks.core.playbook.DetectionPattern;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.ForecastSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckTrigger;
import io.github.aiplaybooks.core.playbook.ManualTrigger;
import io.github.aiplaybooks.core.playbook.NotifySpec;
import io.github.aiplaybooks.core.playbook.Opportunity;
import io.github.aiplaybooks.core.playbook.PlanSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.ReasonSpec;
import io.github.aiplaybooks.core.playbook.ReceiveSpec;
import io.github.aiplaybooks.core.playbook.ReportSpec;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Routing;
import io.github.aiplaybooks.core.playbook.Schedule;
import io.github.aiplaybooks.core.playbook.ScheduleTrigger;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.playbook.StepSpec;
import io.github.aiplaybooks.core.playbook.Template;
import io.github.aiplaybooks.core.playbook.Trigger;
import io.github.aiplaybooks.core.playbook.VerifySpec;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Random valid playbooks: every kind of step with random parameters, conditions that read only
 * standard facts and declared inputs, free text of any characters, optional routing and extensions.
 */
final class PlaybookArbitraries {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlaybookArbitraries() {}

  static Arbitrary<Playbook> playbooks() {
    Arbitrary<String> name = Arbitraries.of("p", "incident-response", "cost.v2", "a_b-c");
    Arbitrary<List<StepSpecAndAction>> steps = step().list().ofMinSize(1).ofMaxSize(7);
    return Combinators.combine(
            name,
            text().injectNull(0.3),
            text().injectNull(0.3),
            trigger().injectNull(0.4),
            steps,
            routing().injectNull(0.6),
            text().injectNull(0.7))
        .as(PlaybookArbitraries::build);
  }

  private record StepSpecAndAction(String action, StepSpec spec, String name) {}

  private static Playbook build(
      String name,
      String agent,
      String model,
      Trigger trigger,
      List<StepSpecAndAction> specs,
      Routing routing,
      String owner) {
    Playbook.Builder b =
        Playbook.builder()
            .name(name)
            .agent(agent)
            .model(model)
            .trigger(trigger)
            .routing(routing)
            .input("namespace", FactType.STRING)
            .input("threshold", FactType.RATIO)
            .input("max_pods", FactType.count("pods"));
    for (int i = 0; i < specs.size(); i++) {
      StepSpecAndAction s = specs.get(i);
      Map<String, tools.jackson.databind.JsonNode> ext =
          i == 0 && owner != null ? Map.of("x-note", NODES.stringNode(owner)) : Map.of();
      b.step(new Step(i + 1, s.name + i, s.action, s.spec, ext));
    }
    if (owner != null) {
      b.extension("x-owner", NODES.objectNode().put("team", owner).put("size", owner.length()));
    }
    return b.build();
  }

  // ----------------------------------------------------------------------------------------------

  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMinLength(1).ofMaxLength(30),
            Arbitraries.strings()
                .withChars("\"'\\:#{}[]$,&*!|>%@`- \t\n")
                .withCharRange('a', 'c')
                .ofMinLength(1)
                .ofMaxLength(12),
            Arbitraries.of("yes", "no", "true", "null", "~", "0.85", "1e3", "0x10", "- x", "a: b"))
        .filter(s -> !s.isBlank());
  }

  private static Arbitrary<String> identifier() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('_', '0', '9')
        .ofMinLength(1)
        .ofMaxLength(10)
        .map(s -> "o_" + s);
  }

  private static Arbitrary<Condition> condition() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "blast_radius < 10_pods",
                "severity == P0 AND off_hours == true",
                "action IN ['restart_pod', 'scale_deployment']",
                "NOT (replicas >= 3) OR scale_up < 2x",
                "savings > $50/month",
                "latency_p99 < 500ms",
                "risk == low",
                "blast_radius < max_pods",
                "threshold > 5%",
                "namespace != 'prod'"),
            Arbitraries.integers().between(0, 500).map(n -> "blast_radius <= " + n + "_pods"),
            Arbitraries.integers().between(1, 99).map(n -> "cost_increase < " + n + "%"))
        .map(Condition::compile);
  }

  private static Arbitrary<List<Condition>> conditions(int min) {
    return condition().list().ofMinSize(min).ofMaxSize(3);
  }

  private static Arbitrary<List<String>> texts() {
    return text().list().ofMaxSize(3);
  }

  private static Arbitrary<List<String>> identifiers() {
    return identifier().list().ofMaxSize(3);
  }

  private static Arbitrary<Duration> duration() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 100_000).map(Duration::ofMillis),
        Arbitraries.longs().between(1, 1_000).map(Duration::ofMinutes),
        Arbitraries.longs().between(1, 60).map(Duration::ofDays));
  }

  private static Arbitrary<TimeWindow> window(TimeWindow.Direction d) {
    return duration().map(l -> new TimeWindow(d, l));
  }

  private static Arbitrary<ToolRef> toolRef() {
    return Arbitraries.of(
        ToolRef.parse("kubectl://get pods -n ${namespace}"),
        ToolRef.parse("kubectl://logs api-0 -n ${namespace} --tail=10"),
        ToolRef.parse("aws://xray/get-traces"),
        ToolRef.parse("aws://security-hub/get-findings"),
        ToolRef.of("cloudwatch/get_metric_data", NODES.objectNode().put("period", 300)),
        ToolRef.of("kubectl_get", NODES.objectNode().put("resource", "nodes")),
        ToolRef.parse("kubectl://get pods -n ${namespace}")
            .withArguments(NODES.objectNode().put("resource", "services")));
  }

  private static Arbitrary<Trigger> trigger() {
    return Arbitraries.oneOf(
        Combinators.combine(texts(), Arbitraries.of("P0", "P1", "P2").list().ofMaxSize(2))
            .as(AlertTrigger::new),
        Arbitraries.of(
                Schedule.every(Duration.ofMinutes(5)),
                Schedule.cron("0 6 * * MON", "UTC"),
                Schedule.cron("*/10 8-18 * * 1-5", "Europe/Paris"))
            .map(ScheduleTrigger::new),
        Combinators.combine(duration(), conditions(1)).as(HealthCheckTrigger::new),
        Arbitraries.just(new ManualTrigger()));
  }

  private static Arbitrary<Routing> routing() {
    Arbitrary<List<String>> runbook =
        Arbitraries.of("isolate_pod", "notify", "escalate", "delete_unused_pvc", "get_traces")
            .list()
            .ofMinSize(1)
            .ofMaxSize(3);
    Arbitrary<Route> leaf =
        Combinators.combine(text().injectNull(0.3), condition(), runbook)
            .as((l, c, r) -> Route.leaf(l == null ? "" : l, c, r));
    Arbitrary<Route> branch =
        Combinators.combine(text(), condition(), leaf.list().ofMinSize(1).ofMaxSize(3))
            .as(Route::branch);
    return Combinators.combine(
            Arbitraries.oneOf(leaf, branch).list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.oneOf(Arbitraries.just(Routing.DEFAULT_FALLBACK), runbook))
        .as(Routing::new);
  }

  private static Arbitrary<StepSpecAndAction> step() {
    return Arbitraries.oneOf(
        texts().map(s -> new StepSpecAndAction("receive_alert", new ReceiveSpec(s), "detect")),
        Combinators.combine(duration(), conditions(1))
            .as(
                (d, c) ->
                    new StepSpecAndAction("health_check", new HealthCheckSpec(d, c), "check")),
        collect(),
        reason(),
        forecast(),
        plan(),
        assess(),
        compare(),
        Combinators.combine(conditions(0), condition().injectNull(0.5))
            .as(
                (r, c) ->
                    new StepSpecAndAction(
                        "rollback_decision",
                        DecideSpec.builder().rollbackIf(r).condition(c).build(),
                        "decide")),
        Combinators.combine(conditions(0), conditions(0))
            .as(
                (a, r) ->
                    new StepSpecAndAction(
                        "check_approval_required", new ApproveSpec(a, r), "approve")),
        execute(),
        Combinators.combine(conditions(0), Arbitraries.of(true, false))
            .as(
                (c, named) -> {
                  List<Condition> checks = new ArrayList<>(c);
                  if (named) {
                    checks.add(Condition.compile("alert_cleared"));
                  }
                  return new StepSpecAndAction(
                      "validate_remediation", new VerifySpec(checks), "verify");
                }),
        Combinators.combine(
                Arbitraries.of("create_incident_report", "generate_security_report", "cost_report"),
                texts(),
                Arbitraries.of(
                        "security-team@example.com", "slack", "#sre-oncall", "pagerduty:platform")
                    .list()
                    .ofMaxSize(3))
            .as((a, i, r) -> new StepSpecAndAction(a, new ReportSpec(i, r), "report")),
        Combinators.combine(
                Arbitraries.of("slack", "pagerduty", "#ops").list().ofMinSize(1).ofMaxSize(2),
                text()
                    .map(t -> Template.parse(t.replace("$", "$$") + " ${namespace}"))
                    .injectNull(0.3))
            .as(
                (ch, m) ->
                    new StepSpecAndAction(
                        "alert_team",
                        NotifySpec.builder().channels(ch).message(m).build(),
                        "notify")));
  }

  private static Arbitrary<StepSpecAndAction> collect() {
    return Combinators.combine(
            Arbitraries.of(
                "gather_context", "security_assessment", "gather_metrics", "cost_analysis"),
            toolRef().list().ofMaxSize(3),
            Arbitraries.of(true, false),
            window(TimeWindow.Direction.PAST).injectNull(0.5),
            identifiers(),
            texts())
        .as(
            (a, calls, parallel, w, m, bd) -> {
              CollectSpec.Builder b = CollectSpec.builder().timeframe(w).metrics(m).breakdown(bd);
              if (parallel) {
                b.parallel(calls);
              } else {
                b.sources(calls);
              }
              return new StepSpecAndAction(a, b.build(), "collect");
            });
  }

  private static Arbitrary<StepSpecAndAction> reason() {
    return Combinators.combine(
            Arbitraries.of(
                "analyze_alert", "determine_remediation", "detect_patterns", "root_cause_analysis"),
            text().injectNull(0.4),
            identifiers(),
            identifier().injectNull(0.5),
            texts())
        .as(
            (a, r, x, o, g) ->
                new StepSpecAndAction(
                    a,
                    ReasonSpec.builder().reasoning(r).extract(x).output(o).gather(g).build(),
                    "reason"));
  }

  private static Arbitrary<StepSpecAndAction> forecast() {
    return Combinators.combine(
            window(TimeWindow.Direction.FUTURE).injectNull(0.3),
            Arbitraries.doubles().between(0.0001, 1.0).ofScale(4).injectNull(0.3),
            text().injectNull(0.5),
            identifier().injectNull(0.5))
        .as(
            (h, c, r, o) -> {
              ForecastSpec.Builder b = ForecastSpec.builder().horizon(h).reasoning(r).output(o);
              if (c != null) {
                b.confidence(c);
              }
              return new StepSpecAndAction("forecast_demand", b.build(), "predict");
            });
  }

  private static Arbitrary<StepSpecAndAction> plan() {
    Arbitrary<Opportunity> opportunity =
        Combinators.combine(
                Arbitraries.of("rightsize_pod", "delete_unused_pvc", "consolidate_lb"),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.of("$%d/month", "$%d", "$%d.5/month"))
            .as((t, n, f) -> new Opportunity(t, Quantity.parse(String.format(f, n))));
    return Combinators.combine(
            Arbitraries.of("generate_scaling_plan", "generate_savings_plan"),
            conditions(0),
            opportunity.list().ofMaxSize(3),
            text().injectNull(0.5),
            identifier().injectNull(0.5))
        .as(
            (a, c, o, r, out) ->
                new StepSpecAndAction(
                    a,
                    PlanSpec.builder()
                        .constraints(c)
                        .opportunities(o)
                        .reasoning(r)
                        .output(out)
                        .build(),
                    "plan"));
  }

  private static Arbitrary<StepSpecAndAction> assess() {
    Arbitrary<DetectionPattern> pattern =
        Combinators.combine(
                identifier(), Arbitraries.of("", " (cpu < 5% for 7 days)", " (requested >> used)"))
            .as((n, c) -> DetectionPattern.parse(n + c));
    return Combinators.combine(
            Arbitraries.of("identify_risks", "risk_ranking", "find_waste"),
            texts(),
            texts(),
            pattern.list().ofMaxSize(3),
            identifier().injectNull(0.5))
        .as(
            (a, cat, cr, p, o) ->
                new StepSpecAndAction(
                    a,
                    AssessSpec.builder().categories(cat).criteria(cr).patterns(p).output(o).build(),
                    "assess"));
  }

  private static Arbitrary<StepSpecAndAction> compare() {
    return Combinators.combine(text().injectNull(0.3), text().injectNull(0.3), identifiers())
        .as(
            (c, p, m) ->
                new StepSpecAndAction(
                    "compare_versions",
                    CompareSpec.builder().current(c).previous(p).metrics(m).build(),
                    "compare"));
  }

  private static Arbitrary<StepSpecAndAction> execute() {
    return Combinators.combine(
            Arbitraries.of(
                "run_remediation",
                "apply_scaling",
                "auto_fix",
                "apply_optimizations",
                "rollback_deployment"),
            Arbitraries.of(true, false),
            duration().injectNull(0.5),
            text().injectNull(0.5),
            Arbitraries.of(true, false),
            condition().injectNull(0.5),
            conditions(0),
            conditions(0))
        .as(
            (a, rb, t, m, v, c, fix, apply) ->
                new StepSpecAndAction(
                    a,
                    ExecuteSpec.builder()
                        .withRollback(rb)
                        .timeout(t)
                        .method(m)
                        .verify(v)
                        .condition(c)
                        .autoFixIf(fix)
                        .autoApplyIf(apply)
                        .build(),
                    "execute"));
  }
}
