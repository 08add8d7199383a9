package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.approval.ApprovalHandler;
import io.github.aiplaybooks.core.approval.ApprovalRequest;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.engine.Notification;
import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.RunStatus;
import io.github.aiplaybooks.core.engine.TriggerEvent;
import io.github.aiplaybooks.core.llm.Message;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.ActionOutcome;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.MutationPermit;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.Preparation;
import io.github.aiplaybooks.core.tool.ToolResult;
import io.github.aiplaybooks.testkit.FakeClock;
import io.github.aiplaybooks.testkit.FakeScheduler;
import io.github.aiplaybooks.testkit.FakeToolProvider;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.RecordingAuditSink;
import io.github.aiplaybooks.testkit.RecordingNotifier;
import io.github.aiplaybooks.testkit.RecordingToolProvider;
import io.github.aiplaybooks.testkit.ScriptedAnswer;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import io.github.aiplaybooks.testkit.SimulatedCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's security-optimization playbook end to end: the scan reads Security Hub, GuardDuty and
 * the cluster's network and pod security policies; the model sorts and ranks the risks and proposes
 * fixes; {@code 4_remediate} fixes without a human only what {@code auto_fix_if} allows on facts
 * that trusted code read (a {@link NetworkSecurity} inventory and a {@link SimulatedCluster}),
 * never on the model's {@code template_available} or {@code patch_available}; the report goes to
 * the security team.
 */
class SecurityOptimizationFlowTest {
  /** The schedule's tick: daily at 02:00 UTC. */
  private static final Instant NIGHT = Instant.parse("2024-01-02T02:00:00Z");

  private static final Target STAGING_POLICY =
      Target.of("networkpolicy", "staging", "default-deny");
  private static final Target PAYMENTS = Target.of("service", "production", "payments-api");
  private static final Target STAGING_WEB = Target.of("service", "staging", "web");
  private static final Target WORKER = Target.of("deployment", "staging", "worker");

  private static final String STAGING_POLICY_JSON =
      "{\"kind\": \"NetworkPolicy\", \"namespace\": \"staging\", \"name\": \"default-deny\"}";
  private static final String PAYMENTS_JSON =
      "{\"kind\": \"Service\", \"namespace\": \"production\", \"name\": \"payments-api\"}";

  /** What the scan's four sources answer. */
  private static FakeToolProvider scanSources() {
    return FakeToolProvider.builder()
        .readTool("securityhub_get_findings", "get_findings")
        .readTool("guardduty_get_findings", "get_findings")
        .readTool("kubectl_get", "get")
        .respond(
            "securityhub_get_findings",
            ToolResult.json(
                Fixtures.json(
                    """
                    {"Findings": [
                      {"Id": "sh-1", "Title": "EKS.1 Service production/payments-api is exposed to 0.0.0.0/0",
                       "Severity": {"Label": "CRITICAL"}},
                      {"Id": "sh-2", "Title": "Namespace staging has no NetworkPolicy",
                       "Severity": {"Label": "HIGH"}}]}""")))
        .respond("guardduty_get_findings", ToolResult.json(Fixtures.json("{\"Findings\": []}")))
        .respondWhen(
            "kubectl_get",
            args ->
                args.path("resource").asString("").equals("networkpolicies")
                    && args.path("all_namespaces").asBoolean(false),
            ToolResult.text(
                "NAMESPACE   NAME          POD-SELECTOR\nproduction  allow-dns     <none>"))
        .respondWhen(
            "kubectl_get",
            args -> args.path("resource").asString("").equals("podsecuritypolicies"),
            ToolResult.text("No resources found"))
        .build();
  }

  /** The engine over the fake sources, the inventory and the cluster, with the seed's policy. */
  private static final class Harness {
    final FakeClock clock = FakeClock.at(NIGHT);
    final RecordingNotifier notifier = new RecordingNotifier();
    final RecordingToolProvider tools = RecordingToolProvider.wrap(scanSources());
    final NetworkSecurity network;
    final SimulatedCluster cluster;

    Harness(NetworkSecurity network, SimulatedCluster cluster) {
      this.network = network;
      this.cluster = cluster;
    }

    PlaybookEngine engine(ScriptedLlm llm, ApprovalHandler approvals) {
      List<ActionAdapter> adapters = new ArrayList<>(cluster.adapters());
      adapters.add(network);
      return PlaybookEngine.builder()
          .llm(llm)
          .tools(tools)
          .actionAdapters(adapters)
          .factSource(cluster.facts())
          .policy(Policy.seed())
          .approvals(approvals)
          .clock(clock)
          .scheduler(FakeScheduler.timeSkipping(clock))
          .auditSink(new RecordingAuditSink())
          .notifier(notifier)
          .runIds(() -> "run-1")
          .build();
    }

    RunResult run(ScriptedLlm llm, ApprovalHandler approvals) {
      try (PlaybookEngine engine = engine(llm, approvals)) {
        return engine.run(Fixtures.seed("security-optimization"), TriggerEvent.schedule(NIGHT));
      }
    }
  }

  private static SimulatedCluster cluster() {
    return SimulatedCluster.builder()
        .node("n1")
        .deployment("staging", "worker", 2, "worker:1.4.0", "256Mi")
        .build();
  }

  /**
   * The model's answers: an assessment with {@code findings} and {@code actions}, claiming a
   * template and a patch exist, then a ranking of the same findings that proposes nothing new.
   */
  private static ScriptedLlm model(String findings, String risk, String... actions) {
    return ScriptedLlm.builder()
        .onStep(
            "2_analyze",
            ScriptedAnswer.json(
                Fixtures.json(
                    """
                    {"summary": "Two risks: an exposed service and a namespace without policy.",
                     "findings": [%s],
                     "risk": "%s", "template_available": true, "patch_available": true,
                     "actions": [%s],
                     "confidence": 0.9}"""
                        .formatted(findings, risk, String.join(",", actions)))))
        .onStep(
            "3_prioritize",
            ScriptedAnswer.json(
                Fixtures.json(
                    """
                    {"summary": "Ranked by severity, exploitability, blast radius and compliance.",
                     "findings": [%s],
                     "actions": [],
                     "confidence": 0.85}"""
                        .formatted(findings))))
        .build();
  }

  private static final String FINDINGS =
      """
      {"category": "exposed_services", "risk": "exposed_service", "severity": "critical",
       "target": %s,
       "description": "payments-api is a LoadBalancer open to 0.0.0.0/0 (Security Hub sh-1)."},
      {"category": "missing_network_policies", "risk": "missing_network_policy", "severity": "high",
       "target": %s, "template_available": true,
       "description": "Namespace staging has no NetworkPolicy (Security Hub sh-2)."}"""
          .formatted(PAYMENTS_JSON, STAGING_POLICY_JSON);

  private static String applyPolicy(String target, String template) {
    return """
        {"action": "apply_network_policy", "target": %s,
         "parameters": {"template": "%s"}, "rationale": "Close the finding."}"""
        .formatted(target, template);
  }

  @Test
  void fixesTheMissingPolicyWithoutAHumanAndLeavesTheExposedProductionServiceToOne() {
    NetworkSecurity network =
        // 12 pods in staging: more than the seed policy lets run without a human, so only the
        // step's auto_fix_if can let the fix run unasked.
        NetworkSecurity.withTemplates("default-deny", "restrict-ingress")
            .pods("staging", 12)
            .pods("production", 30)
            .policy("production", "allow-dns")
            .exposed(PAYMENTS);
    Harness h = new Harness(network, cluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    ScriptedLlm llm =
        model(
            FINDINGS,
            "exposed_service",
            applyPolicy(STAGING_POLICY_JSON, "default-deny"),
            applyPolicy(PAYMENTS_JSON, "restrict-ingress"));

    RunResult r = h.run(llm, approvals);

    // 1_scan read the four sources, and the model saw what they said.
    assertThat(h.tools.calls())
        .extracting(c -> c.tool() + " " + c.arguments().path("resource").asString(""))
        .containsExactly(
            "securityhub_get_findings ",
            "guardduty_get_findings ",
            "kubectl_get networkpolicies",
            "kubectl_get podsecuritypolicies");
    assertThat(r.step("1_scan").orElseThrow().summary()).startsWith("4 call(s)");
    assertThat(userText(llm, "2_analyze"))
        .contains("EKS.1 Service production/payments-api is exposed")
        .contains("exposed_services, missing_network_policies");
    assertThat(userText(llm, "3_prioritize"))
        .contains("severity, exploitability, blast_radius, compliance_impact");

    // (a) The missing policy: auto_fix_if holds on trusted facts, so it is applied with its
    // inverse.
    RunState.ActionRecord fixed = action(r, STAGING_POLICY);
    assertThat(fixed.outcome()).isEqualTo("ALLOW");
    assertThat(fixed.rule())
        .isEqualTo(
            "4_remediate.auto_fix_if[1]: risk == missing_network_policy AND template_available");
    assertThat(fixed.trustedFacts().get("risk").asString()).isEqualTo("missing_network_policy");
    assertThat(fixed.trustedFacts().get("template_available").asBoolean()).isTrue();
    assertThat(fixed.result()).isEqualTo("APPLIED");
    assertThat(fixed.approval()).isNull();
    assertThat(fixed.inverse())
        .isEqualTo(PlannedAction.of("remove_network_policy", STAGING_POLICY));
    assertThat(r.state().journal())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("apply_network_policy");
              assertThat(e.inverse().action()).isEqualTo("remove_network_policy");
            });
    assertThat(network.policies("staging")).containsExactly("default-deny");

    // (b) The exposed service in production: no auto_fix_if holds, a human is asked and denies.
    RunState.ActionRecord exposed = action(r, PAYMENTS);
    assertThat(exposed.trustedFacts().get("risk").asString()).isEqualTo("exposed_service");
    assertThat(exposed.trustedFacts().get("namespace").asString()).isEqualTo("production");
    assertThat(exposed.outcome()).isEqualTo("REQUIRE_APPROVAL");
    assertThat(exposed.rule()).isEqualTo("4_remediate.auto_fix_if (any of)");
    assertThat(exposed.result()).isEqualTo("NOT_APPROVED");
    assertThat(approvals.requests())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.action()).isEqualTo("apply_network_policy");
              assertThat(q.target()).isEqualTo(PAYMENTS);
              assertThat(q.inverse()).contains("remove_network_policy");
            });
    assertThat(network.policies("production")).containsExactly("allow-dns");
    assertThat(network.operations()).containsExactly("apply default-deny to staging/default-deny");
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_DENIALS);

    // (d) The report has the seed's sections and goes to the security team.
    assertThat(r.report().sections())
        .containsExactly("fixed_issues", "remaining_risks", "recommendations");
    assertThat(texts(r.report().extra().get("fixed_issues")))
        .containsExactly("apply_network_policy on networkpolicy staging/default-deny");
    assertThat(texts(r.report().extra().get("remaining_risks")))
        .singleElement()
        .asString()
        .contains("service production/payments-api")
        .contains("NOT_APPROVED");
    assertThat(texts(r.report().extra().get("recommendations")))
        .anySatisfy(s -> assertThat(s).contains("service production/payments-api"));
    assertThat(h.notifier.ofKind(Notification.Kind.REPORT))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.channel()).isEqualTo("security-team@example.com");
              assertThat(n.step()).isEqualTo("5_report");
              assertThat(n.message())
                  .contains("## Fixed issues")
                  .contains("## Remaining risks")
                  .contains("## Recommendations")
                  .contains("staging/default-deny")
                  .contains("production/payments-api");
            });
    llm.verify();
  }

  @Test
  void aRankingThatProposesTheSameFixesAgainDoesNotRunOrAskTwice() {
    NetworkSecurity network =
        NetworkSecurity.withTemplates("default-deny", "restrict-ingress")
            .pods("staging", 12)
            .pods("production", 30)
            .exposed(PAYMENTS);
    Harness h = new Harness(network, cluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    String staging = applyPolicy(STAGING_POLICY_JSON, "default-deny");
    String payments = applyPolicy(PAYMENTS_JSON, "restrict-ingress");
    // The ranking lists the same two fixes, most pressing first, as a model asked to rank does.
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep(
                "2_analyze",
                ScriptedAnswer.json(
                    Fixtures.json(
                        """
                        {"summary": "Two risks.", "findings": [%s],
                         "actions": [%s, %s], "confidence": 0.9}"""
                            .formatted(FINDINGS, staging, payments))))
            .onStep(
                "3_prioritize",
                ScriptedAnswer.json(
                    Fixtures.json(
                        """
                        {"summary": "The exposed service first.", "findings": [%s],
                         "actions": [%s, %s], "confidence": 0.9}"""
                            .formatted(FINDINGS, payments, staging))))
            .build();

    RunResult r = h.run(llm, approvals);

    assertThat(r.state().proposals())
        .extracting(p -> p.step() + " " + p.action().target())
        .containsExactly(
            "2_analyze networkpolicy staging/default-deny",
            "2_analyze service production/payments-api");
    assertThat(r.step("3_prioritize").orElseThrow().summary())
        .contains("2 finding(s), 0 action(s)");
    assertThat(approvals.requests()).extracting(ApprovalRequest::target).containsExactly(PAYMENTS);
    assertThat(network.operations()).containsExactly("apply default-deny to staging/default-deny");
    assertThat(r.actions()).hasSize(2);
  }

  @Test
  void anExposedServiceOutsideProductionIsFixedWithoutAHuman() {
    NetworkSecurity network =
        NetworkSecurity.withTemplates("restrict-ingress").pods("staging", 12).exposed(STAGING_WEB);
    Harness h = new Harness(network, cluster());
    String target = "{\"kind\": \"Service\", \"namespace\": \"staging\", \"name\": \"web\"}";
    ScriptedLlm llm =
        model(
            """
            {"category": "exposed_services", "risk": "exposed_service", "severity": "high",
             "target": %s, "description": "web is open to 0.0.0.0/0."}"""
                .formatted(target),
            "exposed_service",
            applyPolicy(target, "restrict-ingress"));

    RunResult r = h.run(llm, RecordingApprovalHandler.denyingAll());

    RunState.ActionRecord fixed = action(r, STAGING_WEB);
    assertThat(fixed.rule())
        .isEqualTo(
            "4_remediate.auto_fix_if[0]: risk == exposed_service AND namespace != production");
    assertThat(fixed.result()).isEqualTo("APPLIED");
    assertThat(network.policies("staging")).containsExactly("restrict-web");
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void theModelsTemplateAndPatchClaimsDoNotSatisfyAutoFixIf() {
    // No template library: trusted code cannot tell whether a template exists. The worker's image
    // is outdated (trusted), but nothing trusted says a patched image exists.
    NetworkSecurity network = NetworkSecurity.withoutTemplateLibrary().pods("staging", 12);
    SimulatedCluster cluster = cluster();
    cluster.trustedFact(WORKER, "risk", "outdated_image");
    Harness h = new Harness(network, cluster);
    RecordingApprovalHandler approvals = RecordingApprovalHandler.denyingAll();
    String worker = "{\"kind\": \"Deployment\", \"namespace\": \"staging\", \"name\": \"worker\"}";
    String findings =
        """
        {"category": "missing_network_policies", "risk": "missing_network_policy", "severity": "high",
         "target": %s, "template_available": true,
         "description": "Namespace staging has no NetworkPolicy."},
        {"category": "outdated_images", "risk": "outdated_image", "severity": "high",
         "target": %s, "patch_available": true,
         "description": "worker:1.4.0 has CVE-2024-0001; 1.4.1 fixes it."}"""
            .formatted(STAGING_POLICY_JSON, worker);
    ScriptedLlm llm =
        model(
            findings,
            "missing_network_policy",
            applyPolicy(STAGING_POLICY_JSON, "default-deny"),
            """
            {"action": "update_image", "target": %s, "parameters": {"image": "worker:1.4.1"},
             "rationale": "1.4.1 is the patched release."}"""
                .formatted(worker));

    RunResult r = h.run(llm, approvals);

    // The claims are kept as the model's outputs...
    assertThat(r.state().outputs().get("template_available").asBoolean()).isTrue();
    assertThat(r.state().outputs().get("patch_available").asBoolean()).isTrue();
    // ...but trusted facts are all auto_fix_if reads: both fixes need a human (fail closed).
    for (Target t : List.of(STAGING_POLICY, WORKER)) {
      RunState.ActionRecord a = action(r, t);
      assertThat(a.trustedFacts().has("template_available")).isFalse();
      assertThat(a.trustedFacts().has("patch_available")).isFalse();
      assertThat(a.outcome()).isEqualTo("REQUIRE_APPROVAL");
      assertThat(a.rule()).isEqualTo("4_remediate.auto_fix_if (any of)");
      assertThat(a.result()).isEqualTo("NOT_APPROVED");
    }
    // The policy alone would allow the image update (blast radius 2 < 10 pods): the step's
    // auto_fix_if makes it stricter, never looser.
    assertThat(action(r, WORKER).reasons())
        .anySatisfy(s -> assertThat(s).contains("blast_radius < 10_pods"));
    assertThat(approvals.requests())
        .extracting(ApprovalRequest::target)
        .containsExactly(STAGING_POLICY, WORKER);
    assertThat(network.operations()).isEmpty();
    assertThat(cluster.operations()).isEmpty();
    assertThat(cluster.deployment("staging", "worker").image()).isEqualTo("worker:1.4.0");
    assertThat(texts(r.report().extra().get("fixed_issues"))).isEmpty();
    assertThat(texts(r.report().extra().get("remaining_risks"))).hasSize(2);

    // With the patch as a trusted fact, the same answer updates the image, with its inverse.
    SimulatedCluster patched = cluster();
    patched.trustedFact(WORKER, "risk", "outdated_image");
    patched.trustedFact(WORKER, "patch_available", true);
    Harness h2 = new Harness(NetworkSecurity.withoutTemplateLibrary().pods("staging", 12), patched);
    RunResult r2 =
        h2.run(
            model(
                findings,
                "missing_network_policy",
                applyPolicy(STAGING_POLICY_JSON, "default-deny"),
                """
                {"action": "update_image", "target": %s, "parameters": {"image": "worker:1.4.1"},
                 "rationale": "1.4.1 is the patched release."}"""
                    .formatted(worker)),
            RecordingApprovalHandler.denyingAll());
    RunState.ActionRecord update = action(r2, WORKER);
    // auto_fix_if[2] holds, so the policy's own allowance (blast radius 2 < 10 pods) stands.
    assertThat(update.outcome()).isEqualTo("ALLOW");
    assertThat(update.trustedFacts().get("patch_available").asBoolean()).isTrue();
    assertThat(update.reasons()).noneSatisfy(s -> assertThat(s).contains("auto_fix_if"));
    assertThat(update.result()).isEqualTo("APPLIED");
    assertThat(update.inverse().describe()).contains("worker:1.4.0");
    assertThat(patched.deployment("staging", "worker").image()).isEqualTo("worker:1.4.1");
    assertThat(action(r2, STAGING_POLICY).result()).isEqualTo("NOT_APPROVED");
  }

  @Test
  void aFailedApprovedFixUndoesTheAutoFixedPolicyThroughItsInverse() {
    NetworkSecurity network =
        NetworkSecurity.withTemplates("default-deny", "restrict-ingress")
            .pods("staging", 12)
            .pods("production", 30)
            .exposed(PAYMENTS)
            .failOn(PAYMENTS);
    Harness h = new Harness(network, cluster());
    RecordingApprovalHandler approvals = RecordingApprovalHandler.approvingAll();
    ScriptedLlm llm =
        model(
            FINDINGS,
            "exposed_service",
            applyPolicy(STAGING_POLICY_JSON, "default-deny"),
            applyPolicy(PAYMENTS_JSON, "restrict-ingress"));

    RunResult r = h.run(llm, approvals);

    assertThat(approvals.requests()).extracting(ApprovalRequest::target).containsExactly(PAYMENTS);
    assertThat(action(r, PAYMENTS).result()).isEqualTo("FAILED");
    assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(network.operations())
        .containsExactly(
            "apply default-deny to staging/default-deny", "remove staging/default-deny");
    assertThat(network.policies("staging")).isEmpty();
    assertThat(r.state().rollbacks())
        .singleElement()
        .satisfies(rb -> assertThat(rb.execution().succeeded()).isTrue());
    // The report still goes out, and does not count the undone policy as fixed.
    assertThat(texts(r.report().extra().get("fixed_issues"))).isEmpty();
    assertThat(texts(r.report().extra().get("remaining_risks")))
        .contains(
            "apply_network_policy on networkpolicy staging/default-deny (APPLIED, then rolled back"
                + " by this run)");
    assertThat(h.notifier.ofKind(Notification.Kind.REPORT))
        .extracting(Notification::channel)
        .containsExactly("security-team@example.com");
  }

  private static RunState.ActionRecord action(RunResult r, Target target) {
    return r.actions().stream()
        .filter(a -> a.target().equals(target))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no action on " + target + " in " + r.actions()));
  }

  private static List<String> texts(JsonNode array) {
    assertThat(array).as("a report section").isNotNull();
    assertThat(array.isArray()).as("section %s is a list", array).isTrue();
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static String userText(ScriptedLlm llm, String step) {
    List<Message> messages = llm.requests(step).get(0).messages();
    // The last message is the step's own prompt; the ones before are the few-shot example.
    return messages.get(messages.size() - 1).text();
  }

  /**
   * A trusted inventory of network security, as a Security Hub and cluster reading adapter would
   * keep it: the network policies per namespace, the services exposed to the internet, the pods per
   * namespace, and the library of policy templates (if any). It carries out {@code
   * apply_network_policy} and its inverse {@code remove_network_policy}; the facts it reports for
   * an action ({@code risk}, {@code template_available}, {@code blast_radius}) come from this
   * inventory, never from the model.
   */
  static final class NetworkSecurity implements ActionAdapter {
    private final Set<String> templates;
    private final Map<String, Set<String>> policies = new LinkedHashMap<>();
    private final Map<String, Integer> pods = new LinkedHashMap<>();
    private final Set<Target> exposed = new LinkedHashSet<>();
    private final Set<Target> failing = new LinkedHashSet<>();
    private final List<String> operations = new ArrayList<>();

    private NetworkSecurity(Set<String> templates) {
      this.templates = templates;
    }

    static NetworkSecurity withTemplates(String... templates) {
      return new NetworkSecurity(new TreeSet<>(List.of(templates)));
    }

    static NetworkSecurity withoutTemplateLibrary() {
      return new NetworkSecurity(null);
    }

    synchronized NetworkSecurity pods(String namespace, int n) {
      pods.put(namespace, n);
      return this;
    }

    synchronized NetworkSecurity policy(String namespace, String name) {
      policies.computeIfAbsent(namespace, k -> new TreeSet<>()).add(name);
      return this;
    }

    synchronized NetworkSecurity exposed(Target service) {
      exposed.add(service);
      return this;
    }

    synchronized NetworkSecurity failOn(Target target) {
      failing.add(target);
      return this;
    }

    synchronized Set<String> policies(String namespace) {
      return Set.copyOf(policies.getOrDefault(namespace, Set.of()));
    }

    synchronized List<String> operations() {
      return List.copyOf(operations);
    }

    @Override
    public Set<String> actions() {
      return Set.of("apply_network_policy", "remove_network_policy");
    }

    @Override
    public boolean supportsDryRun() {
      return true;
    }

    @Override
    public synchronized Preparation prepare(PlannedAction a) {
      Target t = a.target();
      if (t.namespace() == null || t.name() == null) {
        throw new IllegalArgumentException(a.action() + " needs a namespaced target, got " + t);
      }
      Facts.Builder facts =
          Facts.builder().put("blast_radius", pods.getOrDefault(t.namespace(), 0));
      if (a.action().equals("remove_network_policy")) {
        return Preparation.builder()
            .facts(facts.build())
            .description("remove network policy " + t.namespace() + "/" + t.name())
            .build();
      }
      String template = a.parameters().path("template").asString(null);
      if (template == null) {
        throw new IllegalArgumentException("apply_network_policy needs parameters.template");
      }
      String name = policyName(t);
      if ("service".equals(t.kind()) && exposed.contains(t)) {
        facts.put("risk", "exposed_service");
      } else if ("networkpolicy".equals(t.kind())
          && policies.getOrDefault(t.namespace(), Set.of()).isEmpty()) {
        facts.put("risk", "missing_network_policy");
      }
      if (templates != null) {
        facts.put("template_available", templates.contains(template));
      }
      return Preparation.builder()
          .facts(facts.build())
          .inverse(
              PlannedAction.of(
                  "remove_network_policy", Target.of("networkpolicy", t.namespace(), name)))
          .description("apply the " + template + " network policy as " + t.namespace() + "/" + name)
          .build();
    }

    @Override
    public synchronized ActionOutcome apply(MutationPermit permit) {
      PlannedAction a = permit.planned();
      Target t = a.target();
      String what =
          a.action().equals("remove_network_policy")
              ? "remove " + t.namespace() + "/" + t.name()
              : "apply "
                  + a.parameters().path("template").asString()
                  + " to "
                  + t.namespace()
                  + "/"
                  + policyName(t);
      if (permit.mode() != ExecutionMode.LIVE) {
        return ActionOutcome.dryRun("dry run accepted: " + what);
      }
      if (failing.contains(t)) {
        throw new IllegalStateException("admission webhook rejected the policy for " + t);
      }
      operations.add(what);
      if (a.action().equals("remove_network_policy")) {
        policies.getOrDefault(t.namespace(), new TreeSet<>()).remove(t.name());
      } else {
        policies.computeIfAbsent(t.namespace(), k -> new TreeSet<>()).add(policyName(t));
      }
      return ActionOutcome.applied(what);
    }

    private static String policyName(Target t) {
      return "service".equals(t.kind()) ? "restrict-" + t.name() : t.name();
    }
  }
}
