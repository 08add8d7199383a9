package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.AssessSpec;
import io.github.aiplaybooks.core.playbook.DetectionPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A step where the model assesses findings ({@code identify_risks}, {@code risk_ranking}, {@code
 * find_waste}): see {@link AssessSpec}.
 */
public final class AssessStep extends StepDefinition<AssessStep> {
  private final AssessSpec.Builder b = AssessSpec.builder();

  AssessStep(String action) {
    super(action);
  }

  /** Categories to sort findings into. */
  public AssessStep categories(String... categories) {
    b.categories(List.of(categories));
    return this;
  }

  /** Criteria to rank findings by. */
  public AssessStep criteria(String... criteria) {
    b.criteria(List.of(criteria));
    return this;
  }

  /** Patterns to look for, such as {@code idle_pods (cpu < 5% for 7 days)}. */
  public AssessStep patterns(String... patterns) {
    List<DetectionPattern> parsed = new ArrayList<>();
    for (String p : patterns) {
      parsed.add(DetectionPattern.parse(p));
    }
    b.patterns(parsed);
    return this;
  }

  /** What the model is asked to do. */
  public AssessStep reasoning(String reasoning) {
    b.reasoning(reasoning);
    return this;
  }

  /** The name later steps read the result by. */
  public AssessStep output(String name) {
    b.output(name);
    return this;
  }

  @Override
  public AssessSpec spec() {
    return b.build();
  }
}
