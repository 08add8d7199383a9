package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import io.github.aiplaybooks.core.llm.InferenceConfig;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.Message;
import io.github.aiplaybooks.core.llm.OutputSchema;
import io.github.aiplaybooks.core.llm.PromptTemplate;
import io.github.aiplaybooks.core.llm.StepSchemas;
import io.github.aiplaybooks.core.llm.StructuredOutput;
import io.github.aiplaybooks.core.llm.StructuredResult;
import io.github.aiplaybooks.core.llm.ToolOutputLimiter;
import io.github.aiplaybooks.core.llm.ToolSpec;
import io.github.aiplaybooks.core.playbook.AssessSpec;
import io.github.aiplaybooks.core.playbook.CompareSpec;
import io.github.aiplaybooks.core.playbook.DetectionPattern;
import io.github.aiplaybooks.core.playbook.ForecastSpec;
import io.github.aiplaybooks.core.playbook.LlmSpec;
import io.github.aiplaybooks.core.playbook.Opportunity;
import io.github.aiplaybooks.core.playbook.PlanSpec;
import io.github.aiplaybooks.core.playbook.ReasonSpec;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.tool.FactsJson;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a step the model works on (reason, forecast, plan, assess, compare): the seed's system
 * prompt and few-shot example, a prompt for the step, the agentic tool loop (read-only tools,
 * within budget), and an answer bound to the step's schema. A valid answer becomes the step's
 * outputs and proposals; anything else takes the {@link Fallback}.
 */
final class LlmStep {
  private static final PromptTemplate STEP_PROMPT = template("step-prompt.txt");
  private static final Map<String, String> GATHER_ACTIONS =
      Map.of(
          "logs", "logs",
          "events", "events",
          "metrics", "get_metric_data",
          "traces", "get_traces");

  private enum Kind {
    CLASSIFY,
    DECIDE,
    REASON,
    FORECAST,
    PLAN,
    ASSESS,
    COMPARE
  }

  private LlmStep() {}

  static Done run(Run run, Step step, LlmSpec spec) {
    if (run.fallback != null) {
      return Done.skipped("the model is not asked after the fallback (" + run.fallback + ")");
    }
    Kind kind = kind(step, spec);
    if (spec instanceof ReasonSpec r) {
      gather(run, step, r.gather());
    }
    OutputSchema schema = schema(kind, spec);
    LlmRequest request = request(run, step, spec, kind);
    List<ToolSpec> tools = readToolSpecs(run);
    StructuredResult result;
    int retries = 0;
    while (true) {
      LlmClient client = run.llm;
      if (run.engine.agenticTools() && !tools.isEmpty()) {
        client = new AgenticToolLoop(run.llm, run, step, tools, run.engine.maxToolRounds());
      }
      result =
          StructuredOutput.builder(client)
              .maxReasks(run.engine.maxReasks())
              .build()
              .ask(request, schema);
      // A throttled or unavailable model is asked again after a pause, a few times, before the
      // run falls back; a refusal or an invalid request is not.
      if (result instanceof StructuredResult.Unavailable u
          && u.failure().retryable()
          && retries < run.engine.modelRetries()) {
        Duration pause = run.engine.modelRetryBackoff().multipliedBy(1L << retries);
        retries++;
        run.note(
            step.key(),
            "the model was "
                + u.kind().name().toLowerCase(java.util.Locale.ROOT)
                + "; asking again in "
                + pause.toSeconds()
                + "s (retry "
                + retries
                + " of "
                + run.engine.modelRetries()
                + ")");
        run.sleep(pause);
        continue;
      }
      break;
    }
    if (result instanceof StructuredResult.Valid valid) {
      return Done.completed(apply(run, step, spec, kind, valid.value()));
    }
    String reason;
    if (result instanceof StructuredResult.Invalid invalid) {
      reason =
          "the model answered outside the schema "
              + invalid.attempts()
              + " times ("
              + invalid.reasons().get(invalid.reasons().size() - 1)
              + ")";
    } else {
      StructuredResult.Unavailable u = (StructuredResult.Unavailable) result;
      reason =
          "the model was " + u.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + u.reason();
    }
    Fallback.take(run, step, reason);
    return new Done(StepStatus.FALLBACK, reason);
  }

  private static Kind kind(Step step, LlmSpec spec) {
    if (spec instanceof ReasonSpec) {
      switch (step.action()) {
        case "analyze_alert":
          return Kind.CLASSIFY;
        case "determine_remediation":
          return Kind.DECIDE;
        default:
          return Kind.REASON;
      }
    }
    if (spec instanceof ForecastSpec) {
      return Kind.FORECAST;
    }
    if (spec instanceof PlanSpec) {
      return Kind.PLAN;
    }
    if (spec instanceof AssessSpec) {
      return Kind.ASSESS;
    }
    return Kind.COMPARE;
  }

  private static OutputSchema schema(Kind kind, LlmSpec spec) {
    switch (kind) {
      case CLASSIFY:
        return StepSchemas.CLASSIFY;
      case DECIDE:
        return StepSchemas.DECIDE;
      case FORECAST:
        return EngineSchemas.FORECAST;
      case PLAN:
        return EngineSchemas.PLAN;
      case ASSESS:
        return EngineSchemas.ASSESS;
      case COMPARE:
        return EngineSchemas.COMPARE;
      default:
        return EngineSchemas.reason(((ReasonSpec) spec).extract());
    }
  }

  private static List<ToolSpec> readToolSpecs(Run run) {
    List<ToolSpec> specs = new ArrayList<>();
    for (ToolDescriptor d : run.gate.readTools()) {
      try {
        specs.add(
            ToolSpec.of(
                d.name(), d.description().isEmpty() ? d.name() : d.description(), d.inputSchema()));
      } catch (RuntimeException e) {
        // A tool whose name or schema a model cannot take is not offered.
      }
    }
    return specs;
  }

  /** Calls the read-only tools that give the kinds of evidence a step asks to gather first. */
  private static void gather(Run run, Step step, List<String> kinds) {
    for (String k : kinds) {
      String action = GATHER_ACTIONS.get(k);
      if (action == null) {
        continue;
      }
      for (ToolDescriptor d : run.gate.readTools()) {
        boolean performs =
            d.action() != null
                && run.gate
                    .catalog()
                    .resolve(d.action())
                    .map(x -> x.name().equals(action))
                    .orElse(false);
        if (performs) {
          run.read(step.key(), ToolRequest.read(d.name(), contextArguments(run)));
          break;
        }
      }
    }
  }

  private static ObjectNode contextArguments(Run run) {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    for (String name : List.of("namespace", "pod", "deployment", "service", "node", "cluster")) {
      JsonNode v = run.trusted.get(name);
      if (v != null && v.isString()) {
        args.set(name, v);
      }
    }
    return args;
  }

  // ---- the request ----

  private static LlmRequest request(Run run, Step step, LlmSpec spec, Kind kind) {
    String alert = alert(run);
    String user;
    switch (kind) {
      case CLASSIFY:
        user = run.engine.prompts().classify().render(Map.of("alert", alert));
        break;
      case DECIDE:
        user =
            run.engine
                .prompts()
                .decide()
                .render(
                    Map.of(
                        "alert",
                        alert,
                        "classification",
                        run.classification == null
                            ? "(none: not classified)"
                            : redacted(run, run.classification).toPrettyString(),
                        "evidence",
                        evidence(run)));
        user += decideHints(run);
        break;
      default:
        user =
            STEP_PROMPT.render(
                Map.of(
                    "instruction",
                    instruction(run, step, spec, kind),
                    "alert",
                    alert,
                    "findings",
                    findings(run),
                    "evidence",
                    evidence(run)));
    }
    LlmRequest.Builder b =
        LlmRequest.builder(run.playbook.model().orElse(run.engine.model()))
            .system(system(run))
            .messages(run.engine.prompts().fewShotMessages())
            .message(Message.user(user))
            .inferenceConfig(
                InferenceConfig.builder()
                    .maxTokens(run.engine.maxOutputTokens())
                    .temperature(0.0)
                    .build())
            .metadata(LlmRequest.METADATA_STEP, step.key())
            .metadata(LlmRequest.METADATA_RUN_ID, run.runId)
            .metadata(LlmRequest.METADATA_PLAYBOOK, truncate(run.playbook.name(), 256));
    return b.build();
  }

  /**
   * The system prompt, rendered with what a custom one may read: {@code playbook}, {@code agent},
   * and the trigger's {@code cluster} and {@code region} when known.
   */
  static String system(Run run) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("playbook", run.playbook.name());
    run.playbook.agent().ifPresent(a -> values.put("agent", a));
    run.trigger.contextText("cluster").ifPresent(c -> values.put("cluster", c));
    run.trigger.contextText("region").ifPresent(r -> values.put("region", r));
    return run.engine.prompts().system().render(values);
  }

  private static String decideHints(Run run) {
    StringBuilder b = new StringBuilder();
    if (run.route != null) {
      b.append("\n\nThe playbook's decision tree suggests: ")
          .append(
              run.route.fallback() ? "(no branch matched)" : String.join(" > ", run.route.path()))
          .append(" -> runbook ")
          .append(run.route.runbook())
          .append('.');
    }
    List<RunState.Proposal> pending = run.pending();
    if (!pending.isEmpty()) {
      b.append(
          "\n\nAlready proposed earlier in this run (include them again only if still right): ");
      b.append(pending.stream().map(p -> p.action().describe()).collect(Collectors.joining("; ")));
    }
    return b.toString();
  }

  private static String instruction(Run run, Step step, LlmSpec spec, Kind kind) {
    StringBuilder b = new StringBuilder();
    b.append("Step ")
        .append(step.key())
        .append(" (")
        .append(step.action())
        .append(") of playbook ")
        .append(run.playbook.name())
        .append(".");
    spec.reasoning().ifPresent(r -> b.append(' ').append(r).append('.'));
    switch (kind) {
      case FORECAST:
        ForecastSpec f = (ForecastSpec) spec;
        b.append(" Forecast demand");
        f.horizon().ifPresent(h -> b.append(" over ").append(h));
        b.append(": the predicted load and its increase over the current load.");
        if (f.confidence().isPresent()) {
          b.append(" The playbook acts only when your confidence exceeds ")
              .append(f.confidence().getAsDouble())
              .append('.');
        }
        break;
      case PLAN:
        PlanSpec p = (PlanSpec) spec;
        b.append(" Propose the plan as actions.");
        if (!p.constraints().isEmpty()) {
          b.append(" It must satisfy every constraint: ")
              .append(
                  p.constraints().stream().map(Condition::source).collect(Collectors.joining("; ")))
              .append('.');
        }
        if (!p.opportunities().isEmpty()) {
          b.append(" Opportunities: ");
          for (Opportunity o : p.opportunities()) {
            b.append(o.type()).append(" saving ").append(o.savings()).append("; ");
          }
        }
        break;
      case ASSESS:
        AssessSpec a = (AssessSpec) spec;
        if (!a.categories().isEmpty()) {
          b.append(" Sort findings into these categories: ")
              .append(String.join(", ", a.categories()))
              .append('.');
        }
        if (!a.criteria().isEmpty()) {
          b.append(" Rank them by: ").append(String.join(", ", a.criteria())).append('.');
        }
        if (!a.patterns().isEmpty()) {
          b.append(" Look for these patterns (use the name before the parentheses as category): ")
              .append(
                  a.patterns().stream()
                      .map(DetectionPattern::text)
                      .collect(Collectors.joining("; ")))
              .append('.');
        }
        b.append(" Propose actions that would fix what you find.");
        break;
      case COMPARE:
        CompareSpec c = (CompareSpec) spec;
        b.append(" Compare the current version");
        c.current().ifPresent(v -> b.append(' ').append(v));
        b.append(" with the previous one");
        c.previous().ifPresent(v -> b.append(' ').append(v));
        if (!c.metrics().isEmpty()) {
          b.append(" on these metrics: ").append(String.join(", ", c.metrics()));
        }
        b.append('.');
        break;
      default:
        ReasonSpec r = (ReasonSpec) spec;
        if (!r.extract().isEmpty()) {
          b.append(" Extract: ").append(String.join(", ", r.extract())).append('.');
        }
        b.append(
            " Give the root cause when you can, and propose actions only when they are needed.");
    }
    return b.toString();
  }

  private static String alert(Run run) {
    JsonNode payload = run.trigger.payload();
    JsonNode shown = payload != null ? payload : run.trigger.context();
    return run.engine.limiter().limit(redacted(run, shown).toPrettyString());
  }

  private static JsonNode redacted(Run run, JsonNode node) {
    return run.engine.redactor().redact(node);
  }

  private static String findings(Run run) {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    synchronized (run) {
      f.set("trusted", run.trusted.deepCopy());
      f.set("model_outputs", run.outputs.deepCopy());
    }
    return run.engine.limiter().limit(redacted(run, f).toPrettyString());
  }

  /** The evidence gathered so far, each result in a tag, cut to four per-call budgets in all. */
  static String evidence(Run run) {
    List<RunState.Evidence> items;
    synchronized (run) {
      items = new ArrayList<>(run.evidence);
    }
    if (items.isEmpty()) {
      return "(no tool output was gathered)";
    }
    StringBuilder b = new StringBuilder();
    for (RunState.Evidence e : items) {
      b.append("<tool_output tool=\"")
          .append(e.tool())
          .append("\" step=\"")
          .append(e.step())
          .append("\" status=\"")
          .append(e.error() ? "error" : "ok")
          .append("\">\n")
          .append(e.text())
          .append("\n</tool_output>\n");
    }
    int budget = run.engine.limiter().budgetChars() * 4;
    return ToolOutputLimiter.builder().maxChars(Math.max(100, budget)).build().limit(b.toString());
  }

  // ---- the answer ----

  private static String apply(Run run, Step step, LlmSpec spec, Kind kind, JsonNode answer) {
    String key = step.key();
    switch (kind) {
      case CLASSIFY:
        {
          run.classification = answer;
          extract(run, step, (ReasonSpec) spec, answer);
          spec.output().ifPresent(o -> run.setOutput(step, o, answer));
          // The table routes on trusted values; the model's classification is readable only by
          // qualified name (classify.type). Undecidable: no routed action, and a human looks.
          Routes.route(run, step, "classification")
              .filter(m -> !m.decided())
              .ifPresent(m -> run.escalate(key, Routes.why(m)));
          String summary =
              "classified "
                  + answer.path("severity").asString("?")
                  + " "
                  + answer.path("type").asString("?")
                  + ": "
                  + answer.path("summary").asString("");
          run.note(key, summary);
          return summary;
        }
      case DECIDE:
        {
          JsonNode plan = answer.get("remediation_plan");
          run.setOutput(step, spec.output().orElse("remediation_plan"), plan);
          run.rootCause = plan.path("root_cause").asString(null);
          int n = proposeAll(run, step, plan.get("actions"));
          if (plan.path("escalate").asBoolean(false)) {
            run.escalate(key, "the model asks a human to look: " + run.rootCause);
          }
          String summary = "remediation plan: " + n + " action(s); root cause: " + run.rootCause;
          run.note(key, summary);
          return summary;
        }
      case FORECAST:
        {
          for (String name : List.of("predicted_load", "predicted_load_increase", "confidence")) {
            run.setOutput(step, name, answer.get(name));
          }
          spec.output().ifPresent(o -> run.setOutput(step, o, answer));
          ForecastSpec f = (ForecastSpec) spec;
          String summary =
              "forecast: load "
                  + answer.path("predicted_load").asString("?")
                  + ", increase "
                  + answer.path("predicted_load_increase").asString("?")
                  + ", confidence "
                  + answer.path("confidence").asString("?");
          if (f.confidence().isPresent()
              && answer.path("confidence").asDouble(0) < f.confidence().getAsDouble()) {
            summary += " (below the playbook's " + f.confidence().getAsDouble() + ")";
          }
          run.note(key, summary);
          return summary;
        }
      case PLAN:
        {
          spec.output().ifPresent(o -> run.setOutput(step, o, answer));
          if (answer.has("cost_increase")) {
            run.setOutput(step, "cost_increase", answer.get("cost_increase"));
          }
          if (answer.has("savings")) {
            run.setOutput(step, "savings", answer.get("savings"));
          }
          int n = proposeAll(run, step, answer.get("actions"));
          int rejected = checkConstraints(run, step, (PlanSpec) spec, answer);
          String summary =
              "plan: "
                  + n
                  + " action(s)"
                  + (rejected > 0 ? ", " + rejected + " rejected by the plan's constraints" : "");
          run.note(key, summary);
          return summary;
        }
      case ASSESS:
        {
          AssessSpec a = (AssessSpec) spec;
          for (String name : List.of("risk", "template_available", "patch_available")) {
            run.setOutput(step, name, answer.get(name));
          }
          for (DetectionPattern p : a.patterns()) {
            ArrayNode found = JsonNodeFactory.instance.arrayNode();
            for (JsonNode finding : answer.path("findings")) {
              if (p.name().equals(finding.path("category").asString(""))) {
                found.add(finding.path("description").asString(""));
              }
            }
            run.setOutput(step, p.name(), found);
          }
          spec.output().ifPresent(o -> run.setOutput(step, o, answer));
          run.setOutput(step, "findings", answer.get("findings"));
          int n = proposeAll(run, step, answer.get("actions"));
          String summary =
              "assessment: " + answer.path("findings").size() + " finding(s), " + n + " action(s)";
          run.note(key, summary);
          return summary;
        }
      case COMPARE:
        {
          CompareSpec c = (CompareSpec) spec;
          for (String m : c.metrics()) {
            JsonNode inc = answer.path("metrics").path(m).get("increase");
            if (inc != null && inc.isNumber()) {
              run.setOutput(step, m + "_increase", inc);
            }
          }
          run.setOutput(step, "regression", answer.get("regression"));
          spec.output().ifPresent(o -> run.setOutput(step, o, answer));
          String summary =
              "comparison: regression="
                  + answer.path("regression").asBoolean(false)
                  + "; "
                  + answer.path("summary").asString("");
          run.note(key, summary);
          return summary;
        }
      default:
        {
          ReasonSpec r = (ReasonSpec) spec;
          extract(run, step, r, answer);
          spec.output().ifPresent(o -> run.setOutput(step, o, answer));
          String cause = answer.path("root_cause").asString(null);
          if (cause != null && !cause.isBlank()) {
            run.rootCause = cause;
          }
          int n = proposeAll(run, step, answer.get("actions"));
          String summary =
              answer.path("summary").asString("") + (n > 0 ? " (" + n + " action(s))" : "");
          run.note(key, "analysis: " + summary);
          return summary;
        }
    }
  }

  private static void extract(Run run, Step step, ReasonSpec spec, JsonNode answer) {
    for (String name : spec.extract()) {
      run.setOutput(step, name, answer.get(name));
    }
  }

  private static int proposeAll(Run run, Step step, JsonNode actions) {
    if (actions == null || !actions.isArray()) {
      return 0;
    }
    int n = 0;
    for (JsonNode a : actions) {
      ObjectNode claims = JsonNodeFactory.instance.objectNode();
      if (a.has("rollback")) {
        claims.set("claimed_rollback", a.get("rollback"));
      }
      JsonNode params = a.get("parameters");
      PlannedAction planned =
          new PlannedAction(
              a.path("action").asString(),
              Targets.fromTarget(a.get("target")),
              params != null && params.isObject() ? (ObjectNode) params : null,
              null,
              null);
      // A later model step (a ranking after an assessment) often lists what an earlier one
      // proposed again: it is one change, decided, asked about and run once. Within one answer
      // the model's list stands as written.
      RunState.Proposal same = run.pendingSameAs(planned, step.key());
      if (same != null) {
        run.note(
            step.key(),
            planned.describe()
                + " is already proposed ("
                + same.id()
                + " by "
                + same.step()
                + "): not proposed twice");
        continue;
      }
      run.propose(
          step.key(),
          RunState.Source.PLAN,
          planned,
          a.path("rationale").asString(null),
          claims,
          false);
      n++;
    }
    return n;
  }

  /** Rejects the plan's proposals that break one of its constraints for certain. */
  private static int checkConstraints(Run run, Step step, PlanSpec spec, JsonNode answer) {
    if (spec.constraints().isEmpty()) {
      return 0;
    }
    int rejected = 0;
    for (RunState.Proposal p : run.pending()) {
      if (!p.step().equals(step.key())) {
        continue;
      }
      Facts.Builder b = Facts.builder().putAll(FactsJson.fromJson(p.action().parameters()));
      JsonNode replicas = p.action().parameters().get("replicas");
      if (replicas != null && replicas.isNumber()) {
        b.put("target_replicas", replicas.doubleValue())
            .put("min_replicas", replicas.doubleValue())
            .put("max_replicas", replicas.doubleValue());
      }
      if (answer.has("cost_increase")) {
        b.put("cost_increase", answer.get("cost_increase").doubleValue());
      }
      Facts facts = b.build().withDefaults(run.trustedFacts());
      for (Condition c : spec.constraints()) {
        Truth t;
        try {
          t = c.evaluate(facts);
        } catch (ConditionException e) {
          t = Truth.UNKNOWN;
        }
        if (t == Truth.FALSE) {
          run.replace(
              p.with(
                  RunState.ProposalStatus.REJECTED,
                  "breaks the plan's constraint " + c.source() + ": " + c.explain(facts).text()));
          run.note(step.key(), p.id() + " rejected: it breaks the constraint " + c.source());
          rejected++;
          break;
        }
      }
    }
    return rejected;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static PromptTemplate template(String name) {
    String resource = "/io/github/aiplaybooks/core/engine/" + name;
    try (InputStream in = LlmStep.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      return PromptTemplate.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
