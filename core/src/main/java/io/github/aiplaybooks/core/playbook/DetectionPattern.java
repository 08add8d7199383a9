package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.DurationLiteral;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A pattern the model looks for ({@code find_waste}), written as the seed writes it: a name, then
 * optionally a criterion in parentheses, such as {@code idle_pods (cpu < 5% for 7 days)}.
 *
 * <p>Where the criterion reads as a condition, optionally followed by {@code for DURATION}, both
 * are kept typed: {@code idle_pods (cpu < 5% for 7 days)} has the condition {@code cpu < 5%} and
 * lasts 7 days; {@code oversized_pods (requested >> used)} only has its text. The criterion guides
 * the model; it is not evaluated against facts, so its names are not checked.
 *
 * <pre>{@code
 * DetectionPattern p = DetectionPattern.parse("idle_pods (cpu < 5% for 7 days)");
 * p.name();          // "idle_pods"
 * p.criterion();     // Optional[cpu < 5% for 7 days]
 * p.condition();     // Optional[cpu < 5%]
 * p.sustainedFor();  // Optional[PT168H]
 * }</pre>
 *
 * <p>Immutable; two patterns are equal when their texts are.
 */
public final class DetectionPattern {
  private final String text;
  private final String name;
  private final String criterion;
  private final Condition condition;
  private final Duration sustainedFor;

  private DetectionPattern(
      String text, String name, String criterion, Condition condition, Duration sustainedFor) {
    this.text = text;
    this.name = name;
    this.criterion = criterion;
    this.condition = condition;
    this.sustainedFor = sustainedFor;
  }

  /**
   * Reads a pattern. Never fails: a playbook checks, when it is built, that the name is an
   * identifier and that parentheses are balanced.
   */
  public static DetectionPattern parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    int open = t.indexOf('(');
    String name = (open < 0 ? t : t.substring(0, open)).strip();
    String criterion = null;
    if (open >= 0 && t.endsWith(")")) {
      criterion = t.substring(open + 1, t.length() - 1).strip();
    } else if (open >= 0) {
      criterion = t.substring(open + 1).strip();
    }
    Condition condition = null;
    Duration sustained = null;
    if (criterion != null && !criterion.isEmpty()) {
      String conditionText = criterion;
      int forAt = criterion.toLowerCase(java.util.Locale.ROOT).lastIndexOf(" for ");
      if (forAt > 0) {
        sustained = durationOrNull(criterion.substring(forAt + 5));
        if (sustained != null) {
          conditionText = criterion.substring(0, forAt);
        }
      }
      condition = conditionOrNull(conditionText);
    }
    return new DetectionPattern(text, name, criterion, condition, sustained);
  }

  private static Duration durationOrNull(String text) {
    try {
      return DurationLiteral.parse(text);
    } catch (ConditionException e) {
      return null;
    }
  }

  private static Condition conditionOrNull(String text) {
    try {
      return Condition.compile(text);
    } catch (ConditionException e) {
      return null;
    }
  }

  /** The pattern as written. */
  public String text() {
    return text;
  }

  /** The name before the parentheses, such as {@code idle_pods}. */
  public String name() {
    return name;
  }

  /** The text in the parentheses, if any. */
  public Optional<String> criterion() {
    return Optional.ofNullable(criterion);
  }

  /** The criterion as a condition, where it reads as one. */
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  /** How long the condition must last ({@code for 7 days}), where written. */
  public Optional<Duration> sustainedFor() {
    return Optional.ofNullable(sustainedFor);
  }

  /** Whether the text is well formed: an identifier name and balanced parentheses. */
  boolean wellFormed() {
    String t = text.strip();
    int open = t.indexOf('(');
    return Names.isIdentifier(name)
        && (open < 0
            || (t.endsWith(")") && t.indexOf(')') == t.length() - 1 && open == t.lastIndexOf('(')));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetectionPattern && text.equals(((DetectionPattern) o).text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return text;
  }
}
