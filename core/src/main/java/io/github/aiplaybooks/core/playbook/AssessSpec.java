package io.github.aiplaybooks.core.playbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The model assesses findings ({@code identify_risks}, {@code risk_ranking}, {@code find_waste}):
 * sorts them into {@code categories}, ranks them by {@code criteria}, or looks for {@code
 * patterns}. Each pattern's name is available to later steps.
 *
 * <pre>{@code
 * "2_analyze": {"action": "identify_risks", "categories": ["exposed_services", "outdated_images"]}
 * "3_prioritize": {"action": "risk_ranking", "criteria": ["severity", "exploitability"]}
 * "2_identify": {"action": "find_waste", "patterns": ["idle_pods (cpu < 5% for 7 days)"]}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class AssessSpec implements LlmSpec {
  private final List<String> categories;
  private final List<String> criteria;
  private final List<DetectionPattern> patterns;
  private final String reasoning;
  private final String output;

  private AssessSpec(Builder b) {
    this.categories = List.copyOf(b.categories);
    this.criteria = List.copyOf(b.criteria);
    this.patterns = List.copyOf(b.patterns);
    this.reasoning = b.reasoning;
    this.output = b.output;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    return new Builder()
        .categories(categories)
        .criteria(criteria)
        .patterns(patterns)
        .reasoning(reasoning)
        .output(output);
  }

  /** The categories to sort findings into. */
  public List<String> categories() {
    return categories;
  }

  /** The criteria to rank findings by. */
  public List<String> criteria() {
    return criteria;
  }

  /** The patterns to look for. */
  public List<DetectionPattern> patterns() {
    return patterns;
  }

  @Override
  public Optional<String> reasoning() {
    return Optional.ofNullable(reasoning);
  }

  @Override
  public Optional<String> output() {
    return Optional.ofNullable(output);
  }

  /** The names of the patterns, and the {@code output} name. */
  @Override
  public Set<String> outputs() {
    Set<String> names = new LinkedHashSet<>();
    for (DetectionPattern p : patterns) {
      if (Names.isIdentifier(p.name())) {
        names.add(p.name());
      }
    }
    if (output != null) {
      names.add(output);
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AssessSpec)) {
      return false;
    }
    AssessSpec s = (AssessSpec) o;
    return categories.equals(s.categories)
        && criteria.equals(s.criteria)
        && patterns.equals(s.patterns)
        && Objects.equals(reasoning, s.reasoning)
        && Objects.equals(output, s.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(categories, criteria, patterns, reasoning, output);
  }

  @Override
  public String toString() {
    return "AssessSpec{categories="
        + categories
        + ", criteria="
        + criteria
        + ", patterns="
        + patterns
        + ", reasoning="
        + reasoning
        + ", output="
        + output
        + "}";
  }

  /** Builds an {@link AssessSpec}. Not thread-safe. */
  public static final class Builder {
    private List<String> categories = new ArrayList<>();
    private List<String> criteria = new ArrayList<>();
    private List<DetectionPattern> patterns = new ArrayList<>();
    private String reasoning;
    private String output;

    private Builder() {}

    /** The categories to sort findings into. */
    public Builder categories(List<String> categories) {
      this.categories = Checks.copy(categories, "categories");
      return this;
    }

    /** The criteria to rank findings by. */
    public Builder criteria(List<String> criteria) {
      this.criteria = Checks.copy(criteria, "criteria");
      return this;
    }

    /** The patterns to look for. */
    public Builder patterns(List<DetectionPattern> patterns) {
      this.patterns = Checks.copy(patterns, "patterns");
      return this;
    }

    /** What the model is asked to do; {@code null} for nothing said. */
    public Builder reasoning(String reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /** The name of the result; {@code null} for none. */
    public Builder output(String output) {
      this.output = output;
      return this;
    }

    /** The spec. A playbook checks the parameters when it is built. */
    public AssessSpec build() {
      return new AssessSpec(this);
    }
  }
}
