package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.playbook.RouteMatch;
import io.github.aiplaybooks.core.playbook.Routing;
import io.github.aiplaybooks.core.playbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes a run through the playbook's {@link Routing} table and records the choice: in the run's
 * state ({@link RunState.RouteRecord}), as a {@link AuditEventType#ROUTING} audit event and on the
 * timeline.
 *
 * <p>The table reads the run's facts as the playbook's scope names them, so a trusted name never
 * holds a model's claim. Standard facts it reads that trusted code has not read yet ({@code
 * api_latency}, {@code pod_crash_rate}) are read from the engine's fact source first, so that a
 * route is not undecidable for want of a fact the system can tell. A route that still cannot be
 * decided is never read as false: the match is undecided, and the caller takes no routed action and
 * escalates with {@link #why}.
 */
final class Routes {
  private Routes() {}

  /**
   * The table's match for the run now, recorded; empty when the playbook has no table.
   *
   * @param basis what the run routes on, for the record: {@code alert} or {@code classification}
   */
  static Optional<RouteMatch> route(Run run, Step step, String basis) {
    Optional<Routing> table = run.playbook.routing();
    if (table.isEmpty()) {
      return Optional.empty();
    }
    List<Condition> conditions = new ArrayList<>();
    table.get().rules().forEach(r -> conditions.add(r.when()));
    Facts facts;
    try {
      facts = run.factsFor(step.key(), conditions);
    } catch (BudgetExhaustedException e) {
      // Routing goes on with what it has; the budget's end is recorded and ends the run later.
      run.note(step.key(), "routing read no facts: " + e.getMessage());
      facts = run.allFacts();
    }
    RouteMatch m = table.get().route(facts);
    List<String> reasons = reasons(m);
    synchronized (run) {
      run.route = new RunState.RouteRecord(m.path(), m.runbook(), m.fallback(), basis, reasons);
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("basis", basis);
    data.put("decided", m.decided());
    ArrayNode path = data.putArray("route");
    m.path().forEach(path::add);
    ArrayNode runbook = data.putArray("runbook");
    m.runbook().forEach(runbook::add);
    data.put("default", m.fallback());
    if (!m.decided()) {
      ArrayNode undecided = data.putArray("undecided");
      for (RouteMatch.Undecided u : m.undecided()) {
        ObjectNode o = undecided.addObject();
        ArrayNode p = o.putArray("route");
        u.path().forEach(p::add);
        o.put("condition", u.when().source());
        ArrayNode missing = o.putArray("missing_facts");
        u.missingFacts().forEach(missing::add);
        o.put("reason", u.reason());
      }
    }
    run.record(AuditEventType.ROUTING, step.key(), data);
    run.note(step.key(), "routing table (" + basis + "): " + describe(m));
    return Optional.of(m);
  }

  /**
   * The match in words: {@code Severity = P0 (Critical) > Type = Performance gives runbook
   * [rollback_deployment]}, the default route's, or why no route could be decided.
   */
  static String describe(RouteMatch m) {
    if (!m.decided()) {
      return why(m);
    }
    return (m.fallback() ? "no route matched, the default route" : String.join(" > ", m.path()))
        + " gives runbook "
        + m.runbook();
  }

  /**
   * Why an undecided match has no runbook: {@code the routing table could not decide: Severity = P0
   * (Critical) > Type = Performance > API Latency > 5s: fact 'api_latency' is missing}.
   */
  static String why(RouteMatch m) {
    return "the routing table could not decide ("
        + String.join("; ", reasons(m))
        + "), so no routed action is taken";
  }

  private static List<String> reasons(RouteMatch m) {
    List<String> out = new ArrayList<>();
    for (RouteMatch.Undecided u : m.undecided()) {
      out.add(String.join(" > ", u.path()) + ": " + u.reason());
    }
    return out;
  }
}
