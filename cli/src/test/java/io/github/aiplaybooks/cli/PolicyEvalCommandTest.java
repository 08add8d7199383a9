package io.github.aiplaybooks.cli;

import static io.github.aiplaybooks.cli.CliRun.example;
import static io.github.aiplaybooks.cli.CliRun.run;
import static io.github.aiplaybooks.cli.CliRun.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PolicyEvalCommandTest {
  static final String SEED = example("examples/policy/seed-policy.json");
  static final String RESTART = example("examples/policy/restart-pod.json");
  static final String NOW = "2024-01-02T10:30:00Z";

  @TempDir Path dir;

  private String file(String name, String json) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, json);
    return f.toString();
  }

  private static CliRun eval(String... more) {
    List<String> args = new ArrayList<>(List.of("policy", "eval", "--policy", SEED));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  private static List<String> reasons(JsonNode decision) {
    List<String> out = new ArrayList<>();
    decision.get("reasons").forEach(r -> out.add(r.stringValue()));
    return out;
  }

  @Test
  void restartPodIsAllowed() {
    CliRun r = eval("--action", RESTART, "--now", NOW);
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode d = r.json();
    assertThat(d.propertyNames())
        .containsExactly("decision", "reasons", "rule", "action", "facts", "decided_at");
    assertThat(d.get("decided_at").stringValue()).isEqualTo(NOW);
    assertThat(d.get("facts").get("namespace").stringValue()).isEqualTo("default");
    assertThat(d.get("decision").stringValue()).isEqualTo("ALLOW");
    assertThat(d.get("rule").stringValue()).isEqualTo("auto_approve[0]: restart_pod");
    assertThat(reasons(d)).first().isEqualTo("auto_approve[0]: the action is restart_pod");
  }

  @Test
  void deleteNodeNeedsAHumanAndSoDoesABigScaleDown() {
    CliRun node = eval("--action", example("examples/policy/delete-node.json"), "--now", NOW);
    assertThat(node.exit()).isZero();
    assertThat(node.json().get("decision").stringValue()).isEqualTo("REQUIRE_APPROVAL");
    assertThat(node.json().get("rule").stringValue()).isEqualTo("require_approval[0]: delete_node");

    CliRun scale = eval("--action", example("examples/policy/scale-down.json"), "--now", NOW);
    assertThat(scale.exit()).isZero();
    assertThat(scale.json().get("decision").stringValue()).isEqualTo("REQUIRE_APPROVAL");
    assertThat(scale.json().get("rule").stringValue())
        .isEqualTo("require_approval[4]: scale_down > 50%");
    assertThat(reasons(scale.json()))
        .first()
        .isEqualTo("require_approval[4]: scale_down (0.6) > 50% is true");
  }

  @Test
  void theHistoryCountsAgainstTheRateLimits() {
    String history = example("examples/policy/restart-history.json");
    CliRun denied = eval("--action", RESTART, "--history", history, "--now", NOW);
    assertThat(denied.exit()).isZero();
    JsonNode d = denied.json();
    assertThat(d.propertyNames())
        .containsExactly(
            "decision", "reasons", "rule", "retry_at", "action", "facts", "decided_at");
    assertThat(d.get("decision").stringValue()).isEqualTo("DENY");
    assertThat(d.get("rule").stringValue()).isEqualTo("rate_limits.pod_restarts: 5 per hour");
    assertThat(d.get("retry_at").stringValue()).isEqualTo("2024-01-02T10:35:00Z");
    assertThat(reasons(d))
        .containsExactly(
            "rate limit pod_restarts (5 per hour) reached: 5 executions in the last hour; a slot"
                + " frees up at 2024-01-02T10:35:00Z");

    CliRun later = eval("--action", RESTART, "--history", history, "--now", "2024-01-02T10:35:00Z");
    assertThat(later.json().get("decision").stringValue()).isEqualTo("ALLOW");
  }

  @Test
  void offHoursComesFromNowUnlessTheFactsSayOtherwise() throws IOException {
    String p0 =
        file(
            "p0.json",
            "{\"action\": \"rollback_deployment\","
                + " \"facts\": {\"severity\": \"P0\", \"blast_radius\": 20}}");
    CliRun saturday = eval("--action", p0, "--now", "2024-01-06T10:00:00+01:00");
    assertThat(saturday.json().get("decision").stringValue()).isEqualTo("ALLOW");
    assertThat(saturday.json().get("rule").stringValue())
        .isEqualTo("auto_approve_if[0]: severity == P0 AND off_hours == true");
    assertThat(reasons(saturday.json()))
        .contains("auto_approve_if[0]: severity == P0 AND off_hours == true holds");
    CliRun tuesday = eval("--action", p0, "--now", NOW);
    assertThat(reasons(tuesday.json()))
        .doesNotContain("auto_approve_if[0]: severity == P0 AND off_hours == true holds");

    String trusted =
        file(
            "trusted.json",
            "{\"action\": \"rollback_deployment\","
                + " \"facts\": {\"severity\": \"P0\", \"blast_radius\": 20, \"off_hours\": true}}");
    assertThat(reasons(eval("--action", trusted, "--now", NOW).json()))
        .contains("auto_approve_if[0]: severity == P0 AND off_hours == true holds");
  }

  @Test
  void anUnknownActionIsADenialNotAnError() throws IOException {
    String typo =
        file("typo.json", "{\"action\": \"restrat_pod\", \"facts\": {\"blast_radius\": 1}}");
    CliRun r = eval("--action", typo, "--now", NOW);
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("decision").stringValue()).isEqualTo("DENY");
    assertThat(r.json().get("rule").stringValue()).isEqualTo("catalog: restrat_pod");
    assertThat(reasons(r.json()).get(0)).contains("did you mean 'restart_pod'?");
  }

  @Test
  void theActionMayComeFromStandardInput() {
    CliRun r =
        runWithInput(
            "{\"action\": \"get\"}",
            "policy",
            "eval",
            "--policy",
            SEED,
            "--action",
            "-",
            "--now",
            NOW);
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("decision").stringValue()).isEqualTo("ALLOW");
  }

  @Test
  void anInvalidActionFileExitsTwoWithEveryPointer() throws IOException {
    String bad =
        file(
            "bad.json",
            "{\"actoin\": \"restart_pod\", \"target\": {\"kind\": \"pod\", \"nmae\": \"x\","
                + " \"namespace\": 3}, \"facts\": {\"blast_radius\": \"lots\", \"tags\": [[1]]}}");
    CliRun r = eval("--action", bad, "--now", NOW);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + bad
                + " at /actoin: unknown key 'actoin'; an action has action, facts,"
                + " idempotency_key, target\n"
                + "error: "
                + bad
                + " at /action: is missing; name the action, such as \"restart_pod\"\n"
                + "error: "
                + bad
                + " at /target/nmae: unknown key 'nmae'; a target has cluster, kind, name,"
                + " namespace\n"
                + "error: "
                + bad
                + " at /target/namespace: must be a non-blank string, was a number\n"
                + "error: "
                + bad
                + ": fact /facts/tags/0: an array cannot be a list element; use a number, boolean"
                + " or string\n");

    String mistyped =
        file(
            "mistyped.json",
            "{\"action\": \"restart_pod\", \"facts\": {\"blast_radius\": \"lots\","
                + " \"off_hours\": \"yes\"}}");
    CliRun m = eval("--action", mistyped, "--now", NOW);
    assertThat(m.exit()).isEqualTo(2);
    assertThat(m.err())
        .isEqualTo(
            "error: "
                + mistyped
                + " at /facts/blast_radius: fact blast_radius is declared as a count of pods but"
                + " is a string (lots)\n"
                + "error: "
                + mistyped
                + " at /facts/off_hours: fact off_hours is declared as a boolean but is a string"
                + " (yes)\n");
  }

  @Test
  void anInvalidPolicyExitsTwoWithEveryPointer() throws IOException {
    String policy =
        file(
            "policy.json",
            "{\"require_approval\": [\"delete_nod\", \"scale_down > \"], \"emergency_stop\": 1}");
    CliRun r = run("policy", "eval", "--policy", policy, "--action", RESTART, "--now", NOW);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + policy
                + " at /emergency_stop: must be true or false, was a number\n"
                + "error: "
                + policy
                + " at /require_approval/0: 'delete_nod' is neither an action of the catalog nor a"
                + " declared fact (did you mean the action 'delete_node'?)\n"
                + "error: "
                + policy
                + " at /require_approval/1: expected a value after '>', found the end of the"
                + " condition (column 13)\n"
                + "  scale_down >\n"
                + "              ^\n");
  }

  @Test
  void anInvalidHistoryExitsTwoWithEveryPointer() throws IOException {
    String history =
        file(
            "history.json",
            "[{\"action\": \"restart_pod\", \"at\": \"2024-01-02T10:00:00Z\"},"
                + " {\"action\": \"restrat_pod\", \"at\": \"yesterday\"},"
                + " {\"action\": \"restart_pod\", \"at\": \"2024-01-02T11:00:00Z\", \"who\": 1},"
                + " 7]");
    CliRun r = eval("--action", RESTART, "--history", history, "--now", NOW);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + history
                + " at /1/action: unknown action 'restrat_pod' (did you mean 'restart_pod'?)\n"
                + "error: "
                + history
                + " at /1/at: 'yesterday' is not an ISO-8601 instant such as"
                + " 2024-01-02T09:30:00Z\n"
                + "error: "
                + history
                + " at /2/who: unknown key 'who'; a past execution has action, at, target\n"
                + "error: "
                + history
                + " at /2/at: 2024-01-02T11:00:00Z is after the decision's instant"
                + " 2024-01-02T10:30:00Z; a history holds past executions\n"
                + "error: "
                + history
                + " at /3: must be an object {\"action\": ..., \"at\": ..., \"target\": {...}}, was"
                + " a number\n");
  }

  @Test
  void aPerTargetLimitNeedsTargetsInTheHistory() throws IOException {
    String policy =
        file(
            "policy.json",
            "{\"rate_limits\": {\"pod_restarts\": {\"limit\": \"1 per hour\", \"per\": \"target\"}},"
                + " \"auto_approve\": [\"restart_pod\"]}");
    String history =
        file("history.json", "[{\"action\": \"restart_pod\", \"at\": \"2024-01-02T10:00:00Z\"}]");
    CliRun r =
        run(
            "policy",
            "eval",
            "--policy",
            policy,
            "--action",
            RESTART,
            "--history",
            history,
            "--now",
            NOW);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + history
                + " at /0/target: the rate limit pod_restarts is counted per target, so a past"
                + " execution needs a target with a name\n");

    String other =
        file(
            "other.json",
            "[{\"action\": \"restart_pod\", \"at\": \"2024-01-02T10:00:00Z\", \"target\":"
                + " {\"kind\": \"pod\", \"namespace\": \"default\", \"name\": \"other\"}},"
                + " {\"action\": \"restart_pod\", \"at\": \"2024-01-02T10:10:00Z\", \"target\":"
                + " {\"kind\": \"pod\", \"namespace\": \"default\","
                + " \"name\": \"api-service-abc123\"}}]");
    CliRun denied =
        run(
            "policy",
            "eval",
            "--policy",
            policy,
            "--action",
            RESTART,
            "--history",
            other,
            "--now",
            NOW);
    assertThat(denied.json().get("decision").stringValue()).isEqualTo("DENY");
    assertThat(denied.json().get("retry_at").stringValue()).isEqualTo("2024-01-02T11:10:00Z");
  }

  @Test
  void badOptionsExitTwo() {
    CliRun now = eval("--action", RESTART, "--now", "tuesday");
    assertThat(now.exit()).isEqualTo(2);
    assertThat(now.err())
        .isEqualTo(
            "error: --now: 'tuesday' is not an ISO-8601 instant such as"
                + " 2024-01-02T10:00:00Z\n");
    CliRun missing = run("policy", "eval", "--action", RESTART);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("Missing required option: '--policy=FILE'");
    CliRun noFile = eval("--action", "/no/such/action.json");
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).isEqualTo("error: /no/such/action.json: no such file\n");
  }

  @Test
  void withoutNowTheSystemClockDecides() {
    CliRun r = eval("--action", RESTART);
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("decision").stringValue()).isEqualTo("ALLOW");
  }

  /** The inputs of the review of issues 2 and 4, each once unsafe. */
  @Test
  void theReviewsReprosAreDecidedSafely() throws IOException {
    String compound =
        file(
            "pol1.json",
            "{\"require_human_if\": [\"scale_down > 50% OR blast_radius > 50_pods\"],"
                + " \"auto_approve\": [\"restart_pod\", \"scale_up < 2x\"]}");
    String restart500 =
        file(
            "act1.json",
            "{\"action\":\"restart_pod\",\"target\":{\"kind\":\"pod\",\"namespace\":"
                + "\"default\",\"name\":\"x\"},\"facts\":{\"blast_radius\":500}}");
    CliRun r1 = run("policy", "eval", "--policy", compound, "--action", restart500, "--now", NOW);
    assertThat(r1.json().get("decision").stringValue()).isEqualTo("REQUIRE_APPROVAL");

    String scaleWithAClaim =
        file(
            "act4.json",
            "{\"action\":\"scale_deployment\",\"target\":{\"kind\":\"deployment\","
                + "\"namespace\":\"default\",\"name\":\"x\"},\"facts\":{\"blast_radius\":5,"
                + "\"replicas\":10,\"target_replicas\":2, \"scale_up\": 1.5}}");
    CliRun r4 = eval("--action", scaleWithAClaim, "--now", NOW);
    assertThat(r4.json().get("decision").stringValue()).isEqualTo("DENY");
    assertThat(r4.json().get("rule").stringValue()).startsWith("facts");

    String misspelt =
        file(
            "p3.json",
            "{\"facts\": {\"protected_namespace\": \"string\"},"
                + " \"require_human_if\": [\"namespace == protected_namespce\"],"
                + " \"auto_approve\": [\"restart_pod\"]}");
    CliRun r3 = run("policy", "eval", "--policy", misspelt, "--action", RESTART, "--now", NOW);
    assertThat(r3.exit()).isEqualTo(2);
    assertThat(r3.err()).contains("at /require_human_if/0:").contains("quote it");

    String production =
        file(
            "p5.json",
            "{\"require_human_if\":[\"namespace == production\"],"
                + "\"auto_approve\":[\"restart_pod\"]}");
    String staging =
        file(
            "stg.json",
            "{\"action\":\"restart_pod\",\"target\":{\"kind\":\"pod\",\"namespace\":"
                + "\"production\",\"name\":\"x\"},\"facts\":{\"namespace\":\"staging\"}}");
    CliRun r5 = run("policy", "eval", "--policy", production, "--action", staging, "--now", NOW);
    assertThat(r5.json().get("decision").stringValue()).isEqualTo("DENY");

    String negative =
        file("neg.json", "{\"action\":\"drain_node\",\"facts\":{\"blast_radius\":-500}}");
    CliRun r7 = eval("--action", negative, "--now", NOW);
    assertThat(r7.exit()).isEqualTo(2);
    assertThat(r7.err()).contains("a count is never negative");

    String lb = file("lb.json", "{\"action\":\"consolidate_lb\",\"facts\":{\"blast_radius\":0}}");
    assertThat(eval("--action", lb, "--now", NOW).json().get("decision").stringValue())
        .isEqualTo("REQUIRE_APPROVAL");
    String nodegroup =
        file(
            "ng.json",
            "{\"action\":\"scale_nodegroup\",\"facts\":{\"blast_radius\":0,\"replicas\":10,"
                + "\"target_replicas\":1}}");
    assertThat(eval("--action", nodegroup, "--now", NOW).json().get("decision").stringValue())
        .isEqualTo("REQUIRE_APPROVAL");

    String future =
        file("future.json", "[{\"action\": \"restart_pod\", \"at\": \"2024-01-02T12:30:00Z\"}]");
    CliRun r8 = eval("--action", RESTART, "--history", future, "--now", NOW);
    assertThat(r8.exit()).isEqualTo(2);
    assertThat(r8.err()).contains("is after the decision's instant");
  }

  @Test
  void aPolicyThatReadsOffHoursWithoutBusinessHoursWarnsOnStandardError() throws IOException {
    String bare = file("bare.json", "{\"auto_approve_if\": [\"off_hours == true\"]}");
    CliRun r = run("policy", "eval", "--policy", bare, "--action", RESTART, "--now", NOW);
    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .startsWith(
            "warning: "
                + bare
                + ": a rule reads off_hours, but the policy declares no"
                + " business_hours");
  }

  @Test
  void helpShowsAnExample() {
    CliRun r = run("policy", "eval", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Usage: playbooks policy eval")
        .contains("--history=FILE")
        .contains("--now=ISO-8601")
        .contains("Examples:")
        .contains("--action examples/policy/restart-pod.json");
  }
}
