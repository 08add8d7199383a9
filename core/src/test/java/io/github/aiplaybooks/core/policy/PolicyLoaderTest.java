package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Rate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading policies: the seed's JSON verbatim, and every kind of mistake, all reported at once. */
class PolicyLoaderTest {

  /** The seed's Safety Controls "Rate Limiting" block, verbatim. */
  static final String SEED_RATE_LIMITS =
      "{\n"
          + "  \"rate_limits\": {\n"
          + "    \"pod_restarts\": \"5 per hour\",\n"
          + "    \"deployments_modified\": \"10 per hour\",\n"
          + "    \"nodes_terminated\": \"2 per hour\",\n"
          + "    \"rbac_changes\": \"1 per hour\"\n"
          + "  }\n"
          + "}";

  /** The approve step of the seed's incident-response playbook: its two lists, verbatim. */
  static final String SEED_APPROVE_STEP_LISTS =
      "{\n"
          + "      \"auto_approve_if\": [\n"
          + "        \"severity == P0 AND off_hours == true\",\n"
          + "        \"action IN ['restart_pod', 'scale_deployment']\",\n"
          + "        \"blast_radius < 10_pods\"\n"
          + "      ],\n"
          + "      \"require_human_if\": [\n"
          + "        \"action IN ['delete_node', 'modify_rbac', 'change_security_group']\",\n"
          + "        \"blast_radius > 50_pods\"\n"
          + "      ]\n"
          + "}";

  static PolicyException problemsOf(String json) {
    return catchThrowableOfType(PolicyException.class, () -> Policy.parse(json, "p.json"));
  }

  @Test
  void theSeedsBlocksLoadVerbatim() {
    Policy limits = Policy.parse(SEED_RATE_LIMITS, "rate-limits.json");
    assertThat(limits.rateLimits().values())
        .extracting(RateLimit::toString)
        .containsExactly("5 per hour", "10 per hour", "2 per hour", "1 per hour");
    assertThat(limits.rateLimit("pod_restarts").map(RateLimit::rate))
        .contains(new Rate(5, Duration.ofHours(1)));

    Policy gates = Policy.parse(PolicyEngineTest.SEED_APPROVAL_GATES, "gates.json");
    assertThat(gates.requireRules())
        .extracting(RuleRef::toString)
        .containsExactly(
            "require_approval[0]: delete_node",
            "require_approval[1]: modify_security_group",
            "require_approval[2]: change_rbac",
            "require_approval[3]: delete_pvc",
            "require_approval[4]: scale_down > 50%");
    assertThat(gates.autoRules()).hasSize(4);

    Policy step = Policy.parse(SEED_APPROVE_STEP_LISTS, "approve-step.json");
    assertThat(step.autoRules())
        .extracting(RuleRef::id)
        .containsExactly("auto_approve_if[0]", "auto_approve_if[1]", "auto_approve_if[2]");
    assertThat(step.requireRules())
        .extracting(RuleRef::id)
        .containsExactly("require_human_if[0]", "require_human_if[1]");
  }

  @Test
  void theSeedPolicyCombinesThemAll() {
    Policy seed = Policy.seed();
    assertThat(seed.source()).isEqualTo("seed-policy.json");
    assertThat(seed.rateLimits()).hasSize(4);
    assertThat(seed.requireRules()).hasSize(7);
    assertThat(seed.autoRules()).hasSize(7);
    assertThat(seed.emergencyStop()).isFalse();
    assertThat(seed.businessHours()).isEqualTo(BusinessHours.defaults());
  }

  @Test
  void theExampleFileIsTheSeedPolicyResource() throws IOException {
    Path example = Path.of("..", "examples", "policy", "seed-policy.json");
    String resource;
    try (InputStream in = Policy.class.getResourceAsStream("seed-policy.json")) {
      resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(example)).isEqualTo(resource);
    assertThat(Policy.load(example).requireRules()).isEqualTo(Policy.seed().requireRules());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPointer() {
    PolicyException e =
        problemsOf(
            "{\n"
                + "  \"rate_limits\": {\"pod_restart\": \"5 per hour\",\n"
                + "                  \"nodes_terminated\": \"2 per fortnight\",\n"
                + "                  \"rbac_changes\": 1},\n"
                + "  \"require_approval\": [\"delete_nod\", \"scale_down > \", 3,"
                + " \"blast_radios > 50_pods\"],\n"
                + "  \"auto_approve\": \"restart_pod\",\n"
                + "  \"auto_approve_if\": [\"action IN ['restart_pod', 'scale_deploymnet']\","
                + " \"cost_increase < $20\"],\n"
                + "  \"emergency_stop\": \"no\",\n"
                + "  \"emergncy_stop\": true\n"
                + "}");
    assertThat(e).isInstanceOf(CallerFaultException.class);
    assertThat(e.code()).isEqualTo("POLICY_INVALID");
    assertThat(e.source()).isEqualTo("p.json");
    assertThat(e.problems())
        .extracting(PolicyException.Problem::pointer)
        .containsExactly(
            "/rate_limits/rbac_changes",
            "/require_approval/2",
            "/auto_approve",
            "/emergency_stop",
            "/emergncy_stop",
            "/rate_limits/pod_restart",
            "/rate_limits/nodes_terminated",
            "/require_approval/0",
            "/require_approval/1",
            "/require_approval/3",
            "/auto_approve_if/0",
            "/auto_approve_if/1");
    List<String> messages = e.problems().stream().map(PolicyException.Problem::message).toList();
    assertThat(messages.get(10))
        .startsWith(
            "action IN ['restart_pod', 'scale_deploymnet']: 'scale_deploymnet' is not a value of"
                + " action, which is one of restart_pod, scale_deployment, ")
        .endsWith(
            " (did you mean 'scale_deployment'?) (column 8)\n"
                + "  action IN ['restart_pod', 'scale_deploymnet']\n"
                + "         ^");
    assertThat(messages.subList(0, 10))
        .containsExactly(
            "must be a rate such as \"5 per hour\" or {\"limit\": \"5 per hour\", \"per\":"
                + " \"target\"}, was a number",
            "must be a string (an action name or a condition), was a number",
            "must be a list of action names and conditions, such as [\"restart_pod\","
                + " \"blast_radius < 10_pods\"], was a string",
            "must be true or false, was a string",
            "unknown key 'emergncy_stop' (did you mean 'emergency_stop'?); a policy has"
                + " auto_approve, auto_approve_if, business_hours, description, emergency_stop,"
                + " facts, rate_limits, require_approval, require_human_if",
            "'pod_restart' is not a rate-limit category of any action (did you mean"
                + " 'pod_restarts'?); known: pod_restarts, deployments_modified,"
                + " nodes_terminated, rbac_changes",
            "'2 per fortnight' is not a rate such as '5 per hour': expected a time unit (second,"
                + " minute, hour, day, week) or a duration such as 10m (column 7)\n"
                + "  2 per fortnight\n"
                + "        ^",
            "'delete_nod' is neither an action of the catalog nor a declared fact (did you mean"
                + " the action 'delete_node'?)",
            "expected a value after '>', found the end of the condition (column 13)\n"
                + "  scale_down >\n"
                + "              ^",
            "unknown fact 'blast_radios' (did you mean 'blast_radius'?); declared facts: action,"
                + " severity, off_hours, blast_radius, namespace, cluster, environment, replicas,"
                + " target_replicas, scale_up, scale_down, cost_increase, savings, risk, confidence"
                + " (column 1)\n"
                + "  blast_radios > 50_pods\n"
                + "  ^");
    assertThat(messages.get(11))
        .isEqualTo(
            "cost_increase < $20: cannot compare fact cost_increase (a ratio) with $20 (an amount"
                + " of money) (column 15)\n"
                + "  cost_increase < $20\n"
                + "                ^");
  }

  @Test
  void theMessageNamesTheSourceAndListsEveryProblem() {
    PolicyException e = problemsOf("{\"auto_approve\": [\"restrat_pod\"], \"emergency_stop\": 1}");
    assertThat(e.getMessage())
        .isEqualTo(
            "invalid policy p.json: 2 problems\n"
                + "  /emergency_stop: must be true or false, was a number\n"
                + "  /auto_approve/0: 'restrat_pod' is neither an action of the catalog nor a"
                + " declared fact (did you mean the action 'restart_pod'?)");
    PolicyException one = problemsOf("{\"auto_approve\": [\"\"]}");
    assertThat(one.getMessage())
        .isEqualTo(
            "invalid policy p.json at /auto_approve/0: an empty item: write an action name such"
                + " as restart_pod or a condition");
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() {
    PolicyException e = problemsOf("{\n  \"auto_approve\": [\"restart_pod\",]\n}");
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).pointer()).isEmpty();
    assertThat(e.problems().get(0).message()).startsWith("not valid JSON: ").contains("line 2");
    assertThat(problemsOf("").problems().get(0).message())
        .isEqualTo("is empty; expected a JSON object");
    assertThat(problemsOf("[1]").problems().get(0).message())
        .isEqualTo("must be a JSON object, was a list");
  }

  @Test
  void aDuplicateKeyIsAnError() {
    PolicyException e = problemsOf("{\"emergency_stop\": true, \"emergency_stop\": false}");
    assertThat(e.problems().get(0).message()).contains("Duplicate").contains("emergency_stop");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> Policy.load(missing))
        .isInstanceOf(PolicyException.class)
        .hasMessage("invalid policy " + missing + " at (document): no such file");
  }

  @Test
  void bareBooleanFactsAndConditionsAreRulesToo() {
    Policy p =
        Policy.parse(
            "{\"facts\": {\"template_available\": \"boolean\"},"
                + " \"auto_approve_if\": [\"template_available\", \"risk == low\"]}",
            "p.json");
    assertThat(p.autoRules())
        .extracting(RuleRef::text)
        .containsExactly("template_available", "risk == low");
  }

  @Test
  void policiesDeclareMoreFacts() {
    Policy p =
        Policy.parse(
            "{\"facts\": {\"team\": \"string\", \"pvc_size\": \"count(GiB)\","
                + " \"tier\": [\"gold\", \"silver\"], \"budget\": \"money\"},"
                + " \"auto_approve_if\": [\"tier == gold AND pvc_size < 100_GiB\"]}",
            "p.json");
    assertThat(p.factSchema().type("pvc_size")).contains(FactType.count("GiB"));
    assertThat(p.factSchema().type("tier").orElseThrow().values())
        .containsExactly("gold", "silver");
    assertThat(p.factSchema().names()).contains("action", "severity", "blast_radius", "team");

    PolicyException e =
        problemsOf(
            "{\"facts\": {\"action\": \"string\", \"x\": \"colour\", \"not a name\": \"string\"},"
                + " \"auto_approve_if\": [\"tier == platinum\"]}");
    assertThat(e.problems())
        .extracting(PolicyException.Problem::toString)
        .containsExactly(
            "/facts/x: 'colour' is not a fact type: boolean, number, string, ratio, duration,"
                + " money, list, any, count(UNIT) or a list of the allowed strings",
            "/facts/action: fact 'action' is computed by the policy engine; it cannot be declared"
                + " again",
            "/facts/not a name: name: 'not a name' is not a name a condition can write (a letter or _,"
                + " then letters, digits, _, and single . or - between them; not a keyword such as AND"
                + " or true)",
            "/auto_approve_if/0: unknown fact 'tier'; declared facts: action, severity, off_hours,"
                + " blast_radius, namespace, cluster, environment, replicas, target_replicas,"
                + " scale_up, scale_down, cost_increase, savings, risk, confidence (column 1)\n"
                + "  tier == platinum\n"
                + "  ^");
  }

  @Test
  void conditionsAreTypeCheckedAgainstTheStandardFacts() {
    PolicyException e = problemsOf("{\"require_human_if\": [\"blast_radius > 50%\"]}");
    assertThat(e.problems().get(0).pointer()).isEqualTo("/require_human_if/0");
    assertThat(e.problems().get(0).message()).contains("(column ").contains("^");
  }

  @Test
  void rateLimitsMayBeCountedPerTargetOrNamespace() {
    Policy p =
        Policy.parse(
            "{\"rate_limits\": {\"pod_restarts\": {\"limit\": \"3 per hour\", \"per\":"
                + " \"target\"}, \"deployments_modified\": {\"limit\": \"5/hour\", \"per\":"
                + " \"namespace\"}, \"rbac_changes\": {\"limit\": \"1 per day\"}}}",
            "p.json");
    assertThat(p.rateLimit("pod_restarts").map(RateLimit::scope)).contains(RateLimit.Scope.TARGET);
    assertThat(p.rateLimit("deployments_modified").map(RateLimit::toString))
        .contains("5 per hour per namespace");
    assertThat(p.rateLimit("rbac_changes").map(RateLimit::scope))
        .contains(RateLimit.Scope.CATEGORY);

    PolicyException e =
        problemsOf(
            "{\"rate_limits\": {\"pod_restarts\": {\"per\": \"pod\", \"limt\": \"3\"},"
                + " \"nodes_terminated\": {\"per\": \"target\"}}}");
    assertThat(e.problems())
        .extracting(PolicyException.Problem::toString)
        .containsExactly(
            "/rate_limits/pod_restarts/per: must be \"category\", \"namespace\" or \"target\", was"
                + " 'pod'",
            "/rate_limits/pod_restarts/limt: unknown key 'limt'; a rate limit has limit and per",
            "/rate_limits/nodes_terminated: has no \"limit\", such as \"5 per hour\"");
  }

  @Test
  void businessHoursAreRead() {
    Policy p =
        Policy.parse(
            "{\"business_hours\": {\"days\": \"MON-THU\", \"start\": \"08:30\", \"end\":"
                + " \"18:00\", \"zone\": \"Europe/Berlin\"}}",
            "p.json");
    assertThat(p.businessHours())
        .isEqualTo(
            BusinessHours.builder()
                .days(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY))
                .hours(LocalTime.of(8, 30), LocalTime.of(18, 0))
                .zone(ZoneId.of("Europe/Berlin"))
                .build());
    assertThat(
            Policy.parse("{\"business_hours\": {\"days\": [\"sat\", \"SUNDAY\"]}}", "p.json")
                .businessHours()
                .days())
        .containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    PolicyException e =
        problemsOf(
            "{\"business_hours\": {\"days\": \"FRI-MON\", \"start\": \"9am\", \"zone\":"
                + " \"Mars/Olympus\", \"lunch\": \"12:00\"}}");
    assertThat(e.problems())
        .extracting(PolicyException.Problem::pointer)
        .containsExactly(
            "/business_hours/days",
            "/business_hours/start",
            "/business_hours/zone",
            "/business_hours/lunch");
    assertThat(
            Policy.parse(
                    "{\"business_hours\": {\"start\": \"18:00\", \"end\": \"09:00\"}}", "p.json")
                .businessHours())
        .as("an overnight shift")
        .hasToString("MON-FRI 18:00-09:00 Z");
    assertThat(
            Policy.parse(
                    "{\"business_hours\": {\"days\": \"MON-SUN\", \"start\": \"00:00\","
                        + " \"end\": \"24:00\"}}",
                    "p.json")
                .businessHours())
        .as("every hour")
        .isEqualTo(
            BusinessHours.builder()
                .days(EnumSet.allOf(DayOfWeek.class))
                .hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)
                .build());
    assertThat(
            problemsOf("{\"business_hours\": {\"start\": \"24:00\", \"end\": \"25:00\"}}")
                .problems())
        .extracting(PolicyException.Problem::pointer)
        .containsExactly("/business_hours/start", "/business_hours/end");
  }

  @Test
  void policiesAreBuiltInCodeWithTheSameChecks() {
    Policy p =
        Policy.builder()
            .source("in-code")
            .rateLimit("pod_restarts", "5 per hour")
            .requireApproval("delete_node", "scale_down > 50%")
            .requireHumanIf("blast_radius > 50_pods")
            .autoApprove("restart_pod")
            .autoApproveIf("blast_radius < 10_pods")
            .fact("team", FactType.STRING)
            .build();
    assertThat(p.requireRules())
        .extracting(RuleRef::id)
        .containsExactly("require_approval[0]", "require_approval[1]", "require_human_if[0]");
    assertThat(p.toString())
        .isEqualTo("Policy[in-code: 1 rate limits, 3 require rules, 2 auto rules]");
    assertThat(p.toBuilder().autoApprove("rotate_secrets").build().autoRules())
        .extracting(RuleRef::toString)
        .containsExactly(
            "auto_approve[0]: restart_pod",
            "auto_approve[1]: rotate_secrets",
            "auto_approve_if[0]: blast_radius < 10_pods");

    assertThatThrownBy(
            () ->
                Policy.builder()
                    .rateLimit("pod_restarts", "five per hour")
                    .autoApprove("restart_pod", "bogus_action")
                    .build())
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("invalid policy policy: 2 problems\n  /rate_limits/pod_restarts:")
        .hasMessageContaining("/auto_approve/1: 'bogus_action' is neither an action");
  }

  @Test
  void aCustomCatalogMakesItsActionsKnown() {
    ActionCatalog mine =
        ActionCatalog.defaults().toBuilder()
            .register(
                ActionDefinition.builder("restart_statefulset")
                    .rateLimitCategory("statefulset_restarts")
                    .build())
            .build();
    String json =
        "{\"rate_limits\": {\"statefulset_restarts\": \"1 per hour\"},"
            + " \"auto_approve\": [\"restart_statefulset\"]}";
    assertThat(problemsOf(json).problems()).hasSize(2);
    Policy p = PolicyLoader.withCatalog(mine).parse(json, "p.json");
    assertThat(p.catalog()).isEqualTo(mine);
    Decision d =
        PolicyEngine.builder(p)
            .build()
            .decide(ActionRequest.of("restart_statefulset", Facts.empty()));
    assertThat(d.isAllowed()).isTrue();
  }

  @Test
  void theDescriptionIsFreeText() {
    assertThat(Policy.parse("{\"description\": \"ours\"}", "p.json").requireRules()).isEmpty();
    assertThat(problemsOf("{\"description\": 1}").problems())
        .extracting(PolicyException.Problem::toString)
        .containsExactly("/description: must be a string, was a number");
  }

  @Test
  void problemsAreValues() {
    PolicyException e = problemsOf("{\"x\": 1}");
    assertThat(e.problems()).isEqualTo(List.copyOf(e.problems()));
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aMisspeltFactOnTheRightOfAComparisonIsAnErrorNotARuleThatNeverMatches() {
    PolicyException e =
        problemsOf(
            "{\"facts\": {\"protected_namespace\": \"string\"},"
                + " \"require_human_if\": [\"namespace == protected_namespce\"],"
                + " \"auto_approve\": [\"restart_pod\"]}");
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).pointer()).isEqualTo("/require_human_if/0");
    assertThat(e.problems().get(0).message())
        .startsWith(
            "'protected_namespce' is not a declared fact, but it is close to the fact"
                + " 'protected_namespace'")
        .contains("quote it");
  }

  @Test
  void severityIsOneOfP0ToP4SoALowerCaseSymbolIsAnErrorWithASuggestion() {
    PolicyException e = problemsOf("{\"require_human_if\": [\"severity == p0\"]}");
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).message())
        .startsWith(
            "severity == p0: 'p0' is not a value of severity, which is one of P0, P1, P2, P3, P4"
                + " (did you mean 'P0'?)");
    assertThat(Policy.seed().factSchema().type("severity"))
        .contains(FactType.oneOf(List.of("P0", "P1", "P2", "P3", "P4")));
    assertThat(Policy.seed().factSchema().type("environment")).contains(FactType.STRING);
  }
}
