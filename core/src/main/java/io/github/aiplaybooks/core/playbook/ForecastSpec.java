package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.TimeWindow;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The model forecasts demand over a future window ({@code forecast_demand}) and must reach a
 * confidence level. Later steps read {@code predicted_load} and {@code predicted_load_increase}.
 *
 * <pre>{@code
 * "3_predict": {"action": "forecast_demand", "horizon": "next_4_hours", "confidence": 0.85}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class ForecastSpec implements LlmSpec {
  private final TimeWindow horizon;
  private final Double confidence;
  private final String reasoning;
  private final String output;

  private ForecastSpec(Builder b) {
    this.horizon = b.horizon;
    this.confidence = b.confidence;
    this.reasoning = b.reasoning;
    this.output = b.output;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    Builder b = new Builder().horizon(horizon).reasoning(reasoning).output(output);
    b.confidence = confidence;
    return b;
  }

  /** The window to forecast ({@code horizon}), such as the next 4 hours; it lies in the future. */
  public Optional<TimeWindow> horizon() {
    return Optional.ofNullable(horizon);
  }

  /** The confidence level the forecast must reach, above 0 and at most 1 ({@code confidence}). */
  public OptionalDouble confidence() {
    return confidence == null ? OptionalDouble.empty() : OptionalDouble.of(confidence);
  }

  @Override
  public Optional<String> reasoning() {
    return Optional.ofNullable(reasoning);
  }

  @Override
  public Optional<String> output() {
    return Optional.ofNullable(output);
  }

  /** {@code predicted_load}, {@code predicted_load_increase} and the {@code output} name. */
  @Override
  public Set<String> outputs() {
    Set<String> names = new LinkedHashSet<>(List.of("predicted_load", "predicted_load_increase"));
    if (output != null) {
      names.add(output);
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ForecastSpec)) {
      return false;
    }
    ForecastSpec s = (ForecastSpec) o;
    return Objects.equals(horizon, s.horizon)
        && Objects.equals(confidence, s.confidence)
        && Objects.equals(reasoning, s.reasoning)
        && Objects.equals(output, s.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(horizon, confidence, reasoning, output);
  }

  @Override
  public String toString() {
    return "ForecastSpec{horizon="
        + horizon
        + ", confidence="
        + confidence
        + ", reasoning="
        + reasoning
        + ", output="
        + output
        + "}";
  }

  /** Builds a {@link ForecastSpec}. Not thread-safe. */
  public static final class Builder {
    private TimeWindow horizon;
    private Double confidence;
    private String reasoning;
    private String output;

    private Builder() {}

    /** The window to forecast; {@code null} for none. */
    public Builder horizon(TimeWindow horizon) {
      this.horizon = horizon;
      return this;
    }

    /** The confidence level to reach. A playbook checks that it is above 0 and at most 1. */
    public Builder confidence(double confidence) {
      // -0.0 and 0.0 are one value here; Double.equals would tell them apart.
      this.confidence = confidence == 0.0 ? 0.0 : confidence;
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
    public ForecastSpec build() {
      return new ForecastSpec(this);
    }
  }
}
