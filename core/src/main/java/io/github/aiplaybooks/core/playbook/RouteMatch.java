package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Objects;

/**
 * The route {@link Routing#route} chose.
 *
 * @param path the labels of the route taken; empty for the default route
 * @param runbook the actions to run
 * @param fallback whether no route matched and this is the default route
 */
public record RouteMatch(List<String> path, List<String> runbook, boolean fallback) {

  /** Checks and copies the components. */
  public RouteMatch {
    path = List.copyOf(Objects.requireNonNull(path, "path"));
    runbook = List.copyOf(Objects.requireNonNull(runbook, "runbook"));
  }
}
