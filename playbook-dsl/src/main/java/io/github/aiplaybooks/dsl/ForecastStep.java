package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.core.playbook.ForecastSpec;

/** A {@code forecast_demand} step: see {@link ForecastSpec}. */
public final class ForecastStep extends StepDefinition<ForecastStep> {
  private final ForecastSpec.Builder b = ForecastSpec.builder();

  ForecastStep(String action) {
    super(action);
  }

  /** The window to forecast, such as {@code next(Duration.ofHours(4))}. */
  public ForecastStep horizon(TimeWindow window) {
    b.horizon(window);
    return this;
  }

  /** The confidence the forecast must reach: above 0, at most 1. */
  public ForecastStep confidence(double confidence) {
    b.confidence(confidence);
    return this;
  }

  /** What the model is asked to do. */
  public ForecastStep reasoning(String reasoning) {
    b.reasoning(reasoning);
    return this;
  }

  /** The name later steps read the result by. */
  public ForecastStep output(String name) {
    b.output(name);
    return this;
  }

  @Override
  public ForecastSpec spec() {
    return b.build();
  }
}
