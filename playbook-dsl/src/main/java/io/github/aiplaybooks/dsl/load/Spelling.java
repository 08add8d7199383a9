package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.condition.FactSchema;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * "Did you mean" hints for keys and names. Uses the condition language's own rule ({@link
 * FactSchema#closestName}), so hints agree with those for facts.
 */
final class Spelling {
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Spelling() {}

  /** {@code " (did you mean 'x'?)"}, or {@code ""} when nothing is close. */
  static String didYouMean(String name, Collection<String> candidates) {
    FactSchema.Builder b = FactSchema.builder();
    for (String c : candidates) {
      if (WORD.matcher(c).matches() && !isKeyword(c)) {
        b.fact(c);
      }
    }
    return b.build().closestName(name).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  private static boolean isKeyword(String s) {
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "and":
      case "or":
      case "not":
      case "in":
      case "true":
      case "false":
        return true;
      default:
        return false;
    }
  }
}
