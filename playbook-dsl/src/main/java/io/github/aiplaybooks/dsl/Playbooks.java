package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.core.playbook.AlertTrigger;
import io.github.aiplaybooks.core.playbook.ManualTrigger;
import io.github.aiplaybooks.core.playbook.Opportunity;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Schedule;
import io.github.aiplaybooks.core.playbook.ScheduleTrigger;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fluent Java DSL for playbooks, made for {@code import static
 * io.github.aiplaybooks.dsl.Playbooks.*}. It builds the same immutable, validated {@link
 * io.github.aiplaybooks.core.playbook.Playbook} the JSON loader builds, through the same rules.
 *
 * <pre>{@code
 * Playbook p = playbook("automated-rollback")
 *     .agent("eks-sre-agent")
 *     .model("anthropic.claude-3-sonnet-20240229-v1:0")
 *     .trigger(healthCheckFailure().every(Duration.ofSeconds(30))
 *         .checks("pod_ready_rate > 80%", "error_rate < 1%", "latency_p99 < 500ms"))
 *     .step("detect", healthCheck(Duration.ofSeconds(30),
 *         "pod_ready_rate > 80%", "error_rate < 1%", "latency_p99 < 500ms"))
 *     .step("analyze", compareVersions().current("v2.1.0").previous("v2.0.5")
 *         .metrics("error_rate", "latency", "cpu", "memory"))
 *     .step("decide", rollbackDecision()
 *         .rollbackIf("error_rate_increase > 200%", "latency_increase > 100%"))
 *     .step("execute", rollbackDeployment().method("kubectl rollout undo").verify(true))
 *     .step("notify", alertTeam().channels("slack", "pagerduty")
 *         .message("Auto-rollback executed: ${deployment}"))
 *     .build();
 * }</pre>
 *
 * <p>Each method returns the narrowest type that can legally come next: {@code playbook(name)}
 * offers the header (agent, model, trigger, inputs) and {@code step}, but no {@code build()} until
 * there is a step; after the first step the header is closed; after {@code routing(...)} only
 * {@code build()} is left. Each step factory is named after its action and returns a definition
 * with only its kind's parameters, typed: conditions as strings in the condition language, {@code
 * Duration}s, {@link TimeWindow}s, {@link ToolRef}s from {@link #mcp(String)}. Steps are numbered
 * in the order they are added.
 *
 * <p>{@code build()} throws {@link io.github.aiplaybooks.core.playbook.InvalidPlaybookException}
 * with every problem, each at the JSON pointer the same playbook would have in JSON.
 */
public final class Playbooks {
  private Playbooks() {}

  /** Starts a playbook called {@code name}, such as {@code automated-rollback}. */
  public static PlaybookStart playbook(String name) {
    return new PlaybookDefinition(name);
  }

  // --------------------------------------------------------------------------------------------
  // Triggers

  /** Any alert; narrow with {@code .severities(...)} and {@code .sources(...)}. */
  public static AlertDefinition alert() {
    return new AlertDefinition(AlertTrigger.any());
  }

  /** A schedule. */
  public static TriggerDefinition schedule(Schedule schedule) {
    ScheduleTrigger t = new ScheduleTrigger(schedule);
    return () -> t;
  }

  /** Every {@code interval}: see {@link Schedule#every(Duration)}. */
  public static TriggerDefinition every(Duration interval) {
    return schedule(Schedule.every(interval));
  }

  /** Every day at {@code time} in {@code zone}. */
  public static TriggerDefinition daily(LocalTime time, ZoneId zone) {
    return schedule(Schedule.daily(time, zone));
  }

  /** Every week on {@code day} at {@code time} in {@code zone}. */
  public static TriggerDefinition weekly(DayOfWeek day, LocalTime time, ZoneId zone) {
    return schedule(Schedule.weekly(day, time, zone));
  }

  /** A cron expression in {@code zone}: see {@link Schedule#cron(String, ZoneId)}. */
  public static TriggerDefinition cron(String expression, ZoneId zone) {
    return schedule(Schedule.cron(expression, zone));
  }

  /**
   * A failing health check, checked every 30 seconds unless {@code .every(...)} says otherwise;
   * give its {@code .checks(...)}, or leave the trigger out to take the first {@code health_check}
   * step's.
   */
  public static HealthCheckDefinition healthCheckFailure() {
    return new HealthCheckDefinition(Duration.ofSeconds(30), List.of());
  }

  /** Only when someone asks. */
  public static TriggerDefinition manual() {
    ManualTrigger t = new ManualTrigger();
    return () -> t;
  }

  // --------------------------------------------------------------------------------------------
  // Values

  /**
   * An MCP tool call in any form {@link ToolRef} reads, such as {@code kubectl://get pods -n
   * ${namespace}} or {@code aws://xray/get-traces}.
   *
   * @throws io.github.aiplaybooks.mcp.tool.ToolRefException if it cannot be read
   */
  public static ToolRef mcp(String reference) {
    return ToolRef.parse(reference);
  }

  /** An MCP tool call with arguments, such as {@code mcp("cloudwatch/get_metric_data", params)}. */
  public static ToolRef mcp(String reference, ObjectNode arguments) {
    return ToolRef.of(reference, arguments);
  }

  /** The window of the last {@code length}, such as {@code last(Duration.ofDays(7))}. */
  public static TimeWindow last(Duration length) {
    return new TimeWindow(TimeWindow.Direction.PAST, length);
  }

  /** The window of the next {@code length}, such as {@code next(Duration.ofHours(4))}. */
  public static TimeWindow next(Duration length) {
    return new TimeWindow(TimeWindow.Direction.FUTURE, length);
  }

  /**
   * A savings opportunity, such as {@code opportunity("rightsize_pod", "$120/month")}.
   *
   * @throws io.github.aiplaybooks.core.condition.ConditionSyntaxException if {@code savings} is not
   *     a quantity
   */
  public static Opportunity opportunity(String action, String savings) {
    return new Opportunity(action, Quantity.parse(savings));
  }

  // --------------------------------------------------------------------------------------------
  // Routing

  /** A routing tree of {@code routes}, tried in order; no match escalates. */
  public static RoutingDefinition routing(Route... routes) {
    return RoutingDefinition.of(routes);
  }

  /** A branch: when {@code condition} holds, try {@code routes}. */
  public static Route branch(String label, String condition, Route... routes) {
    return Route.branch(label, Condition.compile(condition), List.of(routes));
  }

  /** A leaf: when {@code condition} holds, run {@code runbook}. */
  public static Route leaf(String label, String condition, List<String> runbook) {
    return Route.leaf(label, Condition.compile(condition), runbook);
  }

  /** A runbook: actions to run in order, such as {@code runbook("isolate_pod", "notify")}. */
  public static List<String> runbook(String... actions) {
    return List.of(actions);
  }

  // --------------------------------------------------------------------------------------------
  // Steps, by action

  /** {@code receive_alert}: receive the alert that started the run. */
  public static ReceiveStep receiveAlert() {
    return new ReceiveStep("receive_alert");
  }

  /** {@code health_check}: check health every {@code interval}; healthy when all checks hold. */
  public static HealthCheckStep healthCheck(Duration interval, String... checks) {
    return new HealthCheckStep("health_check", interval, StepDefinition.compile(checks));
  }

  /** {@code gather_context}: gather evidence through tool calls. */
  public static CollectStep gatherContext() {
    return new CollectStep("gather_context");
  }

  /** {@code security_assessment}: gather security findings. */
  public static CollectStep securityAssessment() {
    return new CollectStep("security_assessment");
  }

  /** {@code gather_metrics}: gather metrics over a timeframe. */
  public static CollectStep gatherMetrics() {
    return new CollectStep("gather_metrics");
  }

  /** {@code cost_analysis}: gather costs over a timeframe. */
  public static CollectStep costAnalysis() {
    return new CollectStep("cost_analysis");
  }

  /** {@code analyze_alert}: the model classifies the alert. */
  public static ReasonStep analyzeAlert() {
    return new ReasonStep("analyze_alert");
  }

  /** {@code determine_remediation}: the model picks a runbook. */
  public static ReasonStep determineRemediation() {
    return new ReasonStep("determine_remediation");
  }

  /** {@code detect_patterns}: the model finds usage patterns. */
  public static ReasonStep detectPatterns() {
    return new ReasonStep("detect_patterns");
  }

  /** {@code root_cause_analysis}: the model finds the root cause. */
  public static ReasonStep rootCauseAnalysis() {
    return new ReasonStep("root_cause_analysis");
  }

  /** {@code forecast_demand}: the model forecasts demand. */
  public static ForecastStep forecastDemand() {
    return new ForecastStep("forecast_demand");
  }

  /** {@code generate_scaling_plan}: the model proposes a scaling plan. */
  public static PlanStep generateScalingPlan() {
    return new PlanStep("generate_scaling_plan");
  }

  /** {@code generate_savings_plan}: the model proposes savings. */
  public static PlanStep generateSavingsPlan() {
    return new PlanStep("generate_savings_plan");
  }

  /** {@code identify_risks}: the model sorts findings into categories. */
  public static AssessStep identifyRisks() {
    return new AssessStep("identify_risks");
  }

  /** {@code risk_ranking}: the model ranks findings. */
  public static AssessStep riskRanking() {
    return new AssessStep("risk_ranking");
  }

  /** {@code find_waste}: the model looks for waste patterns. */
  public static AssessStep findWaste() {
    return new AssessStep("find_waste");
  }

  /** {@code compare_versions}: compare two versions on metrics. */
  public static CompareStep compareVersions() {
    return new CompareStep("compare_versions");
  }

  /** {@code rollback_decision}: decide by conditions whether to roll back. */
  public static DecideStep rollbackDecision() {
    return new DecideStep("rollback_decision");
  }

  /** {@code check_approval_required}: decide whether a human must approve. */
  public static ApproveStep checkApprovalRequired() {
    return new ApproveStep("check_approval_required");
  }

  /** {@code run_remediation}: carry out the chosen remediation. */
  public static ExecuteStep runRemediation() {
    return new ExecuteStep("run_remediation");
  }

  /** {@code apply_scaling}: apply the scaling plan. */
  public static ExecuteStep applyScaling() {
    return new ExecuteStep("apply_scaling");
  }

  /** {@code auto_fix}: fix findings. */
  public static ExecuteStep autoFix() {
    return new ExecuteStep("auto_fix");
  }

  /** {@code apply_optimizations}: apply savings. */
  public static ExecuteStep applyOptimizations() {
    return new ExecuteStep("apply_optimizations");
  }

  /** {@code rollback_deployment}: roll the deployment back. */
  public static ExecuteStep rollbackDeployment() {
    return new ExecuteStep("rollback_deployment");
  }

  /** {@code validate_remediation}: verify the remediation worked. */
  public static VerifyStep validateRemediation() {
    return new VerifyStep("validate_remediation");
  }

  /** {@code create_incident_report}: write the incident report. */
  public static ReportStep createIncidentReport() {
    return new ReportStep("create_incident_report");
  }

  /** {@code generate_security_report}: write the security report. */
  public static ReportStep generateSecurityReport() {
    return new ReportStep("generate_security_report");
  }

  /** {@code cost_report}: write the cost report. */
  public static ReportStep costReport() {
    return new ReportStep("cost_report");
  }

  /** {@code alert_team}: tell people what happened. */
  public static NotifyStep alertTeam() {
    return new NotifyStep("alert_team");
  }

  /**
   * A step of an action you registered as a {@link io.github.aiplaybooks.core.playbook.StepKind};
   * pass the registry with {@code stepKinds(...)}.
   */
  public static CustomStep custom(String action) {
    return new CustomStep(action);
  }
}
