package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.util.Objects;

/**
 * A policy's limit on one rate-limit category: at most {@link Rate#count()} executions of the
 * category's actions in any window of {@link Rate#window()}, counted for the whole category or
 * separately per namespace or per target.
 *
 * <p>In a policy's JSON, {@code "pod_restarts": "5 per hour"} counts the whole category; {@code
 * "pod_restarts": {"limit": "2 per hour", "per": "target"}} counts each target apart. A request
 * whose {@link Target} names a cluster is counted with that cluster's requests only. Windows are at
 * least one second long.
 *
 * @param category the category, such as {@code pod_restarts}
 * @param rate the most executions in any window
 * @param scope what is counted apart
 */
public record RateLimit(String category, Rate rate, Scope scope) {

  /** What a limit counts apart. */
  public enum Scope {
    /** One count for the whole category. */
    CATEGORY,
    /** One count per namespace of the target. */
    NAMESPACE,
    /** One count per target (cluster, namespace, kind and name), such as per deployment. */
    TARGET
  }

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if {@code category} is not an identifier, or the rate's window
   *     is shorter than one second
   */
  public RateLimit {
    Names.requireIdentifier(category, "category");
    SlidingWindowRateLimiter.requireWindow(rate, "rate");
    Objects.requireNonNull(scope, "scope");
  }

  /** A limit on the whole category. */
  public static RateLimit of(String category, Rate rate) {
    return new RateLimit(category, rate, Scope.CATEGORY);
  }

  /** {@code 5 per hour} or {@code 2 per hour per target}. */
  @Override
  public String toString() {
    return rate
        + (scope == Scope.CATEGORY
            ? ""
            : " per " + scope.name().toLowerCase(java.util.Locale.ROOT));
  }
}
