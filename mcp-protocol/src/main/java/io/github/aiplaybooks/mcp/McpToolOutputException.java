package io.github.aiplaybooks.mcp;

import java.util.List;

/**
 * A tool that declares an {@code outputSchema} answered with {@code structuredContent} that breaks
 * it, or with none at all, or declared a schema that cannot be checked. The client refuses such a
 * result rather than hand unchecked data to its caller. Code {@code MCP_TOOL_OUTPUT_INVALID}; not
 * retryable.
 */
public class McpToolOutputException extends McpProtocolException {
  private static final long serialVersionUID = 1L;

  private final String toolName;
  private final List<String> violations;

  /**
   * @param remote the peer, such as {@code mcp:kubectl}
   * @param toolName the tool whose result was refused
   * @param problem what the tool did, such as {@code returned structuredContent that breaks its
   *     outputSchema}
   * @param violations the details, one entry per violation ({@code /pointer: message}); may be
   *     empty
   * @param cause the underlying cause, or {@code null}
   */
  public McpToolOutputException(
      String remote, String toolName, String problem, List<String> violations, Throwable cause) {
    super(
        "MCP_TOOL_OUTPUT_INVALID",
        remote,
        "Tool "
            + toolName
            + " of "
            + remote
            + " "
            + problem
            + (violations.isEmpty() ? "" : ": " + String.join("; ", violations)),
        cause);
    this.toolName = toolName;
    this.violations = List.copyOf(violations);
  }

  /** The tool whose result was refused. */
  public String toolName() {
    return toolName;
  }

  /** What is wrong, one entry per violation. */
  public List<String> violations() {
    return violations;
  }
}
