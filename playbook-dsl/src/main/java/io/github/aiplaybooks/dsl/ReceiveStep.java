package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.ReceiveSpec;
import java.util.List;

/** A {@code receive_alert} step: see {@link ReceiveSpec}. */
public final class ReceiveStep extends StepDefinition<ReceiveStep> {
  private List<String> sources = List.of();

  ReceiveStep(String action) {
    super(action);
  }

  /** The alert sources, such as {@code cloudwatch} or {@code guardduty}. */
  public ReceiveStep sources(String... sources) {
    this.sources = List.of(sources);
    return this;
  }

  @Override
  public ReceiveSpec spec() {
    return new ReceiveSpec(sources);
  }
}
