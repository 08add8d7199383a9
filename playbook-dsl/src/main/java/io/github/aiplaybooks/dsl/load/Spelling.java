package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.condition.Suggestions;
import java.util.Collection;

/**
 * "Did you mean" hints for keys and names: the condition language's own rule ({@link Suggestions}),
 * so hints agree with those for facts.
 */
final class Spelling {
  private Spelling() {}

  /** {@code " (did you mean 'x'?)"}, or {@code ""} when nothing is close. */
  static String didYouMean(String name, Collection<String> candidates) {
    return Suggestions.didYouMean(name, candidates);
  }
}
