package io.github.aiplaybooks.core.report;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Renders an {@link IncidentReport} as JSON and as Markdown. */
final class ReportRendering {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ReportRendering() {}

  static ObjectNode json(IncidentReport r) {
    ObjectNode full = MAPPER.valueToTree(r);
    ObjectNode out = MAPPER.createObjectNode();
    for (String header :
        List.of(
            "run_id",
            "playbook",
            "status",
            "dry_run",
            "trigger",
            "started_at",
            "finished_at",
            "summary")) {
      if (full.has(header)) {
        out.set(header, full.get(header));
      }
    }
    List<String> rendered = r.renderedSections();
    out.set("sections", MAPPER.valueToTree(rendered));
    for (String section : rendered) {
      JsonNode content =
          IncidentReport.KNOWN_SECTIONS.contains(section)
              ? full.get(section)
              : r.extra().get(section);
      out.set(section, content == null ? MAPPER.getNodeFactory().nullNode() : content);
    }
    return out;
  }

  static String markdown(IncidentReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# Incident report: ").append(r.playbook()).append(" — ").append(r.status());
    b.append("\n\n");
    if (r.dryRun()) {
      b.append(
          "> **Dry run:** nothing was changed. Every change below is what would have happened.\n\n");
    }
    b.append("| | |\n|---|---|\n");
    row(b, "run", r.runId());
    row(b, "status", r.status());
    row(b, "trigger", r.trigger());
    row(b, "started", String.valueOf(r.startedAt()));
    row(b, "finished", String.valueOf(r.finishedAt()));
    b.append('\n');
    if (!r.summary().isEmpty()) {
      b.append(r.summary()).append("\n\n");
    }
    for (String section : r.renderedSections()) {
      section(b, r, section);
    }
    return b.toString();
  }

  private static void section(StringBuilder b, IncidentReport r, String section) {
    b.append("## ").append(title(section)).append("\n\n");
    switch (section) {
      case "timeline":
        if (r.timeline().isEmpty()) {
          b.append("Nothing recorded.\n\n");
          return;
        }
        b.append("| time | step | event |\n|---|---|---|\n");
        for (IncidentReport.TimelineEntry e : r.timeline()) {
          row(b, String.valueOf(e.time()), e.step() == null ? "" : e.step(), e.event());
        }
        b.append('\n');
        return;
      case "classification":
        IncidentReport.Classification c = r.classification();
        if (c == null) {
          b.append("Not classified.\n\n");
          return;
        }
        item(b, "severity", c.severity());
        item(b, "type", c.type());
        item(b, "summary", c.summary());
        item(b, "confidence", c.confidence() == null ? null : String.valueOf(c.confidence()));
        item(
            b,
            "affected resources",
            c.affectedResources() == null || c.affectedResources().isEmpty()
                ? null
                : String.join(", ", c.affectedResources()));
        item(
            b,
            "blast radius (claimed by the model)",
            c.claimedBlastRadius() == null ? null : c.claimedBlastRadius() + " pods");
        item(b, "source", c.source());
        b.append('\n');
        return;
      case "root_cause":
        b.append(r.rootCause() == null ? "Not determined." : r.rootCause()).append("\n\n");
        return;
      case "remediation":
        if (r.remediation().isEmpty()) {
          b.append("No action was proposed.\n\n");
          return;
        }
        b.append("| step | action | target | decision | result | detail | rollback |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (IncidentReport.ActionEntry a : r.remediation()) {
          row(
              b,
              a.step(),
              a.action(),
              a.target(),
              a.outcome(),
              a.result(),
              a.detail(),
              a.inverse() == null ? "none" : a.inverse());
        }
        b.append('\n');
        return;
      case "decisions":
        if (r.decisions().isEmpty()) {
          b.append("No decision was needed.\n\n");
          return;
        }
        for (IncidentReport.DecisionEntry d : r.decisions()) {
          b.append("### ")
              .append(d.outcome())
              .append(": ")
              .append(d.action())
              .append(d.target() == null || d.target().isEmpty() ? "" : " on " + d.target())
              .append("\n\n");
          item(b, "step", d.step());
          item(b, "rule", d.rule());
          for (String reason : d.reasons()) {
            item(b, "because", reason);
          }
          item(b, "trusted facts", "`" + d.trustedFacts() + "`");
          if (!d.claimedFacts().isEmpty()) {
            item(b, "claimed by the model", "`" + d.claimedFacts() + "`");
          }
          for (String diff : d.differences()) {
            item(b, "**differs**", diff);
          }
          b.append('\n');
        }
        return;
      case "approvals":
        if (r.approvals().isEmpty()) {
          b.append("No approval was asked for.\n\n");
          return;
        }
        b.append("| step | action | target | status | approver | comment |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (IncidentReport.ApprovalEntry a : r.approvals()) {
          row(b, a.step(), a.action(), a.target(), a.status(), a.approver(), a.comment());
        }
        b.append('\n');
        return;
      case "verification":
        if (r.verification().isEmpty()) {
          b.append("Nothing was verified.\n\n");
          return;
        }
        b.append("| step | check | result | attempts | detail |\n|---|---|---|---|---|\n");
        for (IncidentReport.VerificationEntry v : r.verification()) {
          row(b, v.step(), v.check(), v.result(), String.valueOf(v.attempts()), v.detail());
        }
        b.append('\n');
        return;
      case "rollback":
        if (r.rollback().isEmpty()) {
          b.append("Nothing was rolled back.\n\n");
          return;
        }
        b.append("| undoes | inverse | target | status | detail |\n|---|---|---|---|---|\n");
        for (IncidentReport.RollbackEntry e : r.rollback()) {
          row(b, e.undoes(), e.action(), e.target(), e.status(), e.detail());
        }
        b.append('\n');
        return;
      case "budget":
        IncidentReport.Budget g = r.budget();
        if (g == null) {
          b.append("Not recorded.\n\n");
          return;
        }
        b.append("| budget | used | limit |\n|---|---|---|\n");
        b.append("| model calls | ").append(g.llmCalls()).append(" | ").append(g.maxLlmCalls());
        b.append(" |\n| tokens | ").append(g.tokens()).append(" | ").append(g.maxTokens());
        b.append(" |\n| tool calls | ")
            .append(g.toolCalls())
            .append(" | ")
            .append(g.maxToolCalls());
        b.append(" |\n| wall time | ")
            .append(duration(g.wallTime()))
            .append(" | ")
            .append(duration(g.maxWallTime()))
            .append(" |\n\n");
        if (g.exhausted() != null) {
          b.append("**Exhausted:** ").append(g.exhausted()).append("\n\n");
        }
        return;
      case "escalations":
        if (r.escalations().isEmpty()) {
          b.append("None.\n\n");
          return;
        }
        for (String e : r.escalations()) {
          b.append("- ").append(e).append('\n');
        }
        b.append('\n');
        return;
      case "lessons_learned":
        IncidentReport.Lessons l = r.lessonsLearned();
        if (l == null || l.items().isEmpty()) {
          b.append("None recorded.\n\n");
          return;
        }
        for (String item : l.items()) {
          b.append("- ").append(item).append('\n');
        }
        b.append("\n_Source: ").append(l.source()).append("._\n\n");
        return;
      default:
        JsonNode extra = r.extra().get(section);
        if (extra == null || extra.isNull()) {
          b.append("Nothing recorded.\n\n");
        } else if (extra.isString()) {
          b.append(extra.stringValue()).append("\n\n");
        } else if (extra.isArray() && allText(extra)) {
          for (JsonNode e : extra) {
            b.append("- ").append(e.stringValue()).append('\n');
          }
          b.append('\n');
        } else {
          b.append("```json\n").append(extra.toPrettyString()).append("\n```\n\n");
        }
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isString()) {
        return false;
      }
    }
    return true;
  }

  private static String title(String section) {
    String t = section.replace('_', ' ');
    return Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }

  private static void item(StringBuilder b, String k, String v) {
    if (v != null) {
      b.append("- ").append(k).append(": ").append(v.replace("\n", " ")).append('\n');
    }
  }

  /** One table row: {@code | a | b |}, each cell escaped. */
  private static void row(StringBuilder b, String... cells) {
    b.append('|');
    for (String c : cells) {
      b.append(' ').append(cell(c)).append(" |");
    }
    b.append('\n');
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  private static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return (ms / 60_000) + "m";
    }
    if (ms % 1000 == 0) {
      return (ms / 1000) + "s";
    }
    return ms + "ms";
  }
}
