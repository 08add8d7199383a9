package io.github.aiplaybooks.core.playbook;

import java.util.Optional;

/**
 * A step the model works on: it reasons over the evidence gathered so far and proposes a result,
 * which trusted code then checks. Every such step may say how to reason and name its result.
 */
public sealed interface LlmSpec extends StepSpec
    permits ReasonSpec, ForecastSpec, PlanSpec, AssessSpec, CompareSpec {

  /** What the model is asked to do, in words ({@code reasoning}). */
  Optional<String> reasoning();

  /** The name later steps read the result by ({@code output}). */
  Optional<String> output();
}
