package io.github.aiplaybooks.core.audit;

/** What an {@link AuditEvent} records. New types are only ever added at the end. */
public enum AuditEventType {
  /** A run began: playbook, trigger source, dry-run flag. */
  RUN_STARTED,
  /** The alert or schedule that started the run. */
  TRIGGER,
  /** A step began. */
  STEP_STARTED,
  /** A step ended: outcome and duration. */
  STEP_FINISHED,
  /** A model call: model id, token counts, latency, stop reason. */
  LLM_CALL,
  /** A tool call: tool, arguments (redacted), outcome, duration. */
  TOOL_CALL,
  /** A policy decision: action, ALLOW / REQUIRE_APPROVAL / DENY, and the reasons. */
  DECISION,
  /** An approval asked for, granted, denied or timed out. */
  APPROVAL,
  /** A change applied to a system, with its idempotency key and inverse. */
  MUTATION,
  /** A change undone. */
  ROLLBACK,
  /** A verification check and its result. */
  VERIFICATION,
  /** A budget (calls, tokens, tool calls, wall time) was used up or crossed a threshold. */
  BUDGET,
  /** The run handed the incident to a human. */
  ESCALATION,
  /** A notification sent (Slack, PagerDuty, e-mail). */
  NOTIFICATION,
  /** The emergency stop was flipped or observed. */
  EMERGENCY_STOP,
  /** The model's answer broke its schema, or the model was unavailable, and the fallback ran. */
  FALLBACK,
  /** The run ended: outcome and totals. */
  RUN_FINISHED,
  /**
   * The routing table's choice: the route and runbook, or the routes it could not decide (a fact
   * missing or of the wrong type) and why.
   */
  ROUTING
}
