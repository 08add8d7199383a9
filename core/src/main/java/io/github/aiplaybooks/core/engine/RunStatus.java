package io.github.aiplaybooks.core.engine;

/**
 * How a run ended. When several apply, the first in this order wins: {@link #STOPPED}, {@link
 * #FAILED}, {@link #ROLLED_BACK}, {@link #ESCALATED}, {@link #COMPLETED_WITH_DENIALS}, {@link
 * #COMPLETED}.
 */
public enum RunStatus {
  /** Every step ran; every action the run proposed ran (or, in a dry run, would have). */
  COMPLETED,
  /**
   * Every step ran, but some action did not: the policy refused it, a human denied it or did not
   * answer in time, its rate limit was reached, or the fallback left it for a human. The report
   * says which and why.
   */
  COMPLETED_WITH_DENIALS,
  /**
   * A change failed, a step timed out or verification failed, and the run undid its changes by
   * applying their inverses in reverse order (see the report's rollback section, which also shows
   * an inverse that failed).
   */
  ROLLED_BACK,
  /**
   * The run handed the incident to a human without resolving it: the model was unavailable or kept
   * answering outside the schema (fallback), a budget ran out, the model asked for a human, a
   * verification failed with nothing to undo, or an outcome was unknown. A notification went to the
   * escalation channels.
   */
  ESCALATED,
  /** An emergency stop was engaged; the run stopped and, if configured, undid its changes. */
  STOPPED,
  /** The engine or a step failed unexpectedly; the run undid its changes; see the step's error. */
  FAILED;

  /** Whether {@code other} takes precedence over this status. */
  boolean yieldsTo(RunStatus other) {
    return rank(other) > rank(this);
  }

  private static int rank(RunStatus s) {
    switch (s) {
      case STOPPED:
        return 5;
      case FAILED:
        return 4;
      case ROLLED_BACK:
        return 3;
      case ESCALATED:
        return 2;
      case COMPLETED_WITH_DENIALS:
        return 1;
      default:
        return 0;
    }
  }
}
