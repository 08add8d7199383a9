package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Routing#route} decided: a route's runbook, the default route's, or nothing because a
 * route could not be decided ({@link #decided()} is {@code false}; the engine escalates).
 *
 * <pre>{@code
 * RouteMatch m = routing.route(facts);
 * if (!m.decided()) {
 *   m.undecided().forEach(u -> log.warn("route {} undecidable: {}", u.path(), u.reason()));
 *   escalate();
 * } else {
 *   run(m.runbook());
 * }
 * }</pre>
 *
 * @param path the labels of the route taken; empty for the default route and when undecided
 * @param runbook the actions to run; empty when undecided
 * @param fallback whether every route was decidably false and this is the default route
 * @param undecided the routes whose conditions could not be decided, in the order routing tried
 *     them; empty when routing decided
 */
public record RouteMatch(
    List<String> path, List<String> runbook, boolean fallback, List<Undecided> undecided) {

  /** Checks and copies the components. */
  public RouteMatch {
    path = List.copyOf(Objects.requireNonNull(path, "path"));
    runbook = List.copyOf(Objects.requireNonNull(runbook, "runbook"));
    undecided = List.copyOf(Objects.requireNonNull(undecided, "undecided"));
    if (!undecided.isEmpty() && (!path.isEmpty() || !runbook.isEmpty() || fallback)) {
      throw new IllegalArgumentException(
          "undecided: an undecided match has no path, no runbook and is not the fallback");
    }
  }

  /** A decided match: a route's runbook, or the default route's when {@code fallback}. */
  public RouteMatch(List<String> path, List<String> runbook, boolean fallback) {
    this(path, runbook, fallback, List.of());
  }

  /** No runbook: these routes could not be decided, and one of them might have held. */
  static RouteMatch undecidedBy(List<Undecided> undecided) {
    return new RouteMatch(List.of(), List.of(), false, undecided);
  }

  /**
   * Whether routing decided: a route held with every route before it decidably false, or every
   * route was decidably false (the default route).
   */
  public boolean decided() {
    return undecided.isEmpty();
  }

  /**
   * A route whose condition could not be decided: a fact it reads is missing, or has the wrong
   * type.
   *
   * @param path the labels from the top of the tree to the undecidable route
   * @param when its condition
   * @param missingFacts the facts it reads that are missing; empty for a type error
   * @param reason why, in words: {@code fact 'type' is missing} or the type error
   */
  public record Undecided(
      List<String> path, Condition when, Set<String> missingFacts, String reason) {

    /** Checks and copies the components. */
    public Undecided {
      path = List.copyOf(Objects.requireNonNull(path, "path"));
      Objects.requireNonNull(when, "when");
      missingFacts =
          Collections.unmodifiableSet(
              new LinkedHashSet<>(Objects.requireNonNull(missingFacts, "missingFacts")));
      Objects.requireNonNull(reason, "reason");
    }
  }
}
