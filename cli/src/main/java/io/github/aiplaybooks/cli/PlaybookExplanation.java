package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.ConditionGroup;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.KnownActions;
import io.github.aiplaybooks.core.playbook.PlanSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Routing;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.dsl.load.PlaybookWriter;
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

  static String text(Playbook p, Map<String, String> approvals) {
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
    Set<String> actions = actions(p);
    b.append("\nactions it may take: ")
        .append(actions.isEmpty() ? "(chosen at run time)" : String.join(", ", actions))
        .append('\n');
    if (approvals.isEmpty()) {
      b.append("approval: with --policy FILE, says which of them could need approval\n");
    } else {
      b.append("approval under the policy:\n");
      approvals.forEach((a, why) -> b.append("  ").append(a).append(": ").append(why).append('\n'));
    }
    return b.toString();
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
      b.append(pad).append("outputs: ").append(String.join(", ", outputs)).append('\n');
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

  /**
   * The catalog actions the playbook names: runbooks, savings opportunities and steps whose action
   * is itself a catalog action, by canonical name.
   */
  static Set<String> actions(Playbook p) {
    KnownActions known = p.knownActions();
    Set<String> actions = new TreeSet<>();
    for (Step s : p.steps()) {
      known.canonical(s.action()).ifPresent(actions::add);
      if (s.spec() instanceof PlanSpec) {
        ((PlanSpec) s.spec())
            .opportunities()
            .forEach(o -> known.canonical(o.type()).ifPresent(actions::add));
      }
    }
    p.routing()
        .ifPresent(
            r -> {
              r.rules()
                  .forEach(
                      rule ->
                          rule.runbook().forEach(a -> known.canonical(a).ifPresent(actions::add)));
              r.fallback().forEach(a -> known.canonical(a).ifPresent(actions::add));
            });
    return actions;
  }
}
