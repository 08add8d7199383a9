package io.github.aiplaybooks.core.playbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two versions of a deployment on some metrics ({@code compare_versions}). For each metric
 * {@code m} later steps read {@code m_increase}: how much worse the current version is, as a ratio
 * ({@code error_rate_increase > 200%}).
 *
 * <pre>{@code
 * "2_analyze": {"action": "compare_versions", "current": "v2.1.0", "previous": "v2.0.5",
 *   "metrics": ["error_rate", "latency", "cpu", "memory"]}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class CompareSpec implements LlmSpec {
  private final String current;
  private final String previous;
  private final List<String> metrics;
  private final String reasoning;
  private final String output;

  private CompareSpec(Builder b) {
    this.current = b.current;
    this.previous = b.previous;
    this.metrics = List.copyOf(b.metrics);
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
        .current(current)
        .previous(previous)
        .metrics(metrics)
        .reasoning(reasoning)
        .output(output);
  }

  /** The version running now, such as {@code v2.1.0}. */
  public Optional<String> current() {
    return Optional.ofNullable(current);
  }

  /** The version to compare with, such as {@code v2.0.5}. */
  public Optional<String> previous() {
    return Optional.ofNullable(previous);
  }

  /** The metrics to compare. */
  public List<String> metrics() {
    return metrics;
  }

  @Override
  public Optional<String> reasoning() {
    return Optional.ofNullable(reasoning);
  }

  @Override
  public Optional<String> output() {
    return Optional.ofNullable(output);
  }

  /** {@code m_increase} for each metric {@code m}, and the {@code output} name. */
  @Override
  public Set<String> outputs() {
    Set<String> names = new LinkedHashSet<>();
    for (String m : metrics) {
      if (Names.isIdentifier(m)) {
        names.add(m + "_increase");
      }
    }
    if (output != null) {
      names.add(output);
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CompareSpec)) {
      return false;
    }
    CompareSpec s = (CompareSpec) o;
    return Objects.equals(current, s.current)
        && Objects.equals(previous, s.previous)
        && metrics.equals(s.metrics)
        && Objects.equals(reasoning, s.reasoning)
        && Objects.equals(output, s.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(current, previous, metrics, reasoning, output);
  }

  @Override
  public String toString() {
    return "CompareSpec{current="
        + current
        + ", previous="
        + previous
        + ", metrics="
        + metrics
        + ", reasoning="
        + reasoning
        + ", output="
        + output
        + "}";
  }

  /** Builds a {@link CompareSpec}. Not thread-safe. */
  public static final class Builder {
    private String current;
    private String previous;
    private List<String> metrics = new ArrayList<>();
    private String reasoning;
    private String output;

    private Builder() {}

    /** The version running now; {@code null} for unspecified. */
    public Builder current(String version) {
      this.current = version;
      return this;
    }

    /** The version to compare with; {@code null} for unspecified. */
    public Builder previous(String version) {
      this.previous = version;
      return this;
    }

    /** The metrics to compare. */
    public Builder metrics(List<String> metrics) {
      this.metrics = Checks.copy(metrics, "metrics");
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
    public CompareSpec build() {
      return new CompareSpec(this);
    }
  }
}
