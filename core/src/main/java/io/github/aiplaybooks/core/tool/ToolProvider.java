package io.github.aiplaybooks.core.tool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source of tools the engine calls: MCP servers behind a {@link
 * io.github.aiplaybooks.mcp.tool.ToolRouter ToolRouter} ({@link McpToolProvider}), an adapter's own
 * client, or a fake in tests.
 *
 * <p>Contract: {@link #tools()} describes every tool with its {@link ToolDescriptor#effect()
 * effect}; {@link #call} calls {@link ToolRequest#requirePermitted} before it sends anything, so a
 * tool that changes something runs only under a {@link MutationPermit} from {@link MutationGate};
 * for a request in {@link ExecutionMode#DRY_RUN} it sends a dry run if the tool has one, and
 * otherwise sends nothing and answers {@link ToolResult#notSent}. A failure of the tool itself is a
 * {@link ToolResult#error} result; a failure to reach it may be thrown as a {@link
 * io.github.aiplaybooks.PlaybooksException}. Implementations must be thread-safe: collect steps
 * call tools in parallel.
 *
 * <pre>{@code
 * ToolProvider tools = McpToolProvider.builder(router).build();
 * ToolResult pods = tools.call(ToolRequest.read("kubectl_get", args));
 * }</pre>
 */
public interface ToolProvider {

  /** Every tool, described. */
  List<ToolDescriptor> tools();

  /**
   * Calls a tool.
   *
   * @throws MutationNotPermittedException if the tool changes something and the request has no open
   *     permit
   * @throws IllegalArgumentException if no tool has the request's name
   */
  ToolResult call(ToolRequest request);

  /** The tool named {@code name}, if this provider has one. */
  default Optional<ToolDescriptor> tool(String name) {
    Objects.requireNonNull(name, "name");
    for (ToolDescriptor d : tools()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** A provider with no tools. */
  static ToolProvider none() {
    return CompositeToolProvider.NONE;
  }

  /**
   * The tools of several providers as one; a call goes to the provider that has the tool.
   *
   * @throws IllegalArgumentException if two providers have a tool of the same name
   */
  static ToolProvider composite(List<? extends ToolProvider> providers) {
    return new CompositeToolProvider(List.copyOf(providers));
  }

  /** As {@link #composite(List)}. */
  static ToolProvider composite(ToolProvider... providers) {
    return composite(List.of(providers));
  }
}
