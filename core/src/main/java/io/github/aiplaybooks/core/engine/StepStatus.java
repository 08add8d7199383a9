package io.github.aiplaybooks.core.engine;

/** How one step ended. */
public enum StepStatus {
  /** The step did its work (which may include actions the policy refused). */
  COMPLETED,
  /** The step did not run: its condition did not hold, or the run had stopped doing such steps. */
  SKIPPED,
  /** The model could not give a valid answer; the run took the fallback path. */
  FALLBACK,
  /** The step failed: a change failed, verification failed, or the step hit an error. */
  FAILED,
  /** The step ran past its {@code timeout}. */
  TIMED_OUT,
  /** A budget ran out during the step. */
  ESCALATED,
  /** An emergency stop was engaged during the step. */
  STOPPED
}
