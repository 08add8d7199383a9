package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A schedule could not be read: a cron expression with the wrong number of fields, a value out of
 * range, an unknown name or macro, one that never fires, or an unknown time zone. Code {@value
 * #CODE}.
 */
public final class ScheduleException extends CallerFaultException {
  private static final long serialVersionUID = 1L;

  /** The stable code of this exception. */
  public static final String CODE = "SCHEDULE_INVALID";

  private final String expression;
  private final String reason;

  ScheduleException(String expression, String reason) {
    super(CODE, "cron expression '" + expression + "': " + reason);
    this.expression = expression;
    this.reason = reason;
  }

  /** The expression (or zone) as given. */
  public String expression() {
    return expression;
  }

  /** What is wrong, without the expression. */
  public String reason() {
    return reason;
  }
}
