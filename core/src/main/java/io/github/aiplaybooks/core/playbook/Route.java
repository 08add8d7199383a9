package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One node of a {@link Routing} tree: a condition and either further routes (a branch) or a runbook
 * (a leaf). The seed's "Severity = P0 (Critical)" is a branch whose condition is {@code severity ==
 * P0}; its leaf "GuardDuty Finding → Isolate + Notify" has the runbook {@code [isolate_pod,
 * notify]}.
 *
 * <pre>{@code
 * Route leaf = Route.leaf("GuardDuty Finding", Condition.compile("source == guardduty"),
 *     List.of("isolate_pod", "notify"));
 * Route branch = Route.branch("Type = Security", Condition.compile("type == security"),
 *     List.of(leaf));
 * }</pre>
 *
 * @param label how to show the route, such as {@code GuardDuty Finding}; may be empty
 * @param when the condition to take this route
 * @param routes the routes below a branch, tried in order; empty for a leaf
 * @param runbook the actions a leaf runs, in order; empty for a branch
 * @param extensions the route's {@code x-} keys (users' own data), kept as written
 */
public record Route(
    String label,
    Condition when,
    List<Route> routes,
    List<String> runbook,
    Map<String, JsonNode> extensions) {

  /** Checks and copies the components; a playbook checks that exactly one list is empty. */
  public Route {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(when, "when");
    routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    runbook = List.copyOf(Objects.requireNonNull(runbook, "runbook"));
    extensions = Step.copy(Objects.requireNonNull(extensions, "extensions"));
  }

  /** A route without extensions. */
  public Route(String label, Condition when, List<Route> routes, List<String> runbook) {
    this(label, when, routes, runbook, Map.of());
  }

  /** The {@code x-} keys, each value a copy. */
  @Override
  public Map<String, JsonNode> extensions() {
    return Step.copy(extensions);
  }

  /** A branch: a condition and the routes below it. */
  public static Route branch(String label, Condition when, List<Route> routes) {
    return new Route(label, when, routes, List.of());
  }

  /** A leaf: a condition and the runbook to run. */
  public static Route leaf(String label, Condition when, List<String> runbook) {
    return new Route(label, when, List.of(), runbook);
  }

  /** Whether this route runs a runbook rather than holding further routes. */
  public boolean isLeaf() {
    return routes.isEmpty();
  }
}
