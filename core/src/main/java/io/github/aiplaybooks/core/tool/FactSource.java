package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;

/**
 * Reads facts fresh from the system, for health checks ({@code pod_ready_rate > 80%}), verification
 * ({@code alert_cleared}, {@code metrics_normalized}, {@code no_new_errors}, {@code error_rate <
 * 1%}) and conditions that read the system. These facts are trusted: trusted code computes them
 * from metrics, the cluster and the alerting system, never from what a model said.
 *
 * <p>Contract: return the facts it can read among {@link FactQuery#names()}, fresh on every call
 * (the engine polls verification until the checks hold); leave out what it cannot read (a condition
 * that reads a missing fact is unknown, which fails closed). Thread-safe. {@link ToolFactSource}
 * reads facts with MCP tools; the testkit's simulated cluster is another.
 *
 * <pre>{@code
 * FactSource metrics = query -> Facts.builder()
 *     .put("error_rate", cloudWatch.errorRate(query.target()))
 *     .put("alert_cleared", !alertManager.firing(query.contextText("alert_name").orElse("")))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface FactSource {

  /** Reads the facts it can among those asked for, fresh. */
  Facts read(FactQuery query);

  /** A source that knows no facts. */
  static FactSource none() {
    return query -> Facts.empty();
  }

  /** The facts of {@code first}, then of {@code second} for the names {@code first} left out. */
  default FactSource orElse(FactSource second) {
    return query -> {
      Facts a = read(query);
      java.util.Set<String> rest = new java.util.LinkedHashSet<>(query.names());
      rest.removeAll(a.names());
      if (rest.isEmpty()) {
        return a;
      }
      Facts b =
          second.read(
              new FactQuery(rest, query.target(), query.context(), query.since(), query.tools()));
      return a.withDefaults(b);
    };
  }
}
