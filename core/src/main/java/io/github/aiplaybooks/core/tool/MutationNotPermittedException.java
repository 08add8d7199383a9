package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A mutation was attempted without what the gate requires: a policy decision that allows it (or an
 * approval when it needed one), for this very action, and a tool call made inside that decision's
 * execution. Never retryable: the caller must go through {@link MutationGate}.
 *
 * <p>Codes: {@code MUTATION_NOT_PERMITTED} (the decision does not allow the action, is for another
 * action, or lacks the approval it needs), {@code MUTATION_OUTSIDE_GATE} (a tool that changes
 * something was called without a permit, for example directly on a router).
 */
public final class MutationNotPermittedException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The code for an execution the decision does not allow. */
  public static final String NOT_PERMITTED = "MUTATION_NOT_PERMITTED";

  /** The code for a mutating tool call without a permit. */
  public static final String OUTSIDE_GATE = "MUTATION_OUTSIDE_GATE";

  MutationNotPermittedException(String code, String message) {
    super(code, message);
  }
}
