package io.github.aiplaybooks.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Seam to the policy engine for {@code explain --policy}: reads a policy file and says, for each
 * action a playbook may take, whether it could need approval. The policy engine ({@code
 * io.github.aiplaybooks.core.policy}, issue 2) is being built on another branch; until it is merged
 * the CLI uses {@link #NOT_MERGED}, which refuses. Wiring it is one class: an implementation that
 * loads {@code Policy} from the file and asks {@code PolicyEngine.decide} about each action, set as
 * the default in {@link ExplainCommand}.
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

  /** Refuses: this build has no policy engine yet. */
  ApprovalPreview NOT_MERGED =
      (file, actions) -> {
        throw new io.github.aiplaybooks.CallerFaultException(
            "POLICY_ENGINE_UNAVAILABLE",
            "--policy "
                + file
                + ": this build has no policy engine yet (io.github.aiplaybooks.core.policy,"
                + " issue 2); run explain without --policy");
      };
}
