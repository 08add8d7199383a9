package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.playbook.Step;

/**
 * Follows a run as it goes: for progress output (the CLI prints each step, tool call, decision and
 * approval from these), metrics, or saving the state after each step to resume later.
 *
 * <pre>{@code
 * RunListener progress = new RunListener() {
 *   public void onStepFinished(RunState state, StepResult r) {
 *     System.out.printf("%s %s (%d ms) %s%n", r.step(), r.status(), r.duration().toMillis(), r.summary());
 *   }
 * };
 * }</pre>
 *
 * <p>Called on the run's thread, except {@link #onAuditEvent}, which may be called from the threads
 * of parallel tool calls. A listener that throws is logged and otherwise ignored. Every method does
 * nothing by default.
 */
public interface RunListener {

  /** The run is about to run its first step (or, when resumed, its next one). */
  default void onRunStarted(RunState state) {}

  /** A step is about to run; {@code state} is the state before it. */
  default void onStepStarted(RunState state, Step step) {}

  /** A step ended; {@code state} is the state after it. */
  default void onStepFinished(RunState state, StepResult result) {}

  /** An audit event was recorded (tool call, decision, approval, mutation, ...). */
  default void onAuditEvent(AuditEvent event) {}

  /** The run ended. */
  default void onRunFinished(RunResult result) {}
}
