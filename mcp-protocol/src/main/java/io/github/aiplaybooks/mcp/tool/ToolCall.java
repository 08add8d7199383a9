package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.mcp.client.CallOptions;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One tool call as it travels through a {@link ToolRouter}'s interceptors: which server, which tool
 * (with the definition the router holds for it), which arguments.
 *
 * <p>Immutable. An interceptor may pass on a call with other arguments ({@link
 * #withArguments(ObjectNode)}), never another tool or server: those are fixed by routing, so what a
 * policy interceptor checked is what runs.
 */
public final class ToolCall {
  private final ToolRef ref;
  private final String server;
  private final Tool definition;
  private final ObjectNode arguments;
  private final CallOptions options;

  ToolCall(ToolRef ref, String server, Tool definition, ObjectNode arguments, CallOptions options) {
    this.ref = ref;
    this.server = server;
    this.definition = definition;
    this.arguments = arguments;
    this.options = options;
  }

  /** The reference the call was made with (URI, method or name). */
  public ToolRef ref() {
    return ref;
  }

  /** The canonical tool name. */
  public String toolName() {
    return definition.name();
  }

  /** The name of the server the call is routed to. */
  public String server() {
    return server;
  }

  /**
   * The tool's definition as its server described it (its annotations are the server's hints, not
   * facts).
   */
  public Tool definition() {
    return definition;
  }

  /** A copy of the arguments. */
  public ObjectNode arguments() {
    return arguments.deepCopy();
  }

  /** The per-call options (timeout, progress). */
  public CallOptions options() {
    return options;
  }

  /** The same call with other arguments. */
  public ToolCall withArguments(ObjectNode arguments) {
    return new ToolCall(
        ref,
        server,
        definition,
        Objects.requireNonNull(arguments, "arguments").deepCopy(),
        options);
  }

  /** The same call with other options. */
  public ToolCall withOptions(CallOptions options) {
    return new ToolCall(
        ref, server, definition, arguments, Objects.requireNonNull(options, "options"));
  }

  @Override
  public String toString() {
    return server + "/" + definition.name() + arguments;
  }
}
