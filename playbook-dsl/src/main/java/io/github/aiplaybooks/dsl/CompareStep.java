package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.CompareSpec;
import java.util.List;

/** A {@code compare_versions} step: see {@link CompareSpec}. */
public final class CompareStep extends StepDefinition<CompareStep> {
  private final CompareSpec.Builder b = CompareSpec.builder();

  CompareStep(String action) {
    super(action);
  }

  /** The version running now, such as {@code v2.1.0}. */
  public CompareStep current(String version) {
    b.current(version);
    return this;
  }

  /** The version to compare with, such as {@code v2.0.5}. */
  public CompareStep previous(String version) {
    b.previous(version);
    return this;
  }

  /** Metrics to compare; later steps read {@code METRIC_increase}. */
  public CompareStep metrics(String... metrics) {
    b.metrics(List.of(metrics));
    return this;
  }

  /** What the model is asked to do. */
  public CompareStep reasoning(String reasoning) {
    b.reasoning(reasoning);
    return this;
  }

  /** The name later steps read the result by. */
  public CompareStep output(String name) {
    b.output(name);
    return this;
  }

  @Override
  public CompareSpec spec() {
    return b.build();
  }
}
