package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Routing;
import java.util.List;

/**
 * A routing tree being written: {@code routing(branch(...), leaf(...)).otherwise("escalate")}.
 * Without {@link #otherwise}, no match escalates. Immutable.
 */
public final class RoutingDefinition {
  private final Routing routing;

  RoutingDefinition(Routing routing) {
    this.routing = routing;
  }

  /** The runbook when no route matches. */
  public RoutingDefinition otherwise(String... runbook) {
    return new RoutingDefinition(new Routing(routing.routes(), List.of(runbook)));
  }

  /** The routing. */
  public Routing routing() {
    return routing;
  }

  static RoutingDefinition of(Route... routes) {
    return new RoutingDefinition(Routing.of(List.of(routes)));
  }
}
