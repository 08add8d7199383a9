package io.github.aiplaybooks.dsl;

import static io.github.aiplaybooks.dsl.Playbooks.*;

import io.github.aiplaybooks.core.playbook.Playbook;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** The seed's five playbooks written in the DSL, as a user would write them. */
final class SeedPlaybooksInDsl {
  private static final String AGENT = "eks-sre-agent";
  private static final String MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";

  private SeedPlaybooksInDsl() {}

  /** Playbook 1, with the trigger of its prose and its decision tree. */
  static Playbook autonomousIncidentResponse() {
    return incidentResponseSteps(
            playbook("autonomous-incident-response")
                .agent(AGENT)
                .model(MODEL)
                .trigger(
                    alert()
                        .severities("P0", "P1")
                        .sources("cloudwatch", "prometheus", "guardduty", "security_hub")))
        .routing(
            routing(
                    branch(
                        "Severity = P0 (Critical)",
                        "severity == P0",
                        branch(
                            "Type = Security",
                            "type == security",
                            leaf(
                                "GuardDuty Finding",
                                "source == guardduty",
                                runbook("isolate_pod", "notify")),
                            leaf(
                                "Security Hub Finding",
                                "source == security_hub",
                                runbook("get_findings", "apply_network_policy"))),
                        branch(
                            "Type = Availability",
                            "type == availability",
                            leaf(
                                "Control Plane Down",
                                "alert_name == control_plane_down",
                                runbook("escalate")),
                            leaf(
                                "All Nodes Down",
                                "alert_name == all_nodes_down",
                                runbook("describe", "scale_nodegroup"))),
                        branch(
                            "Type = Performance",
                            "type == performance",
                            leaf(
                                "API Latency > 5s",
                                "api_latency > 5s",
                                runbook("get_metric_data", "scale_deployment")),
                            leaf(
                                "Pod Crash Rate > 50%",
                                "pod_crash_rate > 50%", runbook("rollback_deployment")))),
                    branch(
                        "Severity = P1 (High)",
                        "severity == P1",
                        branch(
                            "Type = Deployment",
                            "type == 'deployment'",
                            leaf(
                                "Rollout Failed",
                                "alert_name == rollout_failed",
                                runbook("logs", "rollback_deployment")),
                            leaf(
                                "Image Pull Error",
                                "alert_name == image_pull_error",
                                runbook("describe", "notify"))),
                        branch(
                            "Type = Resource",
                            "type == resource",
                            leaf(
                                "Memory Pressure",
                                "alert_name == memory_pressure",
                                runbook("scale_deployment", "add_resource_limits")),
                            leaf(
                                "Disk Pressure",
                                "alert_name == disk_pressure",
                                runbook("expand_pvc", "clean_logs"))),
                        branch(
                            "Type = Network",
                            "type == network",
                            leaf(
                                "Service Unreachable",
                                "alert_name == service_unreachable",
                                runbook("describe", "events")),
                            leaf(
                                "High Latency",
                                "alert_name == high_latency",
                                runbook("get_traces", "rightsize_pod")))))
                .otherwise("escalate"))
        .build();
  }

  /** Playbook 1 as its JSON writes it: no trigger (so one from step 1), no routing. */
  static Playbook autonomousIncidentResponseAsWritten() {
    return incidentResponseSteps(playbook("autonomous-incident-response").agent(AGENT).model(MODEL))
        .build();
  }

  private static PlaybookSteps incidentResponseSteps(PlaybookStart start) {
    return start
        .step(
            "detect",
            receiveAlert().sources("cloudwatch", "prometheus", "guardduty", "security_hub"))
        .step(
            "classify",
            analyzeAlert()
                .extract("severity", "type", "affected_resources", "blast_radius")
                .reasoning("Use Claude to classify incident and determine impact"))
        .step(
            "investigate",
            gatherContext()
                .parallel(
                    mcp("kubectl://get pods -n ${namespace}"),
                    mcp("kubectl://logs ${pod} -n ${namespace} --tail=200"),
                    mcp("aws://cloudwatch/get-metric-data"),
                    mcp("aws://xray/get-traces")))
        .step(
            "decide",
            determineRemediation()
                .reasoning("Analyze gathered data and select appropriate runbook")
                .output("remediation_plan"))
        .step(
            "approve",
            checkApprovalRequired()
                .autoApproveIf(
                    "severity == P0 AND off_hours == true",
                    "action IN ['restart_pod', 'scale_deployment']",
                    "blast_radius < 10_pods")
                .requireHumanIf(
                    "action IN ['delete_node', 'modify_rbac', 'change_security_group']",
                    "blast_radius > 50_pods"))
        .step("execute", runRemediation().withRollback().timeout(Duration.ofMinutes(10)))
        .step(
            "verify",
            validateRemediation().checks("alert_cleared", "metrics_normalized", "no_new_errors"))
        .step(
            "document",
            createIncidentReport()
                .include("timeline", "root_cause", "remediation", "lessons_learned"));
  }

  /** Playbook 2: scheduled every 5 minutes. */
  static Playbook predictiveScaling() {
    return playbook("predictive-scaling")
        .agent(AGENT)
        .model(MODEL)
        .trigger(every(Duration.ofMinutes(5)))
        .step(
            "collect",
            gatherMetrics()
                .timeframe(last(Duration.ofDays(7)))
                .metrics("cpu_utilization", "memory_utilization", "request_rate", "response_time"))
        .step(
            "analyze",
            detectPatterns()
                .reasoning("Identify daily/weekly patterns, traffic spikes, resource trends")
                .output("usage_forecast"))
        .step("predict", forecastDemand().horizon(next(Duration.ofHours(4))).confidence(0.85))
        .step(
            "recommend",
            generateScalingPlan()
                .constraints("min_replicas >= 2", "max_replicas <= 100", "cost_increase < 20%"))
        .step(
            "execute",
            applyScaling()
                .onlyIf("confidence > 0.85 AND predicted_load_increase > 30%")
                .method("gradual_scale_up"))
        .build();
  }

  /** Playbook 3: daily at 2am UTC. */
  static Playbook securityOptimization() {
    return playbook("security-optimization")
        .agent(AGENT)
        .model(MODEL)
        .trigger(daily(LocalTime.of(2, 0), ZoneOffset.UTC))
        .step(
            "scan",
            securityAssessment()
                .sources(
                    mcp("aws://security-hub/get-findings"),
                    mcp("aws://guardduty/get-findings"),
                    mcp("kubectl://get networkpolicies --all-namespaces"),
                    mcp("kubectl://get podsecuritypolicies")))
        .step(
            "analyze",
            identifyRisks()
                .categories(
                    "exposed_services",
                    "missing_network_policies",
                    "overprivileged_pods",
                    "unencrypted_secrets",
                    "outdated_images"))
        .step(
            "prioritize",
            riskRanking()
                .criteria("severity", "exploitability", "blast_radius", "compliance_impact"))
        .step(
            "remediate",
            autoFix()
                .autoFixIf(
                    "risk == exposed_service AND namespace != production",
                    "risk == missing_network_policy AND template_available",
                    "risk == outdated_image AND patch_available"))
        .step(
            "report",
            generateSecurityReport()
                .recipients("security-team@example.com")
                .include("fixed_issues", "remaining_risks", "recommendations"))
        .build();
  }

  /** Playbook 4: weekly on Monday 6am UTC. */
  static Playbook costOptimization() {
    return playbook("cost-optimization")
        .agent(AGENT)
        .model(MODEL)
        .trigger(weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneOffset.UTC))
        .step(
            "analyze",
            costAnalysis()
                .timeframe(last(Duration.ofDays(30)))
                .breakdown("compute", "storage", "network", "observability"))
        .step(
            "identify",
            findWaste()
                .patterns(
                    "idle_pods (cpu < 5% for 7 days)",
                    "oversized_pods (requested >> used)",
                    "unused_pvcs (not mounted for 30 days)",
                    "redundant_load_balancers"))
        .step(
            "recommend",
            generateSavingsPlan()
                .opportunities(
                    opportunity("rightsize_pod", "$120/month"),
                    opportunity("delete_unused_pvc", "$45/month"),
                    opportunity("consolidate_lb", "$65/month")))
        .step(
            "execute",
            applyOptimizations()
                .autoApplyIf("savings > $50/month", "risk == low", "approval_not_required"))
        .step(
            "report",
            costReport().include("current_spend", "optimizations_applied", "projected_savings"))
        .build();
  }

  /** Playbook 5: a failing health check, declared (it equals the one step 1 implies). */
  static Playbook automatedRollback() {
    return playbook("automated-rollback")
        .agent(AGENT)
        .model(MODEL)
        .trigger(
            healthCheckFailure()
                .every(Duration.ofSeconds(30))
                .checks("pod_ready_rate > 80%", "error_rate < 1%", "latency_p99 < 500ms"))
        .step(
            "detect",
            healthCheck(
                Duration.ofSeconds(30),
                "pod_ready_rate > 80%",
                "error_rate < 1%",
                "latency_p99 < 500ms"))
        .step(
            "analyze",
            compareVersions()
                .current("v2.1.0")
                .previous("v2.0.5")
                .metrics("error_rate", "latency", "cpu", "memory"))
        .step(
            "decide",
            rollbackDecision()
                .rollbackIf(
                    "error_rate_increase > 200%",
                    "latency_increase > 100%", "pod_crash_rate > 20%"))
        .step("execute", rollbackDeployment().method("kubectl rollout undo").verify(true))
        .step(
            "notify",
            alertTeam()
                .channels("slack", "pagerduty")
                .message("Auto-rollback executed: ${deployment} v2.1.0 → v2.0.5"))
        .step(
            "investigate",
            rootCauseAnalysis()
                .gather("logs", "events", "metrics", "traces")
                .output("incident_report"))
        .build();
  }
}
