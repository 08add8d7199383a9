package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.audit.RunMdc;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolProvider;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wraps a {@link ToolProvider} and records every call that reached it — with its mode, thread and
 * the run id in the thread's MDC — for assertions such as "no mutation was sent" or "every call
 * carried the run id".
 *
 * <pre>{@code
 * RecordingToolProvider tools = RecordingToolProvider.wrap(fake);
 * ... run with .tools(tools) ...
 * assertThat(tools.mutatingCalls()).isEmpty();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RecordingToolProvider implements ToolProvider {

  /**
   * One call.
   *
   * @param tool the tool
   * @param arguments its arguments
   * @param mode live or dry run
   * @param mutating whether the tool changes something
   * @param idempotencyKey the key of a mutation, or {@code null}
   * @param thread the name of the thread that made it
   * @param runId the run id in that thread's MDC, or {@code null}
   * @param result what it returned, or {@code null} if it threw
   */
  public record Call(
      String tool,
      ObjectNode arguments,
      ExecutionMode mode,
      boolean mutating,
      String idempotencyKey,
      String thread,
      String runId,
      ToolResult result) {}

  private final ToolProvider inner;
  private final List<Call> calls = new ArrayList<>();

  private RecordingToolProvider(ToolProvider inner) {
    this.inner = inner;
  }

  /** A recorder of the calls that reach {@code inner}. */
  public static RecordingToolProvider wrap(ToolProvider inner) {
    return new RecordingToolProvider(Objects.requireNonNull(inner, "inner"));
  }

  @Override
  public List<ToolDescriptor> tools() {
    return inner.tools();
  }

  @Override
  public Optional<ToolDescriptor> tool(String name) {
    return inner.tool(name);
  }

  @Override
  public ToolResult call(ToolRequest request) {
    boolean mutating = inner.tool(request.tool()).map(d -> !d.isReadOnly()).orElse(true);
    ToolResult result = null;
    try {
      result = inner.call(request);
      return result;
    } finally {
      synchronized (this) {
        calls.add(
            new Call(
                request.tool(),
                request.arguments(),
                request.mode(),
                mutating,
                request.idempotencyKey().orElse(null),
                Thread.currentThread().getName(),
                RunMdc.current(),
                result));
      }
    }
  }

  /** Every call, in order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of {@code tool}. */
  public synchronized List<Call> calls(String tool) {
    return calls.stream().filter(c -> c.tool().equals(tool)).toList();
  }

  /** The calls of tools that change something. */
  public synchronized List<Call> mutatingCalls() {
    return calls.stream().filter(Call::mutating).toList();
  }

  /** The calls of tools that change something, sent live. */
  public synchronized List<Call> liveMutations() {
    return calls.stream().filter(c -> c.mutating() && c.mode() == ExecutionMode.LIVE).toList();
  }

  /** Forgets every call. */
  public synchronized void clear() {
    calls.clear();
  }
}
