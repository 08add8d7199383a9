package io.github.aiplaybooks.core.llm;

/**
 * One way an answer broke its {@link OutputSchema}.
 *
 * @param pointer the JSON pointer of the offending value, such as {@code /severity} ({@code ""} for
 *     the whole answer)
 * @param keyword the schema keyword that failed, such as {@code enum}, or {@code json} when the
 *     answer was not a JSON object at all
 * @param message what is wrong
 */
public record SchemaViolation(String pointer, String keyword, String message) {

  /** {@code "/severity (enum): does not have a value in the enumeration ..."}. */
  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(answer)" : pointer) + " (" + keyword + "): " + message;
  }
}
