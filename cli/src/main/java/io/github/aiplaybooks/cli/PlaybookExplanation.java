package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.ConditionGroup;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Routing;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.dsl.load.PlaybookWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** A playbook explained in text: trigger, steps with every condition normalized, routing. */
final class PlaybookExplanation {
  private PlaybookExplanation() {}

  /**
   * What {@code --policy} adds: the policy's file, the instant decided at (or {@code null} for
   * business and off hours), one line per action the steps may take, and, when a step chooses at
   * run time, one per catalog action.
   */
  record Approvals(
      String policy, Instant now, Map<String, String> actions, Map<String, String> catalog) {
    static final Approvals NONE = new Approvals(null, null, Map.of(), Map.of());

    static Approvals of(Playbook p, Path policy, Instant now, ApprovalPreview preview) {
      List<StepActions.Entry> entries = StepActions.of(p);
      Map<String, String> actions = preview.preview(policy, StepActions.all(entries), now);
      Map<String, String> catalog = Map.of();
      if (entries.stream().anyMatch(StepActions.Entry::chosenAtRunTime)) {
        Set<String> all = new TreeSet<>();
        p.knownActions()
            .spellings()
            .forEach(a -> p.knownActions().canonical(a).ifPresent(all::add));
        catalog = preview.preview(policy, all, now);
      }
      return new Approvals(String.valueOf(policy), now, actions, catalog);
    }
  }

  static String text(Playbook p, Approvals approvals) {
    StringBuilder b = new StringBuilder();
    b.append("playbook ").append(p.name()).append('\n');
    p.agent().ifPresent(a -> b.append("  agent:   ").append(a).append('\n'));
    p.model().ifPresent(m -> b.append("  model:   ").append(m).append('\n'));
    b.append("  trigger: ").append(p.trigger().describe()).append('\n');
    b.append("  context: ").append(String.join(", ", p.trigger().context())).append('\n');
    if (!p.inputs().isEmpty()) {
      List<String> inputs = new ArrayList<>();
      p.inputs().forEach((n, t) -> inputs.add(n + " (" + t + ")"));
      b.append("  inputs:  ").append(String.join(", ", inputs)).append('\n');
    }
    b.append("\nsteps\n");
    JsonNode workflow = PlaybookWriter.toTree(p).get("workflow");
    for (Step s : p.steps()) {
      step(b, p, s, workflow.get(s.key()));
    }
    p.routing().ifPresent(r -> routing(b, r));
    actions(b, StepActions.of(p));
    approvals(b, approvals);
    return b.toString();
  }

  private static void actions(StringBuilder b, List<StepActions.Entry> entries) {
    b.append("\nactions it may take (each still passes the policy engine)");
    if (entries.isEmpty()) {
      b.append(": none\n");
      return;
    }
    b.append('\n');
    for (StepActions.Entry e : entries) {
      b.append("  ").append(e.step().key()).append("  ").append(e.step().action()).append(": ");
      if (e.chosenAtRunTime()) {
        b.append(e.source()).append('\n');
        continue;
      }
      b.append(String.join(", ", e.actions())).append(" (").append(e.source());
      if (!e.withoutAsking().isEmpty()) {
        b.append("; without asking when auto_fix_if holds: ")
            .append(String.join(", ", e.withoutAsking()));
      }
      b.append(")\n");
    }
  }

  private static void approvals(StringBuilder b, Approvals a) {
    if (a.policy() == null) {
      b.append("approval: with --policy FILE, says what the policy decides for them\n");
      return;
    }
    b.append("approval under ")
        .append(a.policy())
        .append(
            ", deciding with no trusted facts (a rule that needs a missing fact fails closed), ")
        .append(a.now() == null ? "in business hours and off hours" : "at " + a.now())
        .append(":\n");
    a.actions()
        .forEach(
            (action, why) -> b.append("  ").append(action).append(": ").append(why).append('\n'));
    if (!a.catalog().isEmpty()) {
      int allowed = 0;
      int approval = 0;
      int denied = 0;
      int depends = 0;
      for (String why : a.catalog().values()) {
        if (why.startsWith("allowed")) {
          allowed++;
        } else if (why.startsWith("denied")) {
          denied++;
        } else if (why.startsWith("could need approval")) {
          approval++;
        } else {
          depends++;
        }
      }
      b.append("  the catalog, for steps that choose at run time (")
          .append(a.catalog().size())
          .append(" actions): ")
          .append(allowed)
          .append(" allowed, ")
          .append(approval)
          .append(" could need approval, ")
          .append(denied)
          .append(" denied")
          .append(depends == 0 ? "" : ", " + depends + " depend on the time of day")
          .append('\n');
      StringBuilder allowedNames = new StringBuilder();
      a.catalog()
          .forEach(
              (action, why) -> {
                if (why.startsWith("allowed")) {
                  allowedNames.append(allowedNames.length() == 0 ? "" : ", ").append(action);
                }
              });
      if (allowedNames.length() > 0) {
        b.append("    allowed: ").append(allowedNames).append('\n');
      }
    }
  }

  private static void step(StringBuilder b, Playbook p, Step s, JsonNode tree) {
    String pad = "      ";
    b.append("  ").append(s.key()).append("  ").append(s.action()).append('\n');
    Set<String> conditionKeys = new HashSet<>();
    for (ConditionGroup g : s.spec().conditionGroups()) {
      conditionKeys.add(g.parameter());
    }
    tree.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("action") && !conditionKeys.contains(e.getKey())) {
                b.append(pad)
                    .append(e.getKey())
                    .append(": ")
                    .append(value(e.getValue()))
                    .append('\n');
              }
            });
    if (s.spec() instanceof ExecuteSpec) {
      ExecuteSpec e = (ExecuteSpec) s.spec();
      b.append(pad)
          .append("with_rollback: ")
          .append(e.withRollback())
          .append(", verify: ")
          .append(e.verify())
          .append('\n');
    }
    for (ConditionGroup g : s.spec().conditionGroups()) {
      b.append(pad).append(g.parameter()).append(combination(g)).append('\n');
      for (Condition c : g.conditions()) {
        b.append(pad).append("  ").append(c.normalized()).append('\n');
      }
    }
    Set<String> outputs = p.outputs(s);
    if (!outputs.isEmpty()) {
      // As later steps read them: a model's output named like a trusted value only as step.name
      // (receive_alert's and health_check's own outputs are the trigger's context itself).
      boolean model = p.kind(s).modelProduced(s.spec());
      List<String> names = new ArrayList<>();
      for (String o : outputs) {
        boolean bare =
            (!model && p.trigger().context().contains(o))
                || p.routingScope().origin(o).map(origin -> !origin.trusted()).orElse(false);
        names.add(bare ? o : s.name() + "." + o);
      }
      b.append(pad)
          .append(model ? "outputs (the model's): " : "outputs: ")
          .append(String.join(", ", names))
          .append('\n');
    }
  }

  static String combination(ConditionGroup g) {
    switch (g.combination()) {
      case ANY_OF:
        return " (any of):";
      case ALL_OF:
        return " (all of):";
      default:
        return ":";
    }
  }

  private static String value(JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(i -> items.add(value(i)));
      return String.join(", ", items);
    }
    if (v.isObject() && v.has("mcp") && v.size() == 1) {
      return v.get("mcp").asString();
    }
    return v.isString() ? v.asString() : v.toString();
  }

  private static void routing(StringBuilder b, Routing r) {
    b.append("\nrouting (depth first, the first leaf whose conditions all hold; else ")
        .append(String.join(", ", r.fallback()))
        .append(")\n");
    routes(b, r.routes(), "  ");
  }

  private static void routes(StringBuilder b, List<Route> routes, String indent) {
    for (Route r : routes) {
      b.append(indent);
      if (!r.label().isEmpty()) {
        b.append(r.label()).append(": ");
      }
      b.append(r.when().normalized());
      if (r.isLeaf()) {
        b.append(" → ").append(String.join(", ", r.runbook()));
      }
      b.append('\n');
      routes(b, r.routes(), indent + "  ");
    }
  }
}
