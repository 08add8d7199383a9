package io.github.aiplaybooks;

import java.util.Objects;

/**
 * The root of every exception AI Playbooks throws on purpose.
 *
 * <p>It is split by where the fault lies, so a caller can decide what to do without parsing
 * messages:
 *
 * <ul>
 *   <li>{@link CallerFaultException}: the input was wrong (an invalid playbook, condition or
 *       policy; an unknown fact). Retrying the same call cannot succeed.
 *   <li>{@link RemoteFaultException}: something outside this JVM failed (Kubernetes, AWS, an MCP
 *       peer). {@link #retryable()} says whether the same call may succeed later.
 * </ul>
 *
 * <p>Every instance carries a stable, machine-readable {@link #code()} (for example {@code
 * CONDITION_SYNTAX}) and a message that names the thing that failed: the file, field, argument or
 * remote.
 *
 * <pre>{@code
 * try {
 *   Condition c = Condition.compile("blast_radius < 10_pods");
 * } catch (PlaybooksException e) {
 *   log.warn("{} ({}): {}", e.code(), e.fault(), e.getMessage());
 * }
 * }</pre>
 *
 * <p>This class lives in the lowest module ({@code playbooks-mcp-protocol}) so that every module
 * can extend it.
 */
public abstract class PlaybooksException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where the fault lies. */
  public enum Fault {
    /** The caller's input was wrong; retrying the same call cannot succeed. */
    CALLER,
    /** A remote system failed; see {@link PlaybooksException#retryable()}. */
    REMOTE
  }

  private final String code;

  /**
   * Creates an exception.
   *
   * @param code a stable, upper-case, machine-readable code such as {@code POLICY_INVALID}
   * @param message what failed, naming the file, field, argument or remote
   * @param cause the underlying cause, or {@code null}
   */
  protected PlaybooksException(String code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A stable, machine-readable code for this failure, such as {@code CONDITION_SYNTAX}. */
  public final String code() {
    return code;
  }

  /** Where the fault lies. */
  public abstract Fault fault();

  /** Whether the same call may succeed if tried again later. */
  public abstract boolean retryable();
}
