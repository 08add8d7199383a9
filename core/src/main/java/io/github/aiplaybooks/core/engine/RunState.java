package io.github.aiplaybooks.core.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.core.approval.ApprovalRecord;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.Execution;
import io.github.aiplaybooks.core.tool.PlannedAction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a run knows, as plain data: which step comes next, what the trigger and the tools said
 * (trusted), what the model answered (claims), every proposal, decision, approval, execution,
 * inverse, verification, escalation and notification. The engine's orchestration is a pure function
 * of this state and the results of its step handlers, so a run can be written out ({@link
 * #toJson()}), read back ({@link #fromJson(String)}) and continued with {@link
 * PlaybookEngine#resume} — which is how a durable runner (Temporal) runs steps as activities.
 *
 * <pre>{@code
 * String saved = result.state().toJson();
 * RunState back = RunState.fromJson(saved);
 * }</pre>
 *
 * @param runId the run
 * @param playbook the playbook's name
 * @param trigger what started the run
 * @param dryRun whether every change is sent as a dry run
 * @param startedAt when the run started, by the engine's clock
 * @param nextStep the index (in the playbook's steps) of the next step to run
 * @param status how the run ended so far (the most severe status reached), or {@code null}
 * @param statusReason why, or {@code null}
 * @param halted why later steps other than report and notify are skipped, or {@code null}
 * @param ended why no later step runs at all, or {@code null}
 * @param trusted values from trusted sources: the trigger's context, the inputs, facts read from
 *     the system, and what the engine derived ({@code approved})
 * @param outputs values the model gave (evidence, never facts a policy decides on)
 * @param steps how each step went
 * @param evidence tool results gathered, cut and redacted as the model saw them
 * @param proposals the actions proposed, in order
 * @param actions what became of each proposal in each step that handled it
 * @param journal the changes applied live, with their inverses, for rollback
 * @param rollbacks the inverses applied
 * @param verifications the checks evaluated
 * @param escalations why the run handed the incident to a human
 * @param notifications what was sent to people
 * @param timeline what happened when
 * @param usage what the run spent
 * @param fallback why the run took the fallback path, or {@code null}
 * @param route the routing table's choice, or {@code null}
 * @param classification the model's classification, or {@code null}
 * @param rootCause the root cause, or {@code null}
 * @param lessons lessons learned
 * @param lessonsSource {@code model} or {@code engine}, or {@code null}
 * @param proceed whether the last decide step said to proceed, or {@code null}
 * @param proceedReason why
 * @param approvalStep the key of the last approve step, whose rules later execute steps apply
 * @param reportSections the sections of the last report step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunState(
    @JsonProperty("run_id") String runId,
    @JsonProperty("playbook") String playbook,
    @JsonProperty("trigger") TriggerEvent trigger,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("next_step") int nextStep,
    @JsonProperty("status") RunStatus status,
    @JsonProperty("status_reason") String statusReason,
    @JsonProperty("halted") String halted,
    @JsonProperty("ended") String ended,
    @JsonProperty("trusted") ObjectNode trusted,
    @JsonProperty("outputs") ObjectNode outputs,
    @JsonProperty("steps") List<StepResult> steps,
    @JsonProperty("evidence") List<Evidence> evidence,
    @JsonProperty("proposals") List<Proposal> proposals,
    @JsonProperty("actions") List<ActionRecord> actions,
    @JsonProperty("journal") List<JournalEntry> journal,
    @JsonProperty("rollbacks") List<RollbackRecord> rollbacks,
    @JsonProperty("verifications") List<VerificationRecord> verifications,
    @JsonProperty("escalations") List<String> escalations,
    @JsonProperty("notifications") List<NotificationRecord> notifications,
    @JsonProperty("timeline") List<TimelineEntry> timeline,
    @JsonProperty("usage") Usage usage,
    @JsonProperty("fallback") String fallback,
    @JsonProperty("route") RouteRecord route,
    @JsonProperty("classification") JsonNode classification,
    @JsonProperty("root_cause") String rootCause,
    @JsonProperty("lessons") List<String> lessons,
    @JsonProperty("lessons_source") String lessonsSource,
    @JsonProperty("proceed") Boolean proceed,
    @JsonProperty("proceed_reason") String proceedReason,
    @JsonProperty("approval_step") String approvalStep,
    @JsonProperty("report_sections") List<String> reportSections) {

  /** Checks the required components and copies the rest. */
  public RunState {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(startedAt, "startedAt");
    trusted = trusted == null ? JsonNodeFactory.instance.objectNode() : trusted.deepCopy();
    outputs = outputs == null ? JsonNodeFactory.instance.objectNode() : outputs.deepCopy();
    steps = copy(steps);
    evidence = copy(evidence);
    proposals = copy(proposals);
    actions = copy(actions);
    journal = copy(journal);
    rollbacks = copy(rollbacks);
    verifications = copy(verifications);
    escalations = copy(escalations);
    notifications = copy(notifications);
    timeline = copy(timeline);
    usage = usage == null ? Usage.NONE : usage;
    classification = classification == null ? null : classification.deepCopy();
    lessons = copy(lessons);
    reportSections = reportSections == null ? null : List.copyOf(reportSections);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** The state as JSON. */
  public String toJson() {
    return EngineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
  }

  /**
   * Reads a state written by {@link #toJson()}.
   *
   * @throws RunRejectedException ({@code STATE_INVALID}) if it is not one
   */
  public static RunState fromJson(String json) {
    try {
      return EngineJson.MAPPER.readValue(json, RunState.class);
    } catch (RuntimeException e) {
      throw new RunRejectedException(
          "STATE_INVALID", "The run state is not valid JSON of a RunState: " + e.getMessage());
    }
  }

  /** A copy of the trusted values. */
  @Override
  public ObjectNode trusted() {
    return trusted.deepCopy();
  }

  /** A copy of the model's outputs. */
  @Override
  public ObjectNode outputs() {
    return outputs.deepCopy();
  }

  /**
   * A tool result gathered as evidence, as the model saw it.
   *
   * @param step the step that gathered it
   * @param tool the tool
   * @param arguments its arguments
   * @param text the result, cut to the per-call budget and redacted
   * @param error whether the call failed
   * @param truncatedChars how many characters were cut
   * @param at when, by the engine's clock
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Evidence(
      @JsonProperty("step") String step,
      @JsonProperty("tool") String tool,
      @JsonProperty("arguments") ObjectNode arguments,
      @JsonProperty("text") String text,
      @JsonProperty("error") boolean error,
      @JsonProperty("truncated_chars") int truncatedChars,
      @JsonProperty("at") Instant at) {}

  /** Who proposed an action. */
  public enum Source {
    /** A model's remediation or other plan. */
    PLAN,
    /** A model's call of a tool that changes something, turned into a proposal. */
    MODEL_TOOL_CALL,
    /** The playbook's routing table, on the fallback path. */
    ROUTING,
    /** A step whose action is itself an action, such as {@code rollback_deployment}. */
    STEP,
    /** A custom step's handler. */
    CUSTOM
  }

  /** Where a proposal stands. */
  public enum ProposalStatus {
    /** Not yet handled by an execute step. */
    PENDING,
    /** Handled: see its action records. */
    DONE,
    /** Refused before any decision: it breaks a plan constraint. */
    REJECTED
  }

  /**
   * An action someone proposed.
   *
   * @param id its id in the run: {@code p1}, {@code p2}, ...
   * @param step the step that proposed it
   * @param source who proposed it
   * @param action the action
   * @param rationale why, as the proposer said
   * @param claims what the proposer claimed about it (a model's rollback, its facts)
   * @param fallbackOnly whether it runs only if the policy allows it without a human
   * @param status where it stands
   * @param note why it was rejected, or other notes
   * @param approval the approval an approve step got for it, reused at execution
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Proposal(
      @JsonProperty("id") String id,
      @JsonProperty("step") String step,
      @JsonProperty("source") Source source,
      @JsonProperty("action") PlannedAction action,
      @JsonProperty("rationale") String rationale,
      @JsonProperty("claims") ObjectNode claims,
      @JsonProperty("fallback_only") boolean fallbackOnly,
      @JsonProperty("status") ProposalStatus status,
      @JsonProperty("note") String note,
      @JsonProperty("approval") ApprovalRecord approval) {

    /** Copies the claims. */
    public Proposal {
      claims = claims == null ? JsonNodeFactory.instance.objectNode() : claims.deepCopy();
    }

    Proposal with(ProposalStatus s, String n) {
      return new Proposal(
          id, step, source, action, rationale, claims, fallbackOnly, s, n, approval);
    }

    Proposal withApproval(ApprovalRecord a) {
      return new Proposal(
          id, step, source, action, rationale, claims, fallbackOnly, status, note, a);
    }
  }

  /**
   * What one step did with one proposal.
   *
   * @param proposal the proposal's id
   * @param step the step
   * @param action the canonical action
   * @param target what it acts on
   * @param description what it does
   * @param outcome the decision's outcome ({@code ALLOW}, {@code REQUIRE_APPROVAL}, {@code DENY})
   * @param rule the rule that decided
   * @param reasons every reason
   * @param trustedFacts the facts the decision read
   * @param claimedFacts what the model claimed about the same things
   * @param differences where claims and trusted facts differ
   * @param inverse how it would be undone, or {@code null}
   * @param approval the approval, if one was asked for
   * @param execution what the gate did, if it ran
   * @param result in one word: {@code APPLIED}, {@code DRY_RUN}, {@code NOT_SENT}, {@code READ},
   *     {@code DECIDED}, {@code DENIED}, {@code NOT_APPROVED}, {@code APPROVAL_TIMED_OUT}, {@code
   *     NEEDS_APPROVAL}, {@code FAILED}, {@code RATE_LIMITED}, {@code STOPPED}, {@code UNKNOWN},
   *     {@code SKIPPED}
   * @param detail more on the result
   * @param at when, by the engine's clock
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActionRecord(
      @JsonProperty("proposal") String proposal,
      @JsonProperty("step") String step,
      @JsonProperty("action") String action,
      @JsonProperty("target") Target target,
      @JsonProperty("description") String description,
      @JsonProperty("outcome") String outcome,
      @JsonProperty("rule") String rule,
      @JsonProperty("reasons") List<String> reasons,
      @JsonProperty("trusted_facts") ObjectNode trustedFacts,
      @JsonProperty("claimed_facts") ObjectNode claimedFacts,
      @JsonProperty("differences") List<String> differences,
      @JsonProperty("inverse") PlannedAction inverse,
      @JsonProperty("approval") ApprovalRecord approval,
      @JsonProperty("execution") Execution execution,
      @JsonProperty("result") String result,
      @JsonProperty("detail") String detail,
      @JsonProperty("at") Instant at) {

    /** Copies the lists and facts. */
    public ActionRecord {
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
      trustedFacts =
          trustedFacts == null ? JsonNodeFactory.instance.objectNode() : trustedFacts.deepCopy();
      claimedFacts =
          claimedFacts == null ? JsonNodeFactory.instance.objectNode() : claimedFacts.deepCopy();
      differences = differences == null ? List.of() : List.copyOf(differences);
    }

    /** Whether the action changed the system. */
    public boolean applied() {
      return "APPLIED".equals(result);
    }

    /** Whether the action did not run because of the policy, a human or a limit. */
    public boolean refused() {
      return result != null
          && switch (result) {
            case "DENIED",
                "NOT_APPROVED",
                "APPROVAL_TIMED_OUT",
                "NEEDS_APPROVAL",
                "RATE_LIMITED",
                "SKIPPED" ->
                true;
            default -> false;
          };
    }
  }

  /**
   * A change applied live, with the inverse its adapter recorded before it.
   *
   * @param key the change's idempotency key
   * @param step the step that applied it
   * @param action the action
   * @param target what it acted on
   * @param inverse what undoes it
   * @param appliedAt when
   * @param undone whether a rollback undid it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JournalEntry(
      @JsonProperty("key") String key,
      @JsonProperty("step") String step,
      @JsonProperty("action") String action,
      @JsonProperty("target") Target target,
      @JsonProperty("inverse") PlannedAction inverse,
      @JsonProperty("applied_at") Instant appliedAt,
      @JsonProperty("undone") boolean undone) {

    JournalEntry asUndone() {
      return new JournalEntry(key, step, action, target, inverse, appliedAt, true);
    }
  }

  /**
   * An inverse applied to undo a change.
   *
   * @param undoes the key of the change it undoes
   * @param description the change it undoes
   * @param reason why the run rolled back
   * @param execution what the gate did
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RollbackRecord(
      @JsonProperty("undoes") String undoes,
      @JsonProperty("description") String description,
      @JsonProperty("reason") String reason,
      @JsonProperty("execution") Execution execution) {}

  /**
   * A verification check.
   *
   * @param step the step
   * @param check the condition
   * @param result {@code TRUE}, {@code FALSE} or {@code UNKNOWN} at the last attempt
   * @param attempts how many times it was evaluated
   * @param detail the facts it read, or why it could not be checked
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VerificationRecord(
      @JsonProperty("step") String step,
      @JsonProperty("check") String check,
      @JsonProperty("result") String result,
      @JsonProperty("attempts") int attempts,
      @JsonProperty("detail") String detail) {}

  /**
   * A notification sent (or not).
   *
   * @param notification what was sent
   * @param delivered whether the notifier took it
   * @param error why not, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NotificationRecord(
      @JsonProperty("notification") Notification notification,
      @JsonProperty("delivered") boolean delivered,
      @JsonProperty("error") String error) {}

  /**
   * One moment of the run.
   *
   * @param time when
   * @param step the step, or {@code null}
   * @param event what happened
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TimelineEntry(
      @JsonProperty("time") Instant time,
      @JsonProperty("step") String step,
      @JsonProperty("event") String event) {}

  /**
   * What the run spent.
   *
   * @param llmCalls model calls
   * @param inputTokens tokens sent
   * @param outputTokens tokens generated
   * @param totalTokens tokens in all, as the model reported them
   * @param toolCalls tool calls
   * @param exhausted which budget ran out, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Usage(
      @JsonProperty("llm_calls") long llmCalls,
      @JsonProperty("input_tokens") long inputTokens,
      @JsonProperty("output_tokens") long outputTokens,
      @JsonProperty("total_tokens") long totalTokens,
      @JsonProperty("tool_calls") long toolCalls,
      @JsonProperty("exhausted") String exhausted) {
    /** Nothing spent. */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, null);
  }

  /**
   * The routing table's choice, or why it could not choose.
   *
   * @param path the labels of the route taken; empty for the default route and when undecided
   * @param runbook the actions of the route; empty when undecided
   * @param fallback whether every route was decidably false and this is the default
   * @param basis what it routed on: {@code alert} (the alert's own fields) or {@code
   *     classification} (after the model's classification)
   * @param undecided why each route that could not be decided could not ({@code Severity = P0
   *     (Critical) > API Latency > 5s: fact 'api_latency' is missing}); empty when the table
   *     decided, else the run took no routed action and escalated
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RouteRecord(
      @JsonProperty("path") List<String> path,
      @JsonProperty("runbook") List<String> runbook,
      @JsonProperty("fallback") boolean fallback,
      @JsonProperty("basis") String basis,
      @JsonProperty("undecided") List<String> undecided) {

    /** Copies the lists; a missing {@code undecided} is empty. */
    public RouteRecord {
      path = path == null ? List.of() : List.copyOf(path);
      runbook = runbook == null ? List.of() : List.copyOf(runbook);
      undecided = undecided == null ? List.of() : List.copyOf(undecided);
    }

    /** A decided choice. */
    public RouteRecord(List<String> path, List<String> runbook, boolean fallback, String basis) {
      this(path, runbook, fallback, basis, List.of());
    }

    /** Whether the table chose a runbook. */
    @JsonIgnore
    public boolean decided() {
      return undecided.isEmpty();
    }
  }
}
