package io.github.aiplaybooks.core.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The seed's actions and the kinds of step they map to. */
final class BuiltInStepKind implements StepKind {

  /** The parameter keys of each built-in spec type, in the order the format writes them. */
  static final Map<Class<? extends StepSpec>, List<String>> PARAMETERS =
      Map.ofEntries(
          Map.entry(ReceiveSpec.class, List.of("sources")),
          Map.entry(HealthCheckSpec.class, List.of("interval", "checks")),
          Map.entry(
              CollectSpec.class,
              List.of("parallel", "sources", "timeframe", "metrics", "breakdown")),
          Map.entry(ReasonSpec.class, List.of("extract", "reasoning", "gather", "output")),
          Map.entry(ForecastSpec.class, List.of("horizon", "confidence", "reasoning", "output")),
          Map.entry(PlanSpec.class, List.of("constraints", "opportunities", "reasoning", "output")),
          Map.entry(
              AssessSpec.class,
              List.of("categories", "criteria", "patterns", "reasoning", "output")),
          Map.entry(
              CompareSpec.class, List.of("current", "previous", "metrics", "reasoning", "output")),
          Map.entry(DecideSpec.class, List.of("rollback_if", "if")),
          Map.entry(ApproveSpec.class, List.of("auto_approve_if", "require_human_if")),
          Map.entry(
              ExecuteSpec.class,
              List.of(
                  "if",
                  "with_rollback",
                  "timeout",
                  "method",
                  "verify",
                  "auto_fix_if",
                  "auto_apply_if")),
          Map.entry(VerifySpec.class, List.of("checks")),
          Map.entry(ReportSpec.class, List.of("recipients", "include")),
          Map.entry(NotifySpec.class, List.of("channels", "message")));

  /** Every built-in action, in the order the seed's playbooks use them. */
  static final Map<String, BuiltInStepKind> ALL;

  static {
    Map<String, BuiltInStepKind> m = new LinkedHashMap<>();
    // Playbook 1: autonomous incident response.
    add(m, "receive_alert", ReceiveSpec.class, AlertTrigger.CONTEXT);
    add(m, "analyze_alert", ReasonSpec.class);
    add(m, "gather_context", CollectSpec.class);
    add(m, "determine_remediation", ReasonSpec.class);
    add(m, "check_approval_required", ApproveSpec.class, List.of("approved"));
    add(m, "run_remediation", ExecuteSpec.class);
    add(m, "validate_remediation", VerifySpec.class);
    add(m, "create_incident_report", ReportSpec.class);
    // Playbook 2: predictive scaling.
    add(m, "gather_metrics", CollectSpec.class);
    add(m, "detect_patterns", ReasonSpec.class);
    add(m, "forecast_demand", ForecastSpec.class);
    add(m, "generate_scaling_plan", PlanSpec.class);
    add(m, "apply_scaling", ExecuteSpec.class);
    // Playbook 3: security posture.
    add(m, "security_assessment", CollectSpec.class);
    add(
        m,
        "identify_risks",
        AssessSpec.class,
        List.of("risk", "template_available", "patch_available"));
    add(m, "risk_ranking", AssessSpec.class);
    add(m, "auto_fix", ExecuteSpec.class);
    add(m, "generate_security_report", ReportSpec.class);
    // Playbook 4: cost optimization.
    add(m, "cost_analysis", CollectSpec.class);
    add(m, "find_waste", AssessSpec.class);
    add(m, "generate_savings_plan", PlanSpec.class);
    add(m, "apply_optimizations", ExecuteSpec.class);
    add(m, "cost_report", ReportSpec.class);
    // Playbook 5: automated rollback.
    add(m, "health_check", HealthCheckSpec.class, HealthCheckTrigger.CONTEXT);
    add(m, "compare_versions", CompareSpec.class);
    add(m, "rollback_decision", DecideSpec.class);
    add(m, "rollback_deployment", ExecuteSpec.class);
    add(m, "alert_team", NotifySpec.class);
    add(m, "root_cause_analysis", ReasonSpec.class);
    ALL = Collections.unmodifiableMap(m);
  }

  private final String action;
  private final Class<? extends StepSpec> specType;
  private final List<String> intrinsicOutputs;

  private BuiltInStepKind(
      String action, Class<? extends StepSpec> specType, List<String> intrinsicOutputs) {
    this.action = action;
    this.specType = specType;
    this.intrinsicOutputs = intrinsicOutputs;
  }

  private static void add(
      Map<String, BuiltInStepKind> m, String action, Class<? extends StepSpec> type) {
    add(m, action, type, List.of());
  }

  private static void add(
      Map<String, BuiltInStepKind> m,
      String action,
      Class<? extends StepSpec> type,
      List<String> outputs) {
    m.put(action, new BuiltInStepKind(action, type, List.copyOf(outputs)));
  }

  @Override
  public String action() {
    return action;
  }

  @Override
  public Class<? extends StepSpec> specType() {
    return specType;
  }

  @Override
  public Set<String> parameters() {
    return new LinkedHashSet<>(PARAMETERS.get(specType));
  }

  /** The spec's outputs and the ones this action always has. */
  @Override
  public Set<String> outputs(StepSpec spec) {
    Set<String> names = new LinkedHashSet<>(intrinsicOutputs);
    names.addAll(spec.outputs());
    return Collections.unmodifiableSet(names);
  }

  /** The model produces the outputs of its own steps, {@link LlmSpec}s, and of no other. */
  @Override
  public boolean modelProduced(StepSpec spec) {
    return spec instanceof LlmSpec;
  }

  @Override
  public String toString() {
    return "built-in step kind " + action + " (" + specType.getSimpleName() + ")";
  }
}
