package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.InvalidPlaybookException;
import io.github.aiplaybooks.core.playbook.Playbook;

/** A playbook with its steps and routing: only building is left. */
public interface PlaybookComplete {

  /**
   * Checks and builds the playbook, as the loader would.
   *
   * @throws InvalidPlaybookException with every problem, at the JSON pointer the format gives it
   */
  Playbook build();
}
