package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.report.IncidentReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended: its status, each step's result and timing, the incident report, every audit
 * event, and the final {@link RunState}.
 *
 * <pre>{@code
 * RunResult r = engine.run(playbook, TriggerEvent.alert(alert));
 * r.status();                       // COMPLETED_WITH_DENIALS
 * r.report().toMarkdown();          // for people
 * r.step("6_execute").orElseThrow().summary();
 * }</pre>
 *
 * @param runId the run
 * @param playbook the playbook's name
 * @param status how it ended
 * @param statusReason why, for people
 * @param dryRun whether it was a dry run
 * @param startedAt when it started, by the engine's clock
 * @param finishedAt when it ended
 * @param steps each step's result, in order (skipped steps included)
 * @param report the incident report, redacted
 * @param auditEvents every audit event of the run, in order, redacted
 * @param state the run's final state
 */
public record RunResult(
    String runId,
    String playbook,
    RunStatus status,
    String statusReason,
    boolean dryRun,
    Instant startedAt,
    Instant finishedAt,
    List<StepResult> steps,
    IncidentReport report,
    List<AuditEvent> auditEvents,
    RunState state) {

  /** Checks and copies the components. */
  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(status, "status");
    statusReason = statusReason == null ? "" : statusReason;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    steps = List.copyOf(steps);
    Objects.requireNonNull(report, "report");
    auditEvents = List.copyOf(auditEvents);
    Objects.requireNonNull(state, "state");
  }

  /** How long the run took, by the engine's clock. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** The result of the step with key {@code key} (such as {@code 6_execute}), if it has one. */
  public Optional<StepResult> step(String key) {
    return steps.stream().filter(s -> s.step().equals(key)).findFirst();
  }

  /** What became of each proposal in each step, in order. */
  public List<RunState.ActionRecord> actions() {
    return state.actions();
  }

  /** The records of actions that changed the system. */
  public List<RunState.ActionRecord> applied() {
    return state.actions().stream().filter(RunState.ActionRecord::applied).toList();
  }
}
