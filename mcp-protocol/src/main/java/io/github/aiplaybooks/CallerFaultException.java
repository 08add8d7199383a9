package io.github.aiplaybooks;

/**
 * The caller's input was wrong: an invalid playbook, condition, policy or argument, or an action
 * the policy refuses. Retrying the same call cannot succeed, so {@link #retryable()} is always
 * {@code false}.
 */
public class CallerFaultException extends PlaybooksException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code a stable, upper-case, machine-readable code
   * @param message what was wrong, naming the file, field or argument
   */
  public CallerFaultException(String code, String message) {
    super(code, message, null);
  }

  /**
   * @param code a stable, upper-case, machine-readable code
   * @param message what was wrong, naming the file, field or argument
   * @param cause the underlying cause
   */
  public CallerFaultException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public final Fault fault() {
    return Fault.CALLER;
  }

  @Override
  public final boolean retryable() {
    return false;
  }
}
