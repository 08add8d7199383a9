package io.github.aiplaybooks.core.tool;

/**
 * Whether a mutation really changes the system or only shows what it would do.
 *
 * <p>In {@link #DRY_RUN} an {@link ActionAdapter} validates the change without applying it (a
 * Kubernetes server-side dry run, an AWS {@code DryRun} flag), and a tool is sent only if it
 * accepts a dry-run argument; otherwise nothing is sent and the run's report says what would have
 * happened.
 */
public enum ExecutionMode {
  /** Apply the change. */
  LIVE,
  /** Validate the change without applying it, or do not send it at all. */
  DRY_RUN
}
