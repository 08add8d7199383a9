package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.RemoteFaultException;

/**
 * A "rug pull": a tool's definition (its description, schemas or annotations) changed since it was
 * first seen and pinned, so the {@link ToolRouter} refuses to call it until the host approves the
 * change with {@link ToolRouter#approveDefinitionChange(String)}.
 *
 * <p>Code {@code TOOL_DEFINITION_CHANGED}; not retryable (retrying cannot help until a human
 * approves).
 */
public final class ToolDefinitionChangedException extends RemoteFaultException {
  private static final long serialVersionUID = 1L;

  private final String toolName;
  private final String server;
  private final String pinnedHash;
  private final String currentHash;

  ToolDefinitionChangedException(
      String toolName, String server, String pinnedHash, String currentHash) {
    super(
        "TOOL_DEFINITION_CHANGED",
        "mcp:" + server,
        "Tool "
            + toolName
            + " on server "
            + server
            + " changed its definition since it was pinned (sha256 "
            + pinnedHash
            + ", now "
            + currentHash
            + "): the call is refused until the change is approved",
        false,
        null);
    this.toolName = toolName;
    this.server = server;
    this.pinnedHash = pinnedHash;
    this.currentHash = currentHash;
  }

  /** The tool whose definition changed. */
  public String toolName() {
    return toolName;
  }

  /** The server that offers it. */
  public String server() {
    return server;
  }

  /** The SHA-256 (hex) of the definition as pinned. */
  public String pinnedHash() {
    return pinnedHash;
  }

  /** The SHA-256 (hex) of the definition as the server describes it now. */
  public String currentHash() {
    return currentHash;
  }
}
