package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.RouteMatch;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.ApprovalRules;
import io.github.aiplaybooks.core.tool.PlannedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The path a run takes when the model is throttled, unavailable, refuses, or keeps answering
 * outside the schema: it never acts on an unvalidated answer. It routes on the alert's own
 * (trusted) fields through the playbook's {@link io.github.aiplaybooks.core.playbook.Routing}
 * table, proposes the route's runbook as actions that run only if the policy allows them without a
 * human, and escalates to a human. A table that cannot decide (a fact its routes read is missing)
 * gives no runbook: nothing is proposed, and the escalation says why. Later model steps are
 * skipped.
 */
final class Fallback {
  /** Runbook entries that tell people rather than act: the escalation covers them. */
  private static final Set<String> TELLING = Set.of("notify", "alert_team", "escalate");

  private Fallback() {}

  static void take(Run run, Step step, String reason) {
    synchronized (run) {
      if (run.fallback != null) {
        return;
      }
      run.fallback = reason;
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("reason", reason);
    List<String> taken = new ArrayList<>();
    String routeText = "the playbook has no routing table";
    Optional<RouteMatch> match = Routes.route(run, step, "alert");
    boolean undecided = false;
    if (match.isPresent()) {
      RouteMatch m = match.get();
      routeText = Routes.describe(m);
      undecided = !m.decided();
      ArrayNode path = data.putArray("route");
      m.path().forEach(path::add);
      ArrayNode runbook = data.putArray("runbook");
      m.runbook().forEach(runbook::add);
      if (undecided) {
        ArrayNode why = data.putArray("undecided");
        run.route.undecided().forEach(why::add);
      }
      // An undecided match has no runbook: no routed action is taken.
      for (String action : m.runbook()) {
        String canonical = run.gate.catalog().resolve(action).map(d -> d.name()).orElse(action);
        if (TELLING.contains(canonical)) {
          continue;
        }
        RunState.Proposal p =
            run.propose(
                step.key(),
                RunState.Source.ROUTING,
                PlannedAction.of(canonical, targetFor(run, canonical)),
                "fallback route: " + routeText,
                null,
                true);
        taken.add(p.id() + " " + canonical);
      }
    }
    data.put("routing", routeText);
    run.record(AuditEventType.FALLBACK, step.key(), data);
    run.note(step.key(), "fallback: " + reason + "; " + routeText);
    run.escalate(
        step.key(),
        "the model could not be used ("
            + reason
            + "). "
            + (undecided
                ? "The run tried to route on the alert's own fields, but "
                    + routeText
                    + "; it leaves the incident to you."
                : "The run routed on the alert's own fields ("
                    + routeText
                    + "), takes only actions the policy allows without a human"
                    + (taken.isEmpty() ? "" : " (" + String.join(", ", taken) + ")")
                    + ", and leaves the rest to you."));
    if (!laterExecuteStep(run, step)) {
      for (RunState.Proposal p : run.pending()) {
        if (p.fallbackOnly()) {
          run.pipeline.execute(p, step, ApprovalRules.none(), null, true);
        }
      }
    }
  }

  private static boolean laterExecuteStep(Run run, Step step) {
    for (Step s : run.playbook.steps()) {
      if (s.order() > step.order() && s.spec() instanceof ExecuteSpec) {
        return true;
      }
    }
    return false;
  }

  /** What a runbook action acts on, from the alert: its pod, deployment, node or volume claim. */
  static Target targetFor(Run run, String action) {
    Target main = run.mainTarget();
    String ns = main.namespace();
    String cluster = main.cluster();
    String pod = text(run, "pod");
    String deployment = text(run, "deployment");
    String node = text(run, "node");
    String pvc = text(run, "pvc");
    if ((action.endsWith("_pod") || action.equals("logs")) && pod != null) {
      if (!action.equals("rightsize_pod")) {
        return new Target("pod", ns, pod, cluster);
      }
    }
    if ((action.endsWith("_deployment")
            || action.equals("add_resource_limits")
            || action.equals("rightsize_pod")
            || action.equals("update_image"))
        && deployment != null) {
      return new Target("deployment", ns, deployment, cluster);
    }
    if (action.endsWith("_node") && node != null) {
      return new Target("node", null, node, cluster);
    }
    if (action.endsWith("_pvc") && pvc != null) {
      return new Target("persistentvolumeclaim", ns, pvc, cluster);
    }
    return main;
  }

  private static String text(Run run, String name) {
    tools.jackson.databind.JsonNode v = run.trusted.get(name);
    return v == null || !v.isString() || v.stringValue().isBlank() ? null : v.stringValue();
  }
}
