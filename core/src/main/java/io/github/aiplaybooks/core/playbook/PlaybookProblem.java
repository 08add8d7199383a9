package io.github.aiplaybooks.core.playbook;

import java.util.Objects;

/**
 * One thing wrong with a playbook, where it is in the JSON format: {@code
 * /workflow/5_approve/auto_approve_if/2: unknown fact 'blast_radios' (did you mean
 * 'blast_radius'?)}. Playbooks written in the DSL get the same pointers, so one message fits both.
 *
 * @param pointer the JSON pointer (RFC 6901) of the value at fault, such as {@code
 *     /workflow/3_investigate/parallel/0/mcp}; {@code ""} for the whole playbook
 * @param message what is wrong and what was expected
 */
public record PlaybookProblem(String pointer, String message) {

  /** Checks the components. */
  public PlaybookProblem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** {@code pointer: message}. */
  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
