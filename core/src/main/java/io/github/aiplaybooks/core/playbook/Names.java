package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Identifiers;
import io.github.aiplaybooks.core.condition.Suggestions;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Rules for the names a playbook uses, and "did you mean" hints. */
final class Names {
  private static final Pattern STEP_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern PLAYBOOK_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private Names() {}

  /**
   * A name conditions and templates can read: an {@linkplain Identifiers identifier} of the
   * condition language, of at most 128 characters.
   */
  static boolean isIdentifier(String s) {
    return s != null && s.length() <= 128 && Identifiers.isIdentifier(s);
  }

  /**
   * A name a step may read: an identifier, or a step's output qualified by the step's name ({@code
   * classify.blast_radius}).
   */
  static boolean isQualified(String s) {
    if (s == null || s.length() > 200) {
      return false;
    }
    int dot = s.indexOf('.');
    return dot < 0
        ? isIdentifier(s)
        : isStepName(s.substring(0, dot)) && isIdentifier(s.substring(dot + 1));
  }

  /** A step's name after its number: lower case, digits and {@code _}, starting with a letter. */
  static boolean isStepName(String s) {
    return s != null && s.length() <= 64 && STEP_NAME.matcher(s).matches();
  }

  /** A playbook's name: lower case letters, digits, {@code - _ .}. */
  static boolean isPlaybookName(String s) {
    return s != null && s.length() <= 128 && PLAYBOOK_NAME.matcher(s).matches();
  }

  /**
   * The candidate closest to {@code name}, if one is close enough to be a typo: the spelling rule
   * of {@link Suggestions}, so hints agree everywhere.
   */
  static Optional<String> closest(String name, Collection<String> candidates) {
    return Suggestions.closest(name, candidates);
  }

  /** " (did you mean 'x'?)" or "". */
  static String didYouMean(String name, Collection<String> candidates) {
    return closest(name, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /** The candidates, sorted and joined with ", ". */
  static String list(Collection<String> candidates) {
    return String.join(", ", new TreeSet<>(candidates));
  }
}
