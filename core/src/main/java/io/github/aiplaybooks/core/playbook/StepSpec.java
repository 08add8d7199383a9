package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Set;

/**
 * The typed parameters of one step. Every action of the seed's playbooks maps to one of these kinds
 * (see {@link StepKindRegistry}); actions that users register themselves carry a {@link
 * CustomSpec}.
 *
 * <table>
 *   <caption>Kinds of step</caption>
 *   <tr><th>spec</th><th>parameters</th><th>seed actions</th></tr>
 *   <tr><td>{@link ReceiveSpec}</td><td>sources</td><td>receive_alert</td></tr>
 *   <tr><td>{@link HealthCheckSpec}</td><td>interval, checks</td><td>health_check</td></tr>
 *   <tr><td>{@link CollectSpec}</td><td>parallel / sources, timeframe, metrics, breakdown</td>
 *       <td>gather_context, security_assessment, gather_metrics, cost_analysis</td></tr>
 *   <tr><td>{@link ReasonSpec}</td><td>reasoning, extract, output, gather</td>
 *       <td>analyze_alert, determine_remediation, detect_patterns, root_cause_analysis</td></tr>
 *   <tr><td>{@link ForecastSpec}</td><td>horizon, confidence, reasoning, output</td>
 *       <td>forecast_demand</td></tr>
 *   <tr><td>{@link PlanSpec}</td><td>constraints, opportunities, reasoning, output</td>
 *       <td>generate_scaling_plan, generate_savings_plan</td></tr>
 *   <tr><td>{@link AssessSpec}</td><td>categories, criteria, patterns, reasoning, output</td>
 *       <td>identify_risks, risk_ranking, find_waste</td></tr>
 *   <tr><td>{@link CompareSpec}</td><td>current, previous, metrics, reasoning, output</td>
 *       <td>compare_versions</td></tr>
 *   <tr><td>{@link DecideSpec}</td><td>rollback_if, if</td><td>rollback_decision</td></tr>
 *   <tr><td>{@link ApproveSpec}</td><td>auto_approve_if, require_human_if</td>
 *       <td>check_approval_required</td></tr>
 *   <tr><td>{@link ExecuteSpec}</td><td>with_rollback, timeout, method, verify, if, auto_fix_if,
 *       auto_apply_if</td><td>run_remediation, apply_scaling, auto_fix, apply_optimizations,
 *       rollback_deployment</td></tr>
 *   <tr><td>{@link VerifySpec}</td><td>checks</td><td>validate_remediation</td></tr>
 *   <tr><td>{@link ReportSpec}</td><td>include, recipients</td>
 *       <td>create_incident_report, generate_security_report, cost_report</td></tr>
 *   <tr><td>{@link NotifySpec}</td><td>channels, message</td><td>alert_team</td></tr>
 * </table>
 *
 * <p>Specs are immutable values: equal when their parameters are (conditions by their normalized
 * syntax tree).
 */
public sealed interface StepSpec
    permits ReceiveSpec,
        HealthCheckSpec,
        CollectSpec,
        LlmSpec,
        DecideSpec,
        ApproveSpec,
        ExecuteSpec,
        VerifySpec,
        ReportSpec,
        NotifySpec,
        CustomSpec {

  /** The conditions of this step, by parameter, in the order the format writes them. */
  default List<ConditionGroup> conditionGroups() {
    return List.of();
  }

  /**
   * The names this step's parameters make available to later steps: {@code extract} fields, the
   * {@code output} name, collected {@code metrics}, and so on. The step's {@link StepKind} may add
   * more.
   */
  default Set<String> outputs() {
    return Set.of();
  }
}
