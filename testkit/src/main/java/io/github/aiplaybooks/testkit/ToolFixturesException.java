package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.CallerFaultException;
import java.util.Objects;

/**
 * A tool-fixture file that cannot be used: not found, not JSON, or not in the format {@link
 * ToolFixtures} describes. Code {@code TOOL_FIXTURES_INVALID}; the message names the file and the
 * JSON pointer, such as {@code tool fixtures tools.json: /tools/kubectl_get/results/0/when must be
 * an object of argument name to value}.
 */
public final class ToolFixturesException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The code of every tool-fixture error. */
  public static final String CODE = "TOOL_FIXTURES_INVALID";

  private final String source;
  private final String pointer;

  ToolFixturesException(String source, String pointer, String problem) {
    super(
        CODE,
        "tool fixtures "
            + source
            + ": "
            + (pointer.isEmpty() ? "the document" : pointer)
            + " "
            + Objects.requireNonNull(problem, "problem"));
    this.source = source;
    this.pointer = pointer;
  }

  /** The file (or other source) that was read. */
  public String source() {
    return source;
  }

  /** The JSON pointer of what is wrong; empty for the whole document. */
  public String pointer() {
    return pointer;
  }
}
