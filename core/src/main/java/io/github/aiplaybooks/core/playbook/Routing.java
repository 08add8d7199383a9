package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A decision tree that picks a runbook from facts, deterministically, so that a run can go on when
 * the model is unavailable: the seed's Playbook 1 tree (severity → type → condition → runbook) is
 * one. Routes are tried depth first, in order; the first leaf whose conditions on its path all hold
 * wins. A condition that cannot be decided (a missing fact: {@link Truth#UNKNOWN}; a fact of the
 * wrong type) does not hold, so routing falls through, in the end to the {@link #fallback()} route,
 * which by default escalates to a human (fail closed).
 *
 * <p>In JSON, under the playbook's optional {@code routing} key:
 *
 * <pre>{@code
 * "routing": {
 *   "routes": [
 *     {"label": "Severity = P0 (Critical)", "when": "severity == P0", "routes": [
 *       {"label": "Type = Security", "when": "type == security", "routes": [
 *         {"label": "GuardDuty Finding", "when": "source == guardduty",
 *          "runbook": ["isolate_pod", "notify"]}]}]}],
 *   "default": ["escalate"]
 * }
 * }</pre>
 *
 * <p>Runbooks name actions known to {@link KnownActions}; conditions may read the standard facts,
 * the trigger's context, inputs and every step's outputs.
 *
 * @param routes the top routes, tried in order; at least one
 * @param fallback the runbook when no route matches ({@code default}); at least one action
 */
public record Routing(List<Route> routes, List<String> fallback) {

  /** The runbook when no route matches, unless another is given: escalate to a human. */
  public static final List<String> DEFAULT_FALLBACK = List.of("escalate");

  /** Checks and copies the components; a playbook checks the rest when it is built. */
  public Routing {
    routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    fallback = List.copyOf(Objects.requireNonNull(fallback, "fallback"));
  }

  /** Routes with the default fallback ({@link #DEFAULT_FALLBACK}). */
  public static Routing of(List<Route> routes) {
    return new Routing(routes, DEFAULT_FALLBACK);
  }

  /**
   * The runbook for {@code facts}: the first leaf, depth first, whose path conditions all hold;
   * else the fallback.
   */
  public RouteMatch route(Facts facts) {
    Objects.requireNonNull(facts, "facts");
    List<String> path = new ArrayList<>();
    RouteMatch m = first(routes, facts, path);
    return m != null ? m : new RouteMatch(List.of(), fallback, true);
  }

  private static RouteMatch first(List<Route> routes, Facts facts, List<String> path) {
    for (Route r : routes) {
      if (!holds(r.when(), facts)) {
        continue;
      }
      path.add(r.label());
      if (r.isLeaf()) {
        return new RouteMatch(path, r.runbook(), false);
      }
      RouteMatch below = first(r.routes(), facts, path);
      if (below != null) {
        return below;
      }
      path.remove(path.size() - 1);
    }
    return null;
  }

  private static boolean holds(Condition c, Facts facts) {
    try {
      return c.evaluate(facts) == Truth.TRUE;
    } catch (ConditionTypeException e) {
      // A fact of the wrong type cannot decide a route: fall through, towards escalation.
      return false;
    }
  }

  /** The tree as a table: one rule per leaf, in the order routing tries them. */
  public List<RoutingRule> rules() {
    List<RoutingRule> rules = new ArrayList<>();
    collect(routes, new ArrayList<>(), new ArrayList<>(), rules);
    return rules;
  }

  private static void collect(
      List<Route> routes, List<String> labels, List<Condition> conditions, List<RoutingRule> out) {
    for (Route r : routes) {
      labels.add(r.label());
      conditions.add(r.when());
      if (r.isLeaf()) {
        out.add(new RoutingRule(labels, Condition.allOf(conditions), r.runbook()));
      } else {
        collect(r.routes(), labels, conditions, out);
      }
      labels.remove(labels.size() - 1);
      conditions.remove(conditions.size() - 1);
    }
  }
}
