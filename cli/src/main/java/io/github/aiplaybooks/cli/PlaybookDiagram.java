package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.ApproveSpec;
import io.github.aiplaybooks.core.playbook.ConditionGroup;
import io.github.aiplaybooks.core.playbook.DecideSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.ReasonSpec;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Routing;
import io.github.aiplaybooks.core.playbook.Step;
import java.util.List;

/**
 * A playbook as a Mermaid flowchart that renders on GitHub: the trigger, the steps in order (with
 * their conditions), and the routing tree. Every label is quoted, with {@code "}, {@code <}, {@code
 * >}, {@code &} and {@code #} written as Mermaid entity codes, so no condition can break the
 * syntax.
 */
final class PlaybookDiagram {
  private PlaybookDiagram() {}

  static String mermaid(Playbook p) {
    StringBuilder b = new StringBuilder("flowchart TD\n");
    b.append("  trigger([\"").append(label(p.trigger().describe())).append("\"])\n");
    String previous = "trigger";
    String routedFrom = "trigger";
    for (Step s : p.steps()) {
      String id = "s" + s.order();
      boolean decision = s.spec() instanceof ApproveSpec || s.spec() instanceof DecideSpec;
      StringBuilder text = new StringBuilder(label(s.key() + ": " + s.action()));
      for (ConditionGroup g : s.spec().conditionGroups()) {
        text.append("<br/>").append(label(g.parameter() + PlaybookExplanation.combination(g)));
        for (Condition c : g.conditions()) {
          text.append("<br/>• ").append(label(c.normalized()));
        }
      }
      b.append("  ")
          .append(id)
          .append(decision ? "{{\"" : "[\"")
          .append(text)
          .append(decision ? "\"}}" : "\"]")
          .append('\n');
      b.append("  ").append(previous).append(" --> ").append(id).append('\n');
      previous = id;
      if (s.action().equals("determine_remediation")
          || (routedFrom.equals("trigger") && s.spec() instanceof ReasonSpec)) {
        routedFrom = id;
      }
    }
    if (p.routing().isPresent()) {
      routing(b, p.routing().get(), routedFrom);
    }
    return b.toString();
  }

  private static void routing(StringBuilder b, Routing r, String from) {
    b.append("  subgraph routing[\"")
        .append(label("Decision tree: depth first, first match wins"))
        .append("\"]\n");
    b.append("    route{\"route\"}\n");
    routes(b, r.routes(), "route", "r");
    b.append("    rdefault[\"")
        .append(label("no match → " + String.join(", ", r.fallback())))
        .append("\"]\n");
    b.append("    route -.->|\"otherwise\"| rdefault\n");
    b.append("  end\n");
    b.append("  ")
        .append(from)
        .append(" -.->|\"")
        .append(label("without the model"))
        .append("\"| route\n");
  }

  private static void routes(StringBuilder b, List<Route> routes, String parent, String prefix) {
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      String id = prefix + "_" + i;
      String text =
          (r.label().isEmpty() ? "" : label(r.label()) + "<br/>") + label(r.when().normalized());
      if (r.isLeaf()) {
        b.append("    ")
            .append(id)
            .append("[\"")
            .append(text)
            .append("<br/>")
            .append(label("→ " + String.join(", ", r.runbook())))
            .append("\"]\n");
      } else {
        b.append("    ").append(id).append("{\"").append(text).append("\"}\n");
      }
      b.append("    ").append(parent).append(" --> ").append(id).append('\n');
      routes(b, r.routes(), id, id);
    }
  }

  /** Text safe inside a quoted Mermaid label. */
  static String label(String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          b.append("#quot;");
          break;
        case '<':
          b.append("#lt;");
          break;
        case '>':
          b.append("#gt;");
          break;
        case '&':
          b.append("#amp;");
          break;
        case '#':
          b.append("#35;");
          break;
        case '\n':
        case '\r':
          b.append("<br/>");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }
}
