package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.List;
import java.util.Objects;

/**
 * One row of a {@link Routing} table: a leaf of the tree with the conditions on its path joined by
 * {@code AND}.
 *
 * @param path the labels from the top of the tree to the leaf
 * @param when the {@code AND} of the conditions on the path
 * @param runbook the actions the leaf runs
 */
public record RoutingRule(List<String> path, Condition when, List<String> runbook) {

  /** Checks and copies the components. */
  public RoutingRule {
    path = List.copyOf(Objects.requireNonNull(path, "path"));
    Objects.requireNonNull(when, "when");
    runbook = List.copyOf(Objects.requireNonNull(runbook, "runbook"));
  }
}
