package io.github.aiplaybooks.dsl.load;

import java.util.Objects;

/**
 * One thing wrong with a playbook file, where it is: {@code playbook.json:12:9:
 * /workflow/5_approve/auto_aprove_if: unknown key 'auto_aprove_if' (did you mean
 * 'auto_approve_if'?); ...}.
 *
 * @param source the file (or other source name) the playbook was read from
 * @param line the 1-based line of the value or key at fault
 * @param column the 1-based column of the value or key at fault
 * @param pointer the JSON pointer (RFC 6901) of the value at fault; {@code ""} for the document
 * @param message what is wrong and what was expected
 */
public record LoadError(String source, int line, int column, String pointer, String message) {

  /** Checks the components. */
  public LoadError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** {@code source:line:column: pointer: message}, with {@code /} for the whole document. */
  @Override
  public String toString() {
    return source
        + ":"
        + line
        + ":"
        + column
        + ": "
        + (pointer.isEmpty() ? "/" : pointer)
        + ": "
        + message;
  }
}
