package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A test double was used other than as scripted. Codes: {@code SCRIPTED_LLM_UNEXPECTED_CALL} (a
 * call no scripted answer matches; the message lists what was expected), {@code
 * SCRIPTED_LLM_UNUSED_ANSWERS} ({@code verify()} found answers left), {@code
 * SCRIPTED_LLM_SCRIPT_INVALID} (a script file is malformed; the message names the file and JSON
 * pointer), {@code CASSETTE_MISMATCH} (a replayed request was not recorded; the message shows the
 * closest recorded one and where they differ), {@code CASSETTE_UNUSED}, {@code CASSETTE_INVALID}.
 */
public final class ScriptedLlmException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code the code
   * @param message what happened and what was expected
   */
  public ScriptedLlmException(String code, String message) {
    super(code, message);
  }

  /**
   * @param code the code
   * @param message what happened and what was expected
   * @param cause the underlying cause
   */
  public ScriptedLlmException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
