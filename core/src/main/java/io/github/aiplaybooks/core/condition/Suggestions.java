package io.github.aiplaybooks.core.condition;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds the name someone most likely meant, for "did you mean" hints: the one spelling rule every
 * message of AI Playbooks uses, for facts, actions, keys and values alike. Candidates may be any
 * strings ({@code get-metric-data}, {@code business_hours}, {@code P0}).
 *
 * <p>A candidate is close enough when it equals the name but for case, or its edit distance (with
 * transpositions) is at most 1 for names of up to 5 characters, 2 up to 9 and 3 beyond. The closest
 * wins; ties go to the earlier candidate; a candidate equal to the name is never suggested.
 *
 * <pre>{@code
 * Suggestions.closest("restrat_pod", catalogNames);             // Optional[restart_pod]
 * Suggestions.didYouMean("get-metric-dat", List.of("get-metric-data")); // " (did you mean 'get-metric-data'?)"
 * }</pre>
 */
public final class Suggestions {
  private Suggestions() {}

  /** The candidate closest to {@code name}, if one is close enough to be a likely typo. */
  public static Optional<String> closest(String name, Iterable<String> candidates) {
    return Optional.ofNullable(closestOrNull(name, candidates));
  }

  /**
   * {@code " (did you mean 'x'?)"} for the closest candidate, or {@code ""} when none is close: to
   * append to a message.
   */
  public static String didYouMean(String name, Iterable<String> candidates) {
    String c = closestOrNull(name, candidates);
    return c == null ? "" : " (did you mean '" + c + "'?)";
  }

  /** As {@link #closest}, or {@code null}. */
  static String closestOrNull(String name, Iterable<String> candidates) {
    return closestOrNull(name, candidates, 3);
  }

  /** As {@link #closest} but never farther than {@code maxDistance} edits, or {@code null}. */
  static String closestOrNull(String name, Iterable<String> candidates, int maxDistance) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(candidates, "candidates");
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.min(maxDistance, Math.max(1, Math.min(3, (name.length() + 2) / 4)));
    for (String c : candidates) {
      if (c == null || c.equals(name)) {
        continue;
      }
      int d = c.equalsIgnoreCase(name) ? 0 : distance(name, c, limit);
      if (d <= limit && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal-string-alignment distance, or {@code limit + 1} once it must exceed {@code limit}. */
  static int distance(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > limit) {
      return limit + 1;
    }
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
