package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A tool reference could not be read: an unknown scheme, verb or flag, a flag without its value, an
 * unterminated quote or placeholder, a malformed method or tool name. Code {@code
 * TOOL_REF_INVALID}.
 *
 * <p>The message names the reference, the form it was read as and the position (0-based character
 * index) where reading failed.
 */
public final class ToolRefException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  private final String reference;
  private final ToolRef.Form form;
  private final int position;

  ToolRefException(String reference, ToolRef.Form form, int position, String problem) {
    super(
        "TOOL_REF_INVALID",
        "Cannot read tool reference '"
            + reference
            + "' as "
            + describe(form)
            + (position >= 0 ? " at position " + position : "")
            + ": "
            + problem);
    this.reference = reference;
    this.form = form;
    this.position = position;
  }

  private static String describe(ToolRef.Form form) {
    return switch (form) {
      case URI -> "a tool URI";
      case METHOD -> "a JSON-RPC method";
      case NAME -> "a tool name";
    };
  }

  /** The reference as given. */
  public String reference() {
    return reference;
  }

  /** The form the reference was read as. */
  public ToolRef.Form form() {
    return form;
  }

  /** The 0-based character index where reading failed, or -1 when it is the whole reference. */
  public int position() {
    return position;
  }
}
