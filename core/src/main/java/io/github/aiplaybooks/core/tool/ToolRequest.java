package io.github.aiplaybooks.core.tool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call of one tool: the tool's name, its arguments, and for a tool that changes something the
 * {@link MutationPermit} that allows it.
 *
 * <pre>{@code
 * ToolRequest logs = ToolRequest.read("kubectl_logs", args).withTimeout(Duration.ofSeconds(30));
 * // inside ActionAdapter.apply(permit):
 * ToolRequest patch = ToolRequest.forPermit(permit, "kubectl_patch", patchArgs);
 * }</pre>
 *
 * <p>Immutable; {@link #arguments()} returns a copy.
 */
public final class ToolRequest {
  private final String tool;
  private final ObjectNode arguments;
  private final ExecutionMode mode;
  private final String idempotencyKey;
  private final Duration timeout;
  private final MutationPermit permit;

  private ToolRequest(
      String tool,
      ObjectNode arguments,
      ExecutionMode mode,
      String idempotencyKey,
      Duration timeout,
      MutationPermit permit) {
    if (tool == null || tool.isBlank()) {
      throw new IllegalArgumentException("tool: a tool request needs a tool name");
    }
    this.tool = tool;
    this.arguments =
        arguments == null ? JsonNodeFactory.instance.objectNode() : arguments.deepCopy();
    this.mode = Objects.requireNonNull(mode, "mode");
    this.idempotencyKey = idempotencyKey;
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
    }
    this.timeout = timeout;
    this.permit = permit;
  }

  /** A call of a tool that only reads. A provider refuses it for a tool that changes something. */
  public static ToolRequest read(String tool, ObjectNode arguments) {
    return new ToolRequest(tool, arguments, ExecutionMode.LIVE, null, null, null);
  }

  /**
   * A call made under {@code permit}, in its mode and with its idempotency key: the only kind of
   * request a provider accepts for a tool that changes something.
   *
   * @throws MutationNotPermittedException if the permit is no longer open
   */
  public static ToolRequest forPermit(MutationPermit permit, String tool, ObjectNode arguments) {
    Objects.requireNonNull(permit, "permit");
    if (!permit.isOpen()) {
      throw new MutationNotPermittedException(
          MutationNotPermittedException.OUTSIDE_GATE,
          "Tool "
              + tool
              + ": the permit for "
              + permit.planned().describe()
              + " is closed; a mutation runs only while MutationGate executes it");
    }
    return new ToolRequest(tool, arguments, permit.mode(), permit.idempotencyKey(), null, permit);
  }

  /** This request with a timeout for the call, or {@code null} for the provider's default. */
  public ToolRequest withTimeout(Duration timeout) {
    return new ToolRequest(tool, arguments, mode, idempotencyKey, timeout, permit);
  }

  /** The tool's name. */
  public String tool() {
    return tool;
  }

  /** A copy of the arguments. */
  public ObjectNode arguments() {
    return arguments.deepCopy();
  }

  /** Whether to apply a change or only try it; always {@link ExecutionMode#LIVE} for a read. */
  public ExecutionMode mode() {
    return mode;
  }

  /** The idempotency key of the mutation, if this is one. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** The timeout of the call, if one was set. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The permit of a mutation, if this is one. */
  public Optional<MutationPermit> permit() {
    return Optional.ofNullable(permit);
  }

  /**
   * Checks that this request may call the tool {@code descriptor} describes: any request for a
   * read-only tool; only a request with an open permit for one that changes something. Every {@link
   * ToolProvider} calls it before sending a call.
   *
   * @throws MutationNotPermittedException ({@code MUTATION_OUTSIDE_GATE}) if the tool changes
   *     something and the request has no open permit
   */
  public void requirePermitted(ToolDescriptor descriptor) {
    Objects.requireNonNull(descriptor, "descriptor");
    if (descriptor.isReadOnly()) {
      return;
    }
    if (permit == null || !permit.isOpen()) {
      throw new MutationNotPermittedException(
          MutationNotPermittedException.OUTSIDE_GATE,
          "Tool "
              + descriptor.name()
              + " changes the system ("
              + descriptor.effect()
              + ") and was called "
              + (permit == null ? "without a permit" : "with a closed permit")
              + ": every mutation needs a policy decision, through MutationGate.execute");
    }
  }

  @Override
  public String toString() {
    return tool + arguments + (permit == null ? "" : " [" + mode + ", " + idempotencyKey + "]");
  }
}
