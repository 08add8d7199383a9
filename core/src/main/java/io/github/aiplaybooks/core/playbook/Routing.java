package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A decision tree that picks a runbook from facts, deterministically, so that a run can go on when
 * the model is unavailable: the seed's Playbook 1 tree (severity → type → condition → runbook) is
 * one. Routes are tried depth first, in order; the first leaf whose conditions on its path all hold
 * wins.
 *
 * <p>Routing fails closed without guessing. A condition that cannot be decided (a missing fact, or
 * a fact of the wrong type) is never read as false: when such a route comes before the leaf that
 * holds, or no leaf holds, {@link #route} answers {@linkplain RouteMatch#decided() undecided},
 * naming each undecidable route and the facts it misses, and the engine escalates. The {@link
 * #fallback()} route is taken only when every route is decidably false. A route below a branch that
 * is decidably false, or whose own condition is decidably false, is never undecidable.
 *
 * <p>Routing conditions read trusted values: the standard facts and the trigger's context, which
 * for an alert holds the alert's own {@code severity}, {@code type}, {@code source} and {@code
 * alert_name} (see {@link AlertTrigger}), so the seed's tree routes on the alert as received. A
 * model's claims are readable only by qualified name ({@code classify.type}, see {@link Scope}).
 *
 * <p>In JSON, under the playbook's optional {@code routing} key ({@code x-} keys allowed in it and
 * in each route):
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
 * the trigger's context, inputs and every step's outputs (see {@link Playbook#routingScope()}).
 *
 * @param routes the top routes, tried in order; at least one
 * @param fallback the runbook when every route is decidably false ({@code default}); at least one
 *     action
 * @param extensions the {@code routing} object's {@code x-} keys (users' own data), kept as written
 */
public record Routing(List<Route> routes, List<String> fallback, Map<String, JsonNode> extensions) {

  /** The runbook when no route matches, unless another is given: escalate to a human. */
  public static final List<String> DEFAULT_FALLBACK = List.of("escalate");

  /** Checks and copies the components; a playbook checks the rest when it is built. */
  public Routing {
    routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    fallback = List.copyOf(Objects.requireNonNull(fallback, "fallback"));
    extensions = Step.copy(Objects.requireNonNull(extensions, "extensions"));
  }

  /** Routing without extensions. */
  public Routing(List<Route> routes, List<String> fallback) {
    this(routes, fallback, Map.of());
  }

  /** Routes with the default fallback ({@link #DEFAULT_FALLBACK}). */
  public static Routing of(List<Route> routes) {
    return new Routing(routes, DEFAULT_FALLBACK);
  }

  /** The {@code x-} keys, each value a copy. */
  @Override
  public Map<String, JsonNode> extensions() {
    return Step.copy(extensions);
  }

  /**
   * The runbook for {@code facts}: the first leaf, depth first, whose path conditions all hold,
   * when every route before it is decidably false; the fallback when every route is decidably
   * false; else an undecided match naming the routes that could not be decided. Never throws for
   * what {@code facts} hold.
   */
  public RouteMatch route(Facts facts) {
    Objects.requireNonNull(facts, "facts");
    List<RouteMatch.Undecided> undecided = new ArrayList<>();
    RouteMatch m = first(routes, facts, new ArrayList<>(), null, undecided);
    if (m != null) {
      return m;
    }
    return undecided.isEmpty()
        ? new RouteMatch(List.of(), fallback, true)
        : RouteMatch.undecidedBy(undecided);
  }

  /**
   * The match below {@code routes}, or {@code null} to go on. {@code pending} is the topmost
   * undecidable condition on the path, or {@code null} while every condition on it holds.
   */
  private static RouteMatch first(
      List<Route> routes,
      Facts facts,
      List<String> path,
      RouteMatch.Undecided pending,
      List<RouteMatch.Undecided> undecided) {
    for (Route r : routes) {
      path.add(r.label());
      RouteMatch.Undecided here = pending;
      Truth t;
      String typeError = null;
      try {
        t = r.when().evaluate(facts);
      } catch (ConditionTypeException e) {
        t = Truth.UNKNOWN;
        typeError = e.getMessage();
      }
      if (t != Truth.FALSE) {
        if (here == null && t == Truth.UNKNOWN) {
          here = undecided(path, r.when(), facts, typeError);
        }
        if (r.isLeaf()) {
          if (here == null) {
            // A leaf holds; it wins only if nothing before it might have held.
            return undecided.isEmpty()
                ? new RouteMatch(path, r.runbook(), false)
                : RouteMatch.undecidedBy(undecided);
          }
          if (!undecided.contains(here)) {
            undecided.add(here);
          }
        } else {
          RouteMatch below = first(r.routes(), facts, path, here, undecided);
          if (below != null) {
            return below;
          }
        }
      }
      path.remove(path.size() - 1);
    }
    return null;
  }

  private static RouteMatch.Undecided undecided(
      List<String> path, Condition when, Facts facts, String typeError) {
    if (typeError != null) {
      return new RouteMatch.Undecided(path, when, Set.of(), typeError);
    }
    Set<String> missing = new LinkedHashSet<>();
    for (String name : when.factNames()) {
      if (!facts.contains(name)) {
        missing.add(name);
      }
    }
    String reason =
        missing.isEmpty()
            ? "'" + when.normalized() + "' cannot be decided"
            : (missing.size() == 1 ? "fact " : "facts ")
                + String.join(", ", missing.stream().map(n -> "'" + n + "'").toList())
                + (missing.size() == 1 ? " is" : " are")
                + " missing";
    return new RouteMatch.Undecided(path, when, missing, reason);
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
