package io.github.aiplaybooks.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What {@code explain --policy} asks of the policy engine: for each action a playbook may take,
 * what the policy decides for it when no trusted facts are given. {@link PolicyApprovalPreview} is
 * the real one; tests pass fakes.
 */
@FunctionalInterface
interface ApprovalPreview {

  /**
   * For each action (canonical name), one line: {@code allowed (...)}, {@code could need approval
   * (...)} or {@code denied (...)}; or, when the decision depends on the time of day, {@code
   * business hours: ...; off hours: ...}.
   *
   * @param now the instant to decide at; {@code null} to decide once in business hours and once off
   *     hours (never at the system clock's time)
   * @throws io.github.aiplaybooks.CallerFaultException if the policy file cannot be used
   */
  Map<String, String> preview(Path policyFile, Set<String> actions, Instant now);
}
