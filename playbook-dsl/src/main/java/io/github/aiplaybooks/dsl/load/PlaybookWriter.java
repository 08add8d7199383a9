package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.DurationLiteral;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.playbook.AlertTrigger;
import io.github.aiplaybooks.core.playbook.ApproveSpec;
import io.github.aiplaybooks.core.playbook.AssessSpec;
import io.github.aiplaybooks.core.playbook.CollectSpec;
import io.github.aiplaybooks.core.playbook.CompareSpec;
import io.github.aiplaybooks.core.playbook.CustomSpec;
import io.github.aiplaybooks.core.playbook.DecideSpec;
import io.github.aiplaybooks.core.playbook.DetectionPattern;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.ForecastSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckTrigger;
import io.github.aiplaybooks.core.playbook.LlmSpec;
import io.github.aiplaybooks.core.playbook.NotifySpec;
import io.github.aiplaybooks.core.playbook.Opportunity;
import io.github.aiplaybooks.core.playbook.PlanSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.ReasonSpec;
import io.github.aiplaybooks.core.playbook.ReceiveSpec;
import io.github.aiplaybooks.core.playbook.ReportSpec;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Routing;
import io.github.aiplaybooks.core.playbook.ScheduleTrigger;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.playbook.StepSpec;
import io.github.aiplaybooks.core.playbook.Trigger;
import io.github.aiplaybooks.core.playbook.VerifySpec;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import io.github.aiplaybooks.mcp.tool.ToolRefException;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a {@link Playbook} in the format {@link PlaybookLoader} reads, so that loading what was
 * written gives an equal playbook (for JSON and YAML alike).
 *
 * <pre>{@code
 * String json = PlaybookWriter.toJson(playbook);
 * Playbook same = PlaybookLoader.standard().load("copy", json, PlaybookFormat.JSON);
 * }</pre>
 *
 * <p>Conditions are written as given, tool references as written when that reads back the same call
 * (else by tool name with {@code arguments}), durations and windows in their canonical form ({@code
 * 10m}, {@code last_7d}); parameters left at their defaults ({@code with_rollback} and {@code
 * verify} true, the default route {@code escalate}) and a trigger the first step implies are left
 * out, as the seed leaves them out.
 */
public final class PlaybookWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectNameValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(INDENT)
          .withArrayIndenter(INDENT);
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  private PlaybookWriter() {}

  /** The playbook as pretty-printed JSON, ending with a newline. */
  public static String toJson(Playbook playbook) {
    return LocatedTree.JSON.writer().with(PRETTY).writeValueAsString(toTree(playbook)) + "\n";
  }

  /** The playbook as YAML. */
  public static String toYaml(Playbook playbook) {
    return YAML.writeValueAsString(toTree(playbook));
  }

  /** The playbook as a JSON tree, in the format's key order. */
  public static ObjectNode toTree(Playbook playbook) {
    Objects.requireNonNull(playbook, "playbook");
    ObjectNode o = NODES.objectNode();
    o.put("playbook", playbook.name());
    playbook.agent().ifPresent(a -> o.put("agent", a));
    playbook.model().ifPresent(m -> o.put("model", m));
    if (!playbook.trigger().equals(playbook.impliedTrigger())
        || !playbook.triggerExtensions().isEmpty()) {
      ObjectNode trigger = trigger(playbook.trigger());
      playbook.triggerExtensions().forEach(trigger::set);
      o.set("trigger", trigger);
    }
    if (!playbook.inputs().isEmpty()) {
      ObjectNode inputs = o.putObject("inputs");
      playbook.inputs().forEach((name, type) -> inputs.put(name, typeName(type)));
    }
    ObjectNode workflow = o.putObject("workflow");
    for (Step s : playbook.steps()) {
      workflow.set(s.key(), step(s));
    }
    playbook.routing().ifPresent(r -> o.set("routing", routing(r)));
    playbook.extensions().forEach(o::set);
    return o;
  }

  /**
   * The name the format gives a fact type: {@code ratio}, {@code count(pods)}, ...: counts in the
   * canonical form policies write too ({@code count:pods} is read as well).
   */
  static String typeName(FactType type) {
    switch (type.kind()) {
      case COUNT:
        return "count(" + type.countUnit().orElseThrow() + ")";
      case STRING:
        if (!type.values().isEmpty()) {
          throw new IllegalArgumentException("one-of types cannot be written: " + type);
        }
        return "string";
      default:
        return type.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static ObjectNode trigger(Trigger t) {
    ObjectNode o = NODES.objectNode();
    o.put("type", t.type());
    if (t instanceof AlertTrigger) {
      AlertTrigger a = (AlertTrigger) t;
      strings(o, "sources", a.sources());
      strings(o, "severities", a.severities());
    } else if (t instanceof ScheduleTrigger) {
      ScheduleTrigger s = (ScheduleTrigger) t;
      o.put("cron", s.schedule().expression());
      o.put("zone", s.schedule().zone().getId());
    } else if (t instanceof HealthCheckTrigger) {
      HealthCheckTrigger h = (HealthCheckTrigger) t;
      o.put("interval", DurationLiteral.format(h.interval()));
      conditions(o, "checks", h.checks());
    }
    return o;
  }

  private static ObjectNode step(Step step) {
    ObjectNode o = NODES.objectNode();
    o.put("action", step.action());
    spec(o, step.spec());
    step.extensions().forEach(o::set);
    return o;
  }

  private static void spec(ObjectNode o, StepSpec spec) {
    if (spec instanceof ReceiveSpec) {
      strings(o, "sources", ((ReceiveSpec) spec).sources());
    } else if (spec instanceof HealthCheckSpec) {
      HealthCheckSpec h = (HealthCheckSpec) spec;
      o.put("interval", DurationLiteral.format(h.interval()));
      conditions(o, "checks", h.checks());
    } else if (spec instanceof CollectSpec) {
      CollectSpec c = (CollectSpec) spec;
      if (!c.calls().isEmpty()) {
        ArrayNode calls = o.putArray(c.callsKey());
        c.calls().forEach(call -> calls.add(toolCall(call)));
      }
      c.timeframe().ifPresent(w -> o.put("timeframe", w.toString()));
      strings(o, "metrics", c.metrics());
      strings(o, "breakdown", c.breakdown());
    } else if (spec instanceof ReasonSpec) {
      ReasonSpec r = (ReasonSpec) spec;
      strings(o, "extract", r.extract());
      r.reasoning().ifPresent(v -> o.put("reasoning", v));
      strings(o, "gather", r.gather());
    } else if (spec instanceof ForecastSpec) {
      ForecastSpec f = (ForecastSpec) spec;
      f.horizon().ifPresent(w -> o.put("horizon", w.toString()));
      f.confidence().ifPresent(c -> o.put("confidence", c));
    } else if (spec instanceof PlanSpec) {
      PlanSpec p = (PlanSpec) spec;
      conditions(o, "constraints", p.constraints());
      if (!p.opportunities().isEmpty()) {
        ArrayNode ops = o.putArray("opportunities");
        for (Opportunity op : p.opportunities()) {
          ops.addObject().put("type", op.type()).put("savings", op.savings().toString());
        }
      }
    } else if (spec instanceof AssessSpec) {
      AssessSpec a = (AssessSpec) spec;
      strings(o, "categories", a.categories());
      strings(o, "criteria", a.criteria());
      if (!a.patterns().isEmpty()) {
        ArrayNode patterns = o.putArray("patterns");
        a.patterns().stream().map(DetectionPattern::text).forEach(patterns::add);
      }
    } else if (spec instanceof CompareSpec) {
      CompareSpec c = (CompareSpec) spec;
      c.current().ifPresent(v -> o.put("current", v));
      c.previous().ifPresent(v -> o.put("previous", v));
      strings(o, "metrics", c.metrics());
    } else if (spec instanceof DecideSpec) {
      DecideSpec d = (DecideSpec) spec;
      conditions(o, "rollback_if", d.rollbackIf());
      d.condition().ifPresent(c -> o.put("if", c.source()));
    } else if (spec instanceof ApproveSpec) {
      ApproveSpec a = (ApproveSpec) spec;
      conditions(o, "auto_approve_if", a.autoApproveIf());
      conditions(o, "require_human_if", a.requireHumanIf());
    } else if (spec instanceof ExecuteSpec) {
      ExecuteSpec e = (ExecuteSpec) spec;
      e.condition().ifPresent(c -> o.put("if", c.source()));
      if (!e.withRollback()) {
        o.put("with_rollback", false);
      }
      e.timeout().ifPresent(t -> o.put("timeout", DurationLiteral.format(t)));
      e.method().ifPresent(m -> o.put("method", m));
      if (!e.verify()) {
        o.put("verify", false);
      }
      conditions(o, "auto_fix_if", e.autoFixIf());
      conditions(o, "auto_apply_if", e.autoApplyIf());
    } else if (spec instanceof VerifySpec) {
      conditions(o, "checks", ((VerifySpec) spec).checks());
    } else if (spec instanceof ReportSpec) {
      ReportSpec r = (ReportSpec) spec;
      strings(o, "recipients", r.recipients());
      strings(o, "include", r.include());
    } else if (spec instanceof NotifySpec) {
      NotifySpec n = (NotifySpec) spec;
      strings(o, "channels", n.channels());
      n.message().ifPresent(m -> o.put("message", m.text()));
    } else if (spec instanceof CustomSpec) {
      o.setAll(((CustomSpec) spec).params());
    }
    if (spec instanceof LlmSpec) {
      LlmSpec l = (LlmSpec) spec;
      if (!(spec instanceof ReasonSpec)) {
        l.reasoning().ifPresent(v -> o.put("reasoning", v));
      }
      l.output().ifPresent(v -> o.put("output", v));
    }
  }

  /**
   * {@code {"mcp": "<as written>"}} when that reads back the same call, else name and arguments.
   */
  private static ObjectNode toolCall(ToolRef ref) {
    ObjectNode o = NODES.objectNode();
    if (readsBackAs(ref.source(), ref)) {
      o.put("mcp", ref.source());
    } else {
      o.put("mcp", ref.name());
      if (!ref.arguments().isEmpty()) {
        o.set("arguments", ref.arguments());
      }
    }
    return o;
  }

  private static boolean readsBackAs(String source, ToolRef ref) {
    try {
      return ToolRef.parse(source).equals(ref);
    } catch (ToolRefException e) {
      return false;
    }
  }

  private static ObjectNode routing(Routing r) {
    ObjectNode o = NODES.objectNode();
    o.set("routes", routes(r.routes()));
    if (!r.fallback().equals(Routing.DEFAULT_FALLBACK)) {
      strings(o, "default", r.fallback());
    }
    r.extensions().forEach(o::set);
    return o;
  }

  private static ArrayNode routes(List<Route> routes) {
    ArrayNode a = NODES.arrayNode();
    for (Route r : routes) {
      ObjectNode o = a.addObject();
      if (!r.label().isEmpty()) {
        o.put("label", r.label());
      }
      o.put("when", r.when().source());
      if (!r.routes().isEmpty()) {
        o.set("routes", routes(r.routes()));
      }
      strings(o, "runbook", r.runbook());
      r.extensions().forEach(o::set);
    }
    return a;
  }

  private static void strings(ObjectNode o, String key, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = o.putArray(key);
      values.forEach(a::add);
    }
  }

  private static void conditions(ObjectNode o, String key, List<Condition> conditions) {
    if (!conditions.isEmpty()) {
      ArrayNode a = o.putArray(key);
      conditions.forEach(c -> a.add(c.source()));
    }
  }
}
