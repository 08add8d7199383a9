package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A run was refused before it started, because of its input: the event does not start the playbook
 * ({@code TRIGGER_MISMATCH}), a declared input is missing or has the wrong type ({@code
 * INPUT_INVALID}), a step's action has no handler ({@code NO_STEP_HANDLER}), or a state to resume
 * does not belong to the playbook ({@code STATE_MISMATCH}). The message names the field.
 */
public final class RunRejectedException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  RunRejectedException(String code, String message) {
    super(code, message);
  }
}
