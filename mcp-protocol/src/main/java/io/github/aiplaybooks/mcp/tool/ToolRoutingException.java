package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A {@link ToolRouter} cannot route a call or aggregate tools as configured.
 *
 * <p>Codes: {@code TOOL_NOT_ROUTABLE} (no route and no server offers the tool), {@code
 * TOOL_NOT_FOUND} (the routed server does not offer it), {@code TOOL_NAME_CLASH} (two servers offer
 * the same name and no explicit route picks one), {@code ROUTER_CONFIG_INVALID}.
 */
public final class ToolRoutingException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  ToolRoutingException(String code, String message) {
    super(code, message);
  }
}
