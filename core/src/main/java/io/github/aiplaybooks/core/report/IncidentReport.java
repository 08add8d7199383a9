package io.github.aiplaybooks.core.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incident report of one run: what happened, why, what was decided and by which rule, who
 * approved what, what was verified, what was rolled back, what the run spent, and what to learn.
 * {@link #toJson()} and {@link #toMarkdown()} render it; the engine redacts secrets before it makes
 * one.
 *
 * <p><b>Sections.</b> {@link #sections()} lists the narrative sections to render, in order: the
 * {@code include} list of the playbook's report step ({@code timeline}, {@code root_cause}, {@code
 * remediation}, {@code lessons_learned}, {@code fixed_issues}, ...), or {@link #DEFAULT_SECTIONS}
 * when the playbook has no report step. A section this class does not know is rendered from {@link
 * #extra()}. The <em>safety record</em> is always rendered when it is not empty, whatever the list
 * says: {@code decisions}, {@code approvals}, {@code verification}, {@code rollback} and {@code
 * escalations} — a report never hides a denial, a rollback or a hand-over to a human.
 *
 * <pre>{@code
 * RunResult result = engine.run(playbook, TriggerEvent.alert(alert));
 * Files.writeString(dir.resolve("report.md"), result.report().toMarkdown());
 * Files.writeString(dir.resolve("report.json"), result.report().toJson().toPrettyString());
 * }</pre>
 *
 * @param runId the run
 * @param playbook the playbook's name
 * @param status how the run ended, such as {@code COMPLETED} or {@code ROLLED_BACK}
 * @param dryRun whether the run was a dry run: every change is "would have"
 * @param trigger what started the run, for people
 * @param startedAt when the run started, by the engine's clock
 * @param finishedAt when it ended
 * @param summary one paragraph on what happened
 * @param sections the narrative sections to render, in order
 * @param timeline what happened when
 * @param classification the incident's classification, or {@code null}
 * @param rootCause the root cause, or {@code null}
 * @param remediation the actions proposed and what became of each
 * @param decisions every policy decision, with its reasons, rule and facts
 * @param approvals every approval asked for, and how it ended
 * @param verification every verification check and its result
 * @param rollback every inverse applied (or that failed)
 * @param budget what the run spent of its budgets
 * @param escalations why the run handed the incident to a human, if it did
 * @param lessonsLearned what to learn, or {@code null}
 * @param extra the content of other sections, by name, such as {@code fixed_issues}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentReport(
    @JsonProperty("run_id") String runId,
    @JsonProperty("playbook") String playbook,
    @JsonProperty("status") String status,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("trigger") String trigger,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("summary") String summary,
    @JsonProperty("sections") List<String> sections,
    @JsonProperty("timeline") List<TimelineEntry> timeline,
    @JsonProperty("classification") Classification classification,
    @JsonProperty("root_cause") String rootCause,
    @JsonProperty("remediation") List<ActionEntry> remediation,
    @JsonProperty("decisions") List<DecisionEntry> decisions,
    @JsonProperty("approvals") List<ApprovalEntry> approvals,
    @JsonProperty("verification") List<VerificationEntry> verification,
    @JsonProperty("rollback") List<RollbackEntry> rollback,
    @JsonProperty("budget") Budget budget,
    @JsonProperty("escalations") List<String> escalations,
    @JsonProperty("lessons_learned") Lessons lessonsLearned,
    @JsonProperty("extra") Map<String, JsonNode> extra) {

  /** The section names this class renders itself. */
  public static final Set<String> KNOWN_SECTIONS =
      Set.of(
          "timeline",
          "classification",
          "root_cause",
          "remediation",
          "decisions",
          "approvals",
          "verification",
          "rollback",
          "budget",
          "escalations",
          "lessons_learned");

  /** The sections of a report when the playbook has no report step. */
  public static final List<String> DEFAULT_SECTIONS =
      List.of(
          "timeline",
          "classification",
          "root_cause",
          "remediation",
          "decisions",
          "approvals",
          "verification",
          "rollback",
          "budget",
          "lessons_learned");

  /** The sections rendered whenever they are not empty. */
  public static final List<String> SAFETY_SECTIONS =
      List.of("decisions", "approvals", "verification", "rollback", "escalations");

  /** Checks the required components and copies the lists. */
  public IncidentReport {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(status, "status");
    trigger = trigger == null ? "" : trigger;
    summary = summary == null ? "" : summary;
    sections = sections == null ? DEFAULT_SECTIONS : List.copyOf(sections);
    timeline = copy(timeline);
    remediation = copy(remediation);
    decisions = copy(decisions);
    approvals = copy(approvals);
    verification = copy(verification);
    rollback = copy(rollback);
    escalations = copy(escalations);
    Map<String, JsonNode> e = new LinkedHashMap<>();
    if (extra != null) {
      extra.forEach((k, v) -> e.put(k, v == null ? null : v.deepCopy()));
    }
    extra = java.util.Collections.unmodifiableMap(e);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * The sections rendered, in order: {@link #sections()}, then each {@linkplain #SAFETY_SECTIONS
   * safety section} not already among them that has content.
   */
  public List<String> renderedSections() {
    Set<String> out = new LinkedHashSet<>(sections);
    for (String s : SAFETY_SECTIONS) {
      if (!out.contains(s) && hasContent(s)) {
        out.add(s);
      }
    }
    return new ArrayList<>(out);
  }

  boolean hasContent(String section) {
    switch (section) {
      case "decisions":
        return !decisions.isEmpty();
      case "approvals":
        return !approvals.isEmpty();
      case "verification":
        return !verification.isEmpty();
      case "rollback":
        return !rollback.isEmpty();
      case "escalations":
        return !escalations.isEmpty();
      default:
        return true;
    }
  }

  /**
   * The report as JSON: the header ({@code run_id}, {@code playbook}, {@code status}, {@code
   * dry_run}, {@code trigger}, {@code started_at}, {@code finished_at}, {@code summary}, {@code
   * sections}) and each {@linkplain #renderedSections() rendered section} under its name.
   */
  public ObjectNode toJson() {
    return ReportRendering.json(this);
  }

  /** The whole report as JSON, every section included; {@link #fromJson} reads it back. */
  public ObjectNode toFullJson() {
    return ReportRendering.MAPPER.valueToTree(this);
  }

  /** Reads a report written by {@link #toFullJson()}. */
  public static IncidentReport fromJson(JsonNode json) {
    return ReportRendering.MAPPER.treeToValue(json, IncidentReport.class);
  }

  /** The report as Markdown, for people: a title, a summary table, then each rendered section. */
  public String toMarkdown() {
    return ReportRendering.markdown(this);
  }

  /**
   * One moment of the run.
   *
   * @param time when, by the engine's clock
   * @param step the step key, or {@code null} for the run
   * @param event what happened
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TimelineEntry(
      @JsonProperty("time") Instant time,
      @JsonProperty("step") String step,
      @JsonProperty("event") String event) {}

  /**
   * How the incident was classified.
   *
   * @param severity such as {@code P1}
   * @param type such as {@code resource}
   * @param summary a sentence or two
   * @param confidence the model's confidence, or {@code null}
   * @param affectedResources the resources affected, such as {@code Pod default/api-abc123}
   * @param claimedBlastRadius the pods affected as the model claimed it (evidence only), or {@code
   *     null}
   * @param source {@code model}, or {@code alert} when the fallback classified from the alert's own
   *     fields
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Classification(
      @JsonProperty("severity") String severity,
      @JsonProperty("type") String type,
      @JsonProperty("summary") String summary,
      @JsonProperty("confidence") Double confidence,
      @JsonProperty("affected_resources") List<String> affectedResources,
      @JsonProperty("claimed_blast_radius") Long claimedBlastRadius,
      @JsonProperty("source") String source) {}

  /**
   * An action proposed in the run and what became of it.
   *
   * @param step the step that ran (or would have run) it
   * @param action the action
   * @param target what it acts on
   * @param description what it does
   * @param source who proposed it: {@code plan}, {@code model_tool_call}, {@code routing}, {@code
   *     step}
   * @param outcome the decision: {@code ALLOW}, {@code REQUIRE_APPROVAL}, {@code DENY}, or {@code
   *     null} when none was made
   * @param result what happened: {@code APPLIED}, {@code DRY_RUN}, {@code NOT_SENT}, {@code
   *     DENIED}, {@code NOT_APPROVED}, {@code FAILED}, {@code SKIPPED}, ...
   * @param detail more on the result
   * @param inverse how it would be undone, or {@code null} when it cannot be
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActionEntry(
      @JsonProperty("step") String step,
      @JsonProperty("action") String action,
      @JsonProperty("target") String target,
      @JsonProperty("description") String description,
      @JsonProperty("source") String source,
      @JsonProperty("outcome") String outcome,
      @JsonProperty("result") String result,
      @JsonProperty("detail") String detail,
      @JsonProperty("inverse") String inverse) {}

  /**
   * A policy decision.
   *
   * @param step the step it was made in
   * @param action the action
   * @param target what it acts on
   * @param outcome {@code ALLOW}, {@code REQUIRE_APPROVAL} or {@code DENY}
   * @param rule the rule that decided
   * @param reasons every reason
   * @param trustedFacts the facts it was made on
   * @param claimedFacts what the model claimed about the same things
   * @param differences where claims and trusted facts differ, such as {@code blast_radius: claimed
   *     2, trusted 40}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DecisionEntry(
      @JsonProperty("step") String step,
      @JsonProperty("action") String action,
      @JsonProperty("target") String target,
      @JsonProperty("outcome") String outcome,
      @JsonProperty("rule") String rule,
      @JsonProperty("reasons") List<String> reasons,
      @JsonProperty("trusted_facts") ObjectNode trustedFacts,
      @JsonProperty("claimed_facts") ObjectNode claimedFacts,
      @JsonProperty("differences") List<String> differences) {

    /** Copies the lists and facts. */
    public DecisionEntry {
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
      trustedFacts =
          trustedFacts == null ? JsonNodeFactory.instance.objectNode() : trustedFacts.deepCopy();
      claimedFacts =
          claimedFacts == null ? JsonNodeFactory.instance.objectNode() : claimedFacts.deepCopy();
      differences = differences == null ? List.of() : List.copyOf(differences);
    }
  }

  /**
   * An approval asked for.
   *
   * @param step the step it was asked in
   * @param action the action
   * @param target what it acts on
   * @param status {@code APPROVED}, {@code DENIED}, {@code TIMED_OUT} or {@code FAILED}
   * @param approver who answered, or {@code null}
   * @param comment the answer's comment or the failure, or {@code null}
   * @param requestedAt when it was asked
   * @param decidedAt when it ended
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ApprovalEntry(
      @JsonProperty("step") String step,
      @JsonProperty("action") String action,
      @JsonProperty("target") String target,
      @JsonProperty("status") String status,
      @JsonProperty("approver") String approver,
      @JsonProperty("comment") String comment,
      @JsonProperty("requested_at") Instant requestedAt,
      @JsonProperty("decided_at") Instant decidedAt) {}

  /**
   * A verification check.
   *
   * @param step the step that checked
   * @param check the condition, such as {@code alert_cleared} or {@code error_rate < 1%}
   * @param result {@code TRUE}, {@code FALSE} or {@code UNKNOWN} at the last attempt
   * @param attempts how many times it was evaluated against fresh facts
   * @param detail the facts it read, or why it could not be checked
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VerificationEntry(
      @JsonProperty("step") String step,
      @JsonProperty("check") String check,
      @JsonProperty("result") String result,
      @JsonProperty("attempts") int attempts,
      @JsonProperty("detail") String detail) {}

  /**
   * An inverse applied to undo a change of the run.
   *
   * @param action the inverse action
   * @param target what it acted on
   * @param status {@code APPLIED}, {@code FAILED}, ...
   * @param detail what happened
   * @param undoes the change it undoes
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RollbackEntry(
      @JsonProperty("action") String action,
      @JsonProperty("target") String target,
      @JsonProperty("status") String status,
      @JsonProperty("detail") String detail,
      @JsonProperty("undoes") String undoes) {}

  /**
   * What the run spent.
   *
   * @param llmCalls model calls made
   * @param maxLlmCalls the budget of model calls
   * @param tokens tokens used
   * @param maxTokens the budget of tokens
   * @param toolCalls tool calls made
   * @param maxToolCalls the budget of tool calls
   * @param wallTime how long the run took, by the engine's clock
   * @param maxWallTime the budget of wall time
   * @param exhausted which budget ran out, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Budget(
      @JsonProperty("llm_calls") long llmCalls,
      @JsonProperty("max_llm_calls") long maxLlmCalls,
      @JsonProperty("tokens") long tokens,
      @JsonProperty("max_tokens") long maxTokens,
      @JsonProperty("tool_calls") long toolCalls,
      @JsonProperty("max_tool_calls") long maxToolCalls,
      @JsonProperty("wall_time") Duration wallTime,
      @JsonProperty("max_wall_time") Duration maxWallTime,
      @JsonProperty("exhausted") String exhausted) {}

  /**
   * What to learn from the incident.
   *
   * @param items the lessons
   * @param source {@code model}, or {@code engine} when they were derived from the run without one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Lessons(
      @JsonProperty("items") List<String> items, @JsonProperty("source") String source) {
    /** Copies the items. */
    public Lessons {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }
}
