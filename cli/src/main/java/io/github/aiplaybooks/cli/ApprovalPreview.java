package io.github.aiplaybooks.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What {@code explain --policy} asks of the policy engine: for each action a playbook may take,
 * whether it could need approval. {@link PolicyApprovalPreview} is the real one; tests pass fakes.
 */
@FunctionalInterface
interface ApprovalPreview {

  /**
   * For each action (canonical name), one line: whether the policy always allows it, needs approval
   * for it (and when), or denies it.
   *
   * @throws io.github.aiplaybooks.CallerFaultException if the policy file cannot be used
   */
  Map<String, String> preview(Path policyFile, Set<String> actions);
}
