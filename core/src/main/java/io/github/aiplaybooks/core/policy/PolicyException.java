package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.CallerFaultException;
import java.util.List;
import java.util.Objects;

/**
 * A policy could not be loaded, or what it was asked cannot be done. {@link #code()} says which:
 *
 * <ul>
 *   <li>{@value #CODE}: the policy is invalid (its JSON is malformed, a key is unknown, a value has
 *       the wrong type, a condition does not compile, an action or rate-limit category is unknown).
 *       Every problem found is reported at once, each with the JSON pointer it is at.
 *   <li>{@value #REQUEST_INVALID}: a call gave what the policy engine or a rate limiter cannot use,
 *       such as {@link PolicyEngine#recordExecution} of an unknown action, or an instant after the
 *       clock's now.
 *   <li>{@value #RATE_LIMIT_CONFLICT}: a rate-limit store holds the key at another rate, so two
 *       policies limit it differently.
 * </ul>
 *
 * <pre>{@code
 * try {
 *   Policy.load(Path.of("policy.json"));
 * } catch (PolicyException e) {
 *   e.source();     // "policy.json"
 *   e.problems();   // [/require_approval/4: expected a value after '>' ..., ...]
 * }
 * }</pre>
 *
 * <p>The message names the source and lists every problem, one a line.
 */
public final class PolicyException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The stable code of an invalid policy. */
  public static final String CODE = "POLICY_INVALID";

  /** The stable code of a call the policy engine or a rate limiter cannot serve. */
  public static final String REQUEST_INVALID = "POLICY_REQUEST_INVALID";

  /** The stable code of a rate-limit key used at two rates. */
  public static final String RATE_LIMIT_CONFLICT = "POLICY_RATE_LIMIT_CONFLICT";

  /**
   * One problem in a policy.
   *
   * @param pointer the JSON pointer of the value at fault, such as {@code
   *     /rate_limits/pod_restarts}, or {@code ""} for the whole document
   * @param message what is wrong; for a condition, with its column and a caret excerpt
   */
  public record Problem(String pointer, String message) implements java.io.Serializable {
    /** Checks the components. */
    public Problem {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(message, "message");
    }

    /** {@code /rate_limits/pod_restart: ...}, or the message alone for the whole document. */
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
  }

  private final String source;
  private final List<Problem> problems;

  PolicyException(String source, List<Problem> problems) {
    super(CODE, message(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** A problem that is not in a policy's text: {@code source} names what was called. */
  PolicyException(String code, String source, String message) {
    super(code, source + ": " + message);
    this.source = source;
    this.problems = List.of(new Problem("", message));
  }

  private static String message(String source, List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: need at least one");
    }
    if (problems.size() == 1) {
      return "invalid policy " + source + " at " + problems.get(0);
    }
    StringBuilder b =
        new StringBuilder("invalid policy " + source + ": " + problems.size() + " problems");
    for (Problem p : problems) {
      b.append("\n  ").append(p.toString().replace("\n", "\n    "));
    }
    return b.toString();
  }

  /**
   * The policy's source (a file name, or the name given with its text), or for a call what was
   * called, such as {@code recordExecution}.
   */
  public String source() {
    return source;
  }

  /** Every problem found, in the order found. */
  public List<Problem> problems() {
    return problems;
  }
}
