package io.github.aiplaybooks.core.playbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The model reasons over the evidence ({@code analyze_alert}, {@code determine_remediation}, {@code
 * detect_patterns}, {@code root_cause_analysis}): it may {@code extract} named fields, name its
 * result ({@code output}) and ask for more evidence kinds ({@code gather}). Extracted fields and
 * the output are available to later steps; a value the model claims is evidence, never a fact a
 * policy decides on.
 *
 * <pre>{@code
 * "2_classify": {"action": "analyze_alert",
 *   "extract": ["severity", "type", "affected_resources", "blast_radius"],
 *   "reasoning": "Use Claude to classify incident and determine impact"}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class ReasonSpec implements LlmSpec {
  private final String reasoning;
  private final List<String> extract;
  private final String output;
  private final List<String> gather;

  private ReasonSpec(Builder b) {
    this.reasoning = b.reasoning;
    this.extract = List.copyOf(b.extract);
    this.output = b.output;
    this.gather = List.copyOf(b.gather);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    return new Builder().reasoning(reasoning).extract(extract).output(output).gather(gather);
  }

  @Override
  public Optional<String> reasoning() {
    return Optional.ofNullable(reasoning);
  }

  /** The fields the model extracts, such as {@code severity} or {@code blast_radius}. */
  public List<String> extract() {
    return extract;
  }

  @Override
  public Optional<String> output() {
    return Optional.ofNullable(output);
  }

  /**
   * The kinds of evidence to gather first ({@code gather}), such as {@code logs}, {@code traces}.
   */
  public List<String> gather() {
    return gather;
  }

  @Override
  public Set<String> outputs() {
    Set<String> names = new LinkedHashSet<>(extract);
    if (output != null) {
      names.add(output);
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReasonSpec)) {
      return false;
    }
    ReasonSpec s = (ReasonSpec) o;
    return Objects.equals(reasoning, s.reasoning)
        && extract.equals(s.extract)
        && Objects.equals(output, s.output)
        && gather.equals(s.gather);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reasoning, extract, output, gather);
  }

  @Override
  public String toString() {
    return "ReasonSpec{reasoning="
        + reasoning
        + ", extract="
        + extract
        + ", output="
        + output
        + ", gather="
        + gather
        + "}";
  }

  /** Builds a {@link ReasonSpec}. Not thread-safe. */
  public static final class Builder {
    private String reasoning;
    private List<String> extract = new ArrayList<>();
    private String output;
    private List<String> gather = new ArrayList<>();

    private Builder() {}

    /** What the model is asked to do; {@code null} for nothing said. */
    public Builder reasoning(String reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /** The fields to extract. */
    public Builder extract(List<String> fields) {
      this.extract = Checks.copy(fields, "extract");
      return this;
    }

    /** The name of the result; {@code null} for none. */
    public Builder output(String output) {
      this.output = output;
      return this;
    }

    /** The kinds of evidence to gather. */
    public Builder gather(List<String> kinds) {
      this.gather = Checks.copy(kinds, "gather");
      return this;
    }

    /** The spec. A playbook checks the parameters when it is built. */
    public ReasonSpec build() {
      return new ReasonSpec(this);
    }
  }
}
