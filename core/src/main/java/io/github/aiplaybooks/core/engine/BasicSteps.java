package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.Explanation;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.core.condition.Truth;
import io.github.aiplaybooks.core.playbook.CollectSpec;
import io.github.aiplaybooks.core.playbook.DecideSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckSpec;
import io.github.aiplaybooks.core.playbook.NotifySpec;
import io.github.aiplaybooks.core.playbook.ReceiveSpec;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.tool.FactsJson;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The steps without the model and without actions: receive, health check, collect, decide, notify.
 */
final class BasicSteps {
  private BasicSteps() {}

  // ---- receive ----

  static Done receive(Run run, Step step, ReceiveSpec spec) {
    String source = run.trigger.contextText("source").orElse(null);
    if (!spec.sources().isEmpty() && source != null && !spec.sources().contains(source)) {
      // Checked before the run started too; kept here for resumed runs.
      return Done.failed(
          "the alert's source "
              + source
              + " is not one of "
              + spec.sources()
              + " this step receives");
    }
    String summary = "received " + run.trigger.describe();
    run.note(step.key(), summary);
    return Done.completed(summary);
  }

  // ---- health check ----

  static Done healthCheck(Run run, Step step, HealthCheckSpec spec) {
    Set<String> names = factNames(spec.checks());
    Facts fresh = run.readFacts(step.key(), names);
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode freshJson = FactsJson.toJson(fresh);
    freshJson.properties().forEach(e -> run.setTrusted(e.getKey(), e.getValue()));
    Facts facts = fresh.withDefaults(run.trustedFacts());
    List<String> failing = new ArrayList<>();
    for (Condition c : spec.checks()) {
      Truth t = truth(c, facts);
      if (t != Truth.TRUE) {
        failing.add(
            c.source()
                + " is "
                + (t == Truth.FALSE ? explain(c, facts) : "unknown (a fact is missing)"));
      }
    }
    run.setTrusted("healthy", f.booleanNode(failing.isEmpty()));
    if (failing.isEmpty()) {
      String summary = "every health check holds again: nothing to do";
      run.note(step.key(), summary);
      run.end(summary);
      return Done.completed(summary);
    }
    String summary = "unhealthy: " + String.join("; ", failing);
    run.note(step.key(), summary);
    return Done.completed(summary);
  }

  static Set<String> factNames(List<Condition> conditions) {
    Set<String> names = new LinkedHashSet<>();
    conditions.forEach(c -> names.addAll(c.factNames()));
    return names;
  }

  static Truth truth(Condition c, Facts facts) {
    try {
      return c.evaluate(facts);
    } catch (ConditionException e) {
      return Truth.UNKNOWN;
    }
  }

  static String explain(Condition c, Facts facts) {
    try {
      Explanation e = c.explain(facts);
      return e.text();
    } catch (ConditionException e) {
      return c.source() + ": " + e.getMessage();
    }
  }

  // ---- collect ----

  static Done collect(Run run, Step step, CollectSpec spec) {
    List<Callable<ToolResult>> calls = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ToolRef ref : spec.calls()) {
      ObjectNode args;
      try {
        args = run.fill(ref.arguments());
      } catch (IllegalArgumentException e) {
        String why = ref.source() + ": " + e.getMessage();
        run.note(step.key(), "not called: " + why);
        names.add(ref.name() + " (not called: " + e.getMessage() + ")");
        continue;
      }
      names.add(ref.name());
      calls.add(() -> run.read(step.key(), ToolRequest.read(ref.name(), args)));
    }
    List<String> metricNames = new ArrayList<>();
    if (spec.calls().isEmpty()) {
      if (!spec.metrics().isEmpty()) {
        ToolDescriptor t = readToolFor(run, "get_metric_data");
        for (String metric : spec.metrics()) {
          if (t == null) {
            run.note(
                step.key(), "no read-only tool gets metric data: " + metric + " not collected");
            continue;
          }
          ObjectNode args = window(run, spec.timeframe().orElse(null));
          args.put("metric", metric);
          metricNames.add(metric);
          names.add(t.name() + " " + metric);
          calls.add(() -> run.read(step.key(), ToolRequest.read(t.name(), args)));
        }
      } else if (!spec.breakdown().isEmpty()) {
        ToolDescriptor t = readToolFor(run, "get_cost_and_usage");
        if (t == null) {
          run.note(step.key(), "no read-only tool gets cost and usage: nothing collected");
        } else {
          ObjectNode args = window(run, spec.timeframe().orElse(null));
          ArrayNode breakdown = args.putArray("breakdown");
          spec.breakdown().forEach(breakdown::add);
          names.add(t.name());
          calls.add(() -> run.read(step.key(), ToolRequest.read(t.name(), args)));
        }
      }
    }
    if (calls.isEmpty()) {
      return Done.completed("nothing to collect");
    }
    List<ToolResult> results =
        spec.parallel() && calls.size() > 1 ? parallel(run, calls) : sequential(calls);
    int failed = 0;
    for (int i = 0; i < results.size(); i++) {
      ToolResult r = results.get(i);
      if (r.error()) {
        failed++;
      }
      if (i < metricNames.size() && !r.error()) {
        run.setOutput(step, metricNames.get(i), metricValue(r));
      }
    }
    if (!spec.breakdown().isEmpty() && spec.calls().isEmpty() && metricNames.isEmpty()) {
      ToolResult r = results.get(0);
      if (!r.error()) {
        run.setTrusted(
            "cost_breakdown",
            r.structured() != null
                ? r.structured()
                : JsonNodeFactory.instance.stringNode(r.text()));
      }
    }
    String summary =
        (spec.parallel() ? "in parallel: " : "")
            + results.size()
            + " call(s)"
            + (failed > 0 ? ", " + failed + " failed" : "")
            + ": "
            + String.join(", ", names);
    run.note(step.key(), "collected " + summary);
    return Done.completed(summary);
  }

  private static JsonNode metricValue(ToolResult r) {
    JsonNode s = r.structured();
    if (s != null) {
      JsonNode v = s.get("value");
      return v != null && (v.isNumber() || v.isString()) ? v : s;
    }
    String t = r.text().strip();
    try {
      return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(t));
    } catch (NumberFormatException e) {
      return JsonNodeFactory.instance.stringNode(t);
    }
  }

  private static ObjectNode window(Run run, TimeWindow window) {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    if (window != null) {
      Instant now = run.now();
      args.put("start_time", window.startAt(now).toString());
      args.put("end_time", window.endAt(now).toString());
    }
    JsonNode ns = run.trusted.get("namespace");
    if (ns != null && ns.isString()) {
      args.set("namespace", ns);
    }
    return args;
  }

  static ToolDescriptor readToolFor(Run run, String action) {
    for (ToolDescriptor d : run.gate.readTools()) {
      if (d.action() != null
          && run.gate
              .catalog()
              .resolve(d.action())
              .map(x -> x.name().equals(action))
              .orElse(false)) {
        return d;
      }
    }
    return null;
  }

  private static List<ToolResult> sequential(List<Callable<ToolResult>> calls) {
    List<ToolResult> out = new ArrayList<>();
    for (Callable<ToolResult> c : calls) {
      out.add(call(c));
    }
    return out;
  }

  private static ToolResult call(Callable<ToolResult> c) {
    try {
      return c.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs the calls at the same time on the engine's executor, each with the run id in its MDC, and
   * waits for all: the step takes about as long as its slowest call. A call the executor rejects
   * runs on this thread.
   */
  private static List<ToolResult> parallel(Run run, List<Callable<ToolResult>> calls) {
    List<FutureTask<ToolResult>> tasks = new ArrayList<>();
    for (Callable<ToolResult> c : calls) {
      FutureTask<ToolResult> task =
          new FutureTask<>(io.github.aiplaybooks.core.audit.RunMdc.wrap(c));
      tasks.add(task);
      try {
        run.engine.executor().execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    }
    List<ToolResult> out = new ArrayList<>();
    RuntimeException failure = null;
    for (FutureTask<ToolResult> t : tasks) {
      try {
        out.add(t.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for parallel tool calls", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re && failure == null) {
          failure = re;
        } else if (cause instanceof Error err) {
          throw err;
        }
        out.add(ToolResult.error(String.valueOf(cause)));
      }
    }
    if (failure != null) {
      // A budget that ran out, or a stop, ends the step after every call has ended.
      throw failure;
    }
    return out;
  }

  // ---- decide ----

  static Done decide(Run run, Step step, DecideSpec spec) {
    List<Condition> conditions = new ArrayList<>();
    spec.rollbackCondition().ifPresent(conditions::add);
    spec.condition().ifPresent(conditions::add);
    Facts facts = run.factsFor(step.key(), conditions);
    List<String> why = new ArrayList<>();
    boolean proceed = true;
    if (spec.rollbackCondition().isPresent()) {
      Condition c = spec.rollbackCondition().get();
      Truth t = truth(c, facts);
      if (t == Truth.TRUE) {
        why.add("rollback_if holds: " + explain(c, facts));
      } else {
        proceed = false;
        why.add(
            t == Truth.FALSE
                ? "no rollback_if condition holds (" + explain(c, facts) + ")"
                : "rollback_if cannot be decided: "
                    + missing(c, facts)
                    + " (fail closed: no action)");
      }
    }
    if (spec.condition().isPresent()) {
      Condition c = spec.condition().get();
      Truth t = truth(c, facts);
      if (t == Truth.TRUE) {
        why.add("if holds: " + explain(c, facts));
      } else {
        proceed = false;
        why.add(
            t == Truth.FALSE
                ? "if does not hold (" + explain(c, facts) + ")"
                : "if cannot be decided: " + missing(c, facts));
      }
    }
    run.proceed = proceed;
    run.proceedReason = String.join("; ", why);
    run.setTrusted("proceed", JsonNodeFactory.instance.booleanNode(proceed));
    String summary = (proceed ? "proceed: " : "do not proceed: ") + run.proceedReason;
    run.note(step.key(), summary);
    if (!proceed && why.stream().anyMatch(w -> w.contains("cannot be decided"))) {
      run.escalate(step.key(), "step " + step.key() + " could not decide: " + run.proceedReason);
    }
    return Done.completed(summary);
  }

  static String missing(Condition c, Facts facts) {
    try {
      Set<String> m = c.explain(facts).missingFacts();
      return m.isEmpty() ? "a fact is missing" : "missing " + String.join(", ", m);
    } catch (ConditionException e) {
      return e.getMessage();
    }
  }

  // ---- notify ----

  static Done notify(Run run, Step step, NotifySpec spec) {
    String message =
        spec.message()
            .map(t -> run.fill(t.text(), true))
            .orElse(
                "Playbook "
                    + run.playbook.name()
                    + ", run "
                    + run.runId
                    + ": "
                    + (run.statusReason != null ? run.statusReason : "step " + step.key()));
    Decision d = run.gate.policy().decide(ActionRequest.of("notify", Facts.empty()));
    if (d.isDenied()) {
      String summary = "not sent: the policy refused notify (" + d.rule() + ")";
      run.note(step.key(), summary);
      return Done.completed(summary);
    }
    int sent = 0;
    List<String> channels =
        spec.channels().isEmpty() ? run.engine.escalationChannels() : spec.channels();
    for (String channel : channels) {
      if (run.send(
          step.key(),
          Notification.Kind.MESSAGE,
          channel,
          run.playbook.name() + ": " + firstLine(message),
          message)) {
        sent++;
      }
    }
    String summary = "sent to " + sent + " of " + channels.size() + " channel(s): " + message;
    run.note(step.key(), summary);
    return Done.completed(summary);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
