package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.engine.RunListener;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.StepResult;
import io.github.aiplaybooks.core.playbook.Step;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Prints a run's progress for {@code playbooks run}: a header per step, one line per model call,
 * tool call, routing choice, decision, approval, change, rollback, verification attempt, escalation
 * and notification, then the step's outcome and how long it took (on the run's clock).
 *
 * <p>Lines of a step are printed when the step ends, so that the tool calls of a parallel collect
 * come out in one order (sorted) whatever order they finished in; a decision that needs a human is
 * printed at once, before the approval question. Thread-safe.
 */
final class RunProgress implements RunListener {
  private final PrintWriter out;
  private final String header;
  private final List<String> pending = new ArrayList<>();

  /** Prints to {@code out}, starting with {@code header} when the run starts. */
  RunProgress(PrintWriter out, String header) {
    this.out = out;
    this.header = header;
  }

  @Override
  public synchronized void onRunStarted(RunState state) {
    out.println(header);
    out.flush();
  }

  @Override
  public synchronized void onStepStarted(RunState state, Step step) {
    out.println("[" + step.key() + "] " + step.action());
    out.flush();
  }

  @Override
  public synchronized void onAuditEvent(AuditEvent event) {
    String line = line(event);
    if (line == null) {
      return;
    }
    pending.add(line);
    JsonNode d = event.data();
    if (event.type() == io.github.aiplaybooks.core.audit.AuditEventType.DECISION
        && "REQUIRE_APPROVAL".equals(d.path("outcome").asString(""))) {
      flushPending();
    }
  }

  @Override
  public synchronized void onStepFinished(RunState state, StepResult result) {
    flushPending();
    Duration took = Duration.between(result.startedAt(), result.finishedAt());
    out.println("  => " + result.status() + " in " + duration(took) + ": " + result.summary());
    out.flush();
  }

  @Override
  public synchronized void onRunFinished(RunResult result) {
    flushPending();
  }

  /** Prints what is pending; consecutive tool calls sorted, so parallel calls print one way. */
  private void flushPending() {
    int i = 0;
    while (i < pending.size()) {
      int j = i;
      while (j < pending.size() && pending.get(j).startsWith("  tool ")) {
        j++;
      }
      if (j > i) {
        List<String> calls = new ArrayList<>(pending.subList(i, j));
        calls.sort(null);
        calls.forEach(out::println);
        i = j;
      } else {
        out.println(pending.get(i));
        i++;
      }
    }
    pending.clear();
    out.flush();
  }

  /** The line for an event, or {@code null} for events the step lines already say. */
  static String line(AuditEvent e) {
    JsonNode d = e.data();
    switch (e.type()) {
      case LLM_CALL:
        if (d.has("outcome") && d.get("outcome").asString("").equals("error")) {
          return "  model call failed: " + d.path("message").asString("");
        }
        return "  model call: "
            + d.path("input_tokens").asLong()
            + " tokens in, "
            + d.path("output_tokens").asLong()
            + " out"
            + (d.has("stop_reason") ? ", " + d.get("stop_reason").asString() : "");
      case TOOL_CALL:
        if (d.path("tool").asString("").equals("facts")) {
          return "  facts read for "
              + String.join(", ", texts(d.path("names")))
              + ": "
              + (d.path("facts").isEmpty() ? "none known" : d.path("facts").toString());
        }
        return "  tool "
            + d.path("tool").asString("?")
            + " "
            + d.path("arguments")
            + ": "
            + d.path("outcome").asString(d.path("status").asString("?"))
            + (d.has("chars") ? ", " + d.get("chars").asLong() + " chars" : "")
            + (d.has("truncated_chars")
                ? " (" + d.get("truncated_chars").asLong() + " cut for the model)"
                : "");
      case ROUTING:
        return "  routing ("
            + d.path("basis").asString("?")
            + "): "
            + (d.path("decided").asBoolean(false)
                ? (d.path("default").asBoolean(false)
                        ? "default route"
                        : String.join(" > ", texts(d.path("route"))))
                    + " -> "
                    + texts(d.path("runbook"))
                : "undecided: " + undecided(d.path("undecided")));
      case DECISION:
        return "  decision "
            + d.path("action").asString("?")
            + on(d)
            + ": "
            + d.path("outcome").asString("?")
            + " by "
            + d.path("rule").asString("?")
            + (d.has("differences") ? "; model claims differ: " + texts(d.get("differences")) : "");
      case APPROVAL:
        return "  approval "
            + d.path("action").asString("?")
            + on(d)
            + ": "
            + d.path("status").asString("?")
            + (d.has("approver") ? " by " + d.get("approver").asString() : "");
      case MUTATION:
        return "  change "
            + d.path("action").asString("?")
            + on(d)
            + ": "
            + d.path("status").asString("?")
            + " ("
            + d.path("mode").asString("?").toLowerCase(java.util.Locale.ROOT)
            + ")"
            + (d.has("inverse") ? "; undo: " + d.get("inverse").asString() : "");
      case ROLLBACK:
        return "  rollback "
            + d.path("action").asString("?")
            + on(d)
            + ": "
            + d.path("status").asString("?")
            + " ("
            + d.path("reason").asString("")
            + ")";
      case VERIFICATION:
        List<String> checks = new ArrayList<>();
        for (JsonNode c : d.path("checks")) {
          checks.add(c.path("check").asString("?") + " " + c.path("result").asString("?"));
        }
        return "  verification attempt "
            + d.path("attempt").asLong()
            + ": "
            + (d.path("passed").asBoolean(false) ? "passed" : "not yet")
            + (checks.isEmpty() ? "" : " (" + String.join(", ", checks) + ")");
      case ESCALATION:
        return "  escalated to a human: " + d.path("reason").asString("");
      case NOTIFICATION:
        return "  notification to "
            + d.path("channel").asString("?")
            + ": "
            + d.path("subject").asString("");
      case FALLBACK:
        return "  fallback: " + d.path("reason").asString("");
      case BUDGET:
        return "  budget " + d.path("budget").asString("?") + ": " + d.path("message").asString("");
      case EMERGENCY_STOP:
        return "  emergency stop: " + d.path("reason").asString("");
      default:
        return null;
    }
  }

  private static String on(JsonNode d) {
    String target = d.path("target").asString("");
    return target.isEmpty() || target.equals("none") ? "" : " on " + target;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asString());
    }
    return out;
  }

  private static String undecided(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode u : array) {
      out.add(String.join(" > ", texts(u.path("route"))) + ": " + u.path("reason").asString(""));
    }
    return String.join("; ", out);
  }

  /** {@code 0s}, {@code 45s}, {@code 2m 30s}, {@code 1h 5m}. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
    }
    return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + "m");
  }
}
