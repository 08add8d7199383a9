package io.github.aiplaybooks.mcp.schema;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A JSON value did not fit the MCP type it was read as: a required member is missing, a member has
 * the wrong type, a content block has an unknown {@code type}. The message names the type and the
 * member.
 *
 * <p>Code {@code MCP_SCHEMA}. Where the JSON came from a peer, the client wraps this in a {@link
 * io.github.aiplaybooks.mcp.McpProtocolException} and the server answers {@code -32602}.
 */
public final class McpSchemaException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what did not fit, naming the type and member
   * @param cause the underlying cause, or {@code null}
   */
  public McpSchemaException(String message, Throwable cause) {
    super("MCP_SCHEMA", message, cause);
  }
}
