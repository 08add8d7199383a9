package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.report.IncidentReport;
import io.github.aiplaybooks.core.tool.Execution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Makes the incident report from a run's state, redacted. */
final class ReportAssembler {
  private ReportAssembler() {}

  static IncidentReport build(
      PlaybookEngine engine, RunState s, RunStatus status, String reason, Instant finishedAt) {
    List<IncidentReport.TimelineEntry> timeline = new ArrayList<>();
    for (RunState.TimelineEntry t : s.timeline()) {
      timeline.add(new IncidentReport.TimelineEntry(t.time(), t.step(), t.event()));
    }
    List<IncidentReport.ActionEntry> remediation = new ArrayList<>();
    List<IncidentReport.DecisionEntry> decisions = new ArrayList<>();
    List<IncidentReport.ApprovalEntry> approvals = new ArrayList<>();
    Map<String, RunState.ActionRecord> last = new LinkedHashMap<>();
    Set<String> undoneKeys = new HashSet<>();
    for (RunState.JournalEntry j : s.journal()) {
      if (j.undone()) {
        undoneKeys.add(j.key());
      }
    }
    // Per remediation entry: whether the run applied it and then undid it.
    List<Boolean> rolledBack = new ArrayList<>();
    for (RunState.ActionRecord a : s.actions()) {
      decisions.add(
          new IncidentReport.DecisionEntry(
              a.step(),
              a.action(),
              String.valueOf(a.target()),
              a.outcome(),
              a.rule(),
              a.reasons(),
              a.trustedFacts(),
              a.claimedFacts(),
              a.differences()));
      last.put(a.proposal(), a);
    }
    java.util.Set<String> seenApprovals = new java.util.HashSet<>();
    for (RunState.ActionRecord a : s.actions()) {
      if (a.approval() != null && seenApprovals.add(a.approval().request().requestId())) {
        approvals.add(
            new IncidentReport.ApprovalEntry(
                a.approval().request().step(),
                a.action(),
                String.valueOf(a.target()),
                a.approval().status().name(),
                a.approval().response() == null ? null : a.approval().response().approver(),
                a.approval().response() != null
                    ? a.approval().response().comment()
                    : a.approval().error(),
                a.approval().request().requestedAt(),
                a.approval().decidedAt()));
      }
    }
    for (RunState.Proposal p : s.proposals()) {
      RunState.ActionRecord a = last.get(p.id());
      String result;
      String detail;
      if (a != null) {
        result = a.result();
        detail = a.detail();
        if ("DECIDED".equals(result) && p.status() != RunState.ProposalStatus.PENDING) {
          result = "NOT_RUN";
          detail = p.note();
        } else if ("DECIDED".equals(result)) {
          result = "NOT_RUN";
          detail = "decided, but no execute step ran it";
        }
      } else if (p.status() == RunState.ProposalStatus.REJECTED) {
        result = "REJECTED";
        detail = p.note();
      } else {
        result = "NOT_RUN";
        detail = p.note() != null ? p.note() : "no execute step ran it";
      }
      remediation.add(
          new IncidentReport.ActionEntry(
              a != null ? a.step() : p.step(),
              a != null ? a.action() : p.action().action(),
              String.valueOf(p.action().target()),
              a != null ? a.description() : p.action().describe(),
              p.source().name().toLowerCase(java.util.Locale.ROOT),
              a != null ? a.outcome() : null,
              result,
              detail,
              a != null && a.inverse() != null ? a.inverse().describe() : null));
      rolledBack.add(
          a != null
              && a.execution() != null
              && undoneKeys.contains(a.execution().idempotencyKey()));
    }
    List<IncidentReport.VerificationEntry> verification = new ArrayList<>();
    for (RunState.VerificationRecord v : s.verifications()) {
      verification.add(
          new IncidentReport.VerificationEntry(
              v.step(), v.check(), v.result(), v.attempts(), v.detail()));
    }
    List<IncidentReport.RollbackEntry> rollback = new ArrayList<>();
    for (RunState.RollbackRecord r : s.rollbacks()) {
      Execution x = r.execution();
      rollback.add(
          new IncidentReport.RollbackEntry(
              x.action(),
              String.valueOf(x.target()),
              x.status().name(),
              x.detail(),
              r.description()));
    }
    RunState.Usage u = s.usage();
    Budgets b = engine.budgets();
    IncidentReport.Budget budget =
        new IncidentReport.Budget(
            u.llmCalls(),
            b.maxLlmCalls(),
            u.totalTokens(),
            b.maxTokens(),
            u.toolCalls(),
            b.maxToolCalls(),
            Duration.between(s.startedAt(), finishedAt),
            b.maxWallTime(),
            u.exhausted());
    IncidentReport.Lessons lessons =
        s.lessons().isEmpty()
            ? new IncidentReport.Lessons(deterministicLessons(s, status), "engine")
            : new IncidentReport.Lessons(s.lessons(), s.lessonsSource());
    List<String> sections =
        s.reportSections() != null && !s.reportSections().isEmpty()
            ? s.reportSections()
            : IncidentReport.DEFAULT_SECTIONS;
    Map<String, JsonNode> extra = extraSections(s, sections, remediation, rolledBack);
    IncidentReport report =
        new IncidentReport(
            s.runId(),
            s.playbook(),
            status.name(),
            s.dryRun(),
            s.trigger().describe(),
            s.startedAt(),
            finishedAt,
            summary(s, status, reason),
            sections,
            timeline,
            classification(s),
            s.rootCause(),
            remediation,
            decisions,
            approvals,
            verification,
            rollback,
            budget,
            s.escalations(),
            lessons,
            extra);
    // Redact every string of the report; read it back only when something was redacted (reading
    // is the costly half, and most reports hold no secret).
    JsonNode full = report.toFullJson();
    JsonNode redacted = engine.redactor().redact(full);
    return redacted.equals(full) ? report : IncidentReport.fromJson(redacted);
  }

  private static String summary(RunState s, RunStatus status, String reason) {
    StringBuilder b = new StringBuilder();
    b.append("Run ").append(s.runId()).append(" of ").append(s.playbook());
    b.append(" for ").append(s.trigger().describe()).append(" ended ").append(status);
    if (reason != null && !reason.isEmpty()) {
      b.append(": ").append(reason);
    }
    b.append('.');
    long applied = s.actions().stream().filter(RunState.ActionRecord::applied).count();
    long refused = s.actions().stream().filter(RunState.ActionRecord::refused).count();
    b.append(' ')
        .append(s.proposals().size())
        .append(" action(s) proposed, ")
        .append(applied)
        .append(" applied, ")
        .append(refused)
        .append(" not run by decision.");
    if (s.dryRun()) {
      b.append(" Dry run: nothing was changed.");
    }
    if (s.fallback() != null) {
      b.append(" Fallback: ").append(s.fallback()).append('.');
    }
    return b.toString();
  }

  private static IncidentReport.Classification classification(RunState s) {
    JsonNode c = s.classification();
    if (c == null) {
      JsonNode severity = s.trusted().get("severity");
      if (severity == null) {
        return null;
      }
      JsonNode type = s.trusted().get("type");
      return new IncidentReport.Classification(
          severity.asString(),
          type == null ? null : type.asString(),
          "from the alert's own fields",
          null,
          List.of(),
          null,
          "alert");
    }
    List<String> resources = new ArrayList<>();
    for (JsonNode r : c.path("affected_resources")) {
      resources.add(
          r.path("kind").asString("?")
              + " "
              + (r.has("namespace") ? r.path("namespace").asString() + "/" : "")
              + r.path("name").asString("?"));
    }
    return new IncidentReport.Classification(
        c.path("severity").asString(null),
        c.path("type").asString(null),
        c.path("summary").asString(null),
        c.has("confidence") ? c.get("confidence").asDouble() : null,
        resources,
        c.has("blast_radius") ? c.get("blast_radius").asLong() : null,
        "model");
  }

  /** Lessons from what happened, for runs where the model gave none. */
  static List<String> deterministicLessons(RunState s, RunStatus status) {
    List<String> out = new ArrayList<>();
    if (s.fallback() != null) {
      out.add(
          "The model could not be used ("
              + s.fallback()
              + "); check the model endpoint's quotas and the prompts, and keep the routing table"
              + " current, since it decides when the model cannot.");
    }
    for (RunState.ActionRecord a : s.actions()) {
      if (a.differences().isEmpty()) {
        continue;
      }
      out.add(
          "The model's claims differed from what trusted code read for "
              + a.action()
              + " ("
              + String.join("; ", a.differences())
              + "); decisions used the trusted facts.");
      break;
    }
    long denied = s.actions().stream().filter(RunState.ActionRecord::refused).count();
    if (denied > 0) {
      out.add(
          denied
              + " action(s) did not run by the policy's or a human's decision; review whether the"
              + " policy or the runbook should change.");
    }
    if (!s.rollbacks().isEmpty()) {
      boolean failed = s.rollbacks().stream().anyMatch(r -> !r.execution().succeeded());
      out.add(
          "The run rolled back "
              + s.rollbacks().size()
              + " change(s)"
              + (failed ? ", and at least one inverse failed: check the system by hand" : "")
              + "; find out why the remediation did not hold before trying it again.");
    }
    if (s.usage().exhausted() != null) {
      out.add(
          "The run ran out of its "
              + s.usage().exhausted()
              + " budget; raise it if this incident needs more, or narrow the playbook.");
    }
    if (status == RunStatus.STOPPED) {
      out.add("An emergency stop ended the run; release it only once the cause is understood.");
    }
    if (out.isEmpty()) {
      out.add(
          status == RunStatus.COMPLETED
              ? "The playbook handled the incident without a human; keep watching the metrics it"
                  + " verified."
              : "Review the decisions and escalations above.");
    }
    return out;
  }

  /**
   * Sections other than the built-in ones: from the run's values of that name, or from the run for
   * the seed's security and cost sections.
   */
  private static Map<String, JsonNode> extraSections(
      RunState s,
      List<String> sections,
      List<IncidentReport.ActionEntry> remediation,
      List<Boolean> rolledBack) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    JsonNodeFactory f = JsonNodeFactory.instance;
    for (String section : sections) {
      if (IncidentReport.KNOWN_SECTIONS.contains(section)) {
        continue;
      }
      JsonNode value = s.trusted().get(section);
      if (value == null) {
        value = output(s, section);
      }
      if (value == null) {
        switch (section) {
          case "fixed_issues":
          case "optimizations_applied":
            value = actionList(remediation, rolledBack, true, s.dryRun());
            break;
          case "remaining_risks":
          case "recommendations":
            value = actionList(remediation, rolledBack, false, s.dryRun());
            break;
          case "current_spend":
            value = s.trusted().get("cost_breakdown");
            break;
          case "projected_savings":
            value = output(s, "savings");
            break;
          default:
            break;
        }
      }
      out.put(section, value == null ? f.stringNode("nothing recorded") : value);
    }
    return out;
  }

  /**
   * A step's output by its bare name, else by its qualified name ({@code recommend.savings}: the
   * bare name of an output that collides with a trusted name is not stored), the last step's.
   */
  private static JsonNode output(RunState s, String name) {
    JsonNode v = s.outputs().get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, JsonNode> e : s.outputs().properties()) {
      if (e.getKey().endsWith("." + name)) {
        v = e.getValue();
      }
    }
    return v;
  }

  /**
   * The actions that ran ({@code done}) or did not: a change this run undid again is not fixed, so
   * it is listed with what did not run.
   */
  private static ArrayNode actionList(
      List<IncidentReport.ActionEntry> remediation,
      List<Boolean> rolledBack,
      boolean done,
      boolean dryRun) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < remediation.size(); i++) {
      IncidentReport.ActionEntry e = remediation.get(i);
      boolean undone = rolledBack.get(i);
      boolean ran =
          ("APPLIED".equals(e.result()) && !undone)
              || (dryRun && ("DRY_RUN".equals(e.result()) || "NOT_SENT".equals(e.result())));
      if (ran == done) {
        a.add(
            (dryRun && ran ? "would: " : "")
                + e.action()
                + " on "
                + e.target()
                + (done
                    ? ""
                    : undone
                        ? " (APPLIED, then rolled back by this run)"
                        : " (" + e.result() + (e.detail() == null ? "" : ": " + e.detail()) + ")"));
      }
    }
    return a;
  }
}
