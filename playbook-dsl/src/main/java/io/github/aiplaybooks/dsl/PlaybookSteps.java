package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.InvalidPlaybookException;
import io.github.aiplaybooks.core.playbook.Playbook;

/** A playbook with at least one step: add more steps, a routing tree, or build it. */
public interface PlaybookSteps {

  /** The next step, numbered one more than the last. */
  PlaybookSteps step(String name, StepDefinition<?> step);

  /** The routing tree; conditions may read every step's outputs, so it comes last. */
  PlaybookComplete routing(RoutingDefinition routing);

  /**
   * Checks and builds the playbook, as the loader would.
   *
   * @throws InvalidPlaybookException with every problem, at the JSON pointer the format gives it
   */
  Playbook build();
}
