package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.ReasonSpec;
import java.util.List;

/**
 * A step where the model reasons ({@code analyze_alert}, {@code determine_remediation}, {@code
 * detect_patterns}, {@code root_cause_analysis}): see {@link ReasonSpec}.
 */
public final class ReasonStep extends StepDefinition<ReasonStep> {
  private final ReasonSpec.Builder b = ReasonSpec.builder();

  ReasonStep(String action) {
    super(action);
  }

  /** What the model is asked to do. */
  public ReasonStep reasoning(String reasoning) {
    b.reasoning(reasoning);
    return this;
  }

  /** Fields the model extracts; later steps may read them. */
  public ReasonStep extract(String... fields) {
    b.extract(List.of(fields));
    return this;
  }

  /** The name later steps read the result by. */
  public ReasonStep output(String name) {
    b.output(name);
    return this;
  }

  /** Kinds of evidence to gather first, such as {@code logs}. */
  public ReasonStep gather(String... kinds) {
    b.gather(List.of(kinds));
    return this;
  }

  @Override
  public ReasonSpec spec() {
    return b.build();
  }
}
