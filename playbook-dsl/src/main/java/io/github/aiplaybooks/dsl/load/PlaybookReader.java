package io.github.aiplaybooks.dsl.load;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.DurationLiteral;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.condition.TimeWindow;
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
import io.github.aiplaybooks.core.playbook.ManualTrigger;
import io.github.aiplaybooks.core.playbook.NotifySpec;
import io.github.aiplaybooks.core.playbook.Opportunity;
import io.github.aiplaybooks.core.playbook.PlanSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.ReasonSpec;
import io.github.aiplaybooks.core.playbook.ReceiveSpec;
import io.github.aiplaybooks.core.playbook.ReportSpec;
import io.github.aiplaybooks.core.playbook.Route;
import io.github.aiplaybooks.core.playbook.Routing;
import io.github.aiplaybooks.core.playbook.Schedule;
import io.github.aiplaybooks.core.playbook.ScheduleException;
import io.github.aiplaybooks.core.playbook.ScheduleTrigger;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.playbook.StepKind;
import io.github.aiplaybooks.core.playbook.StepKindException;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import io.github.aiplaybooks.core.playbook.StepSpec;
import io.github.aiplaybooks.core.playbook.Template;
import io.github.aiplaybooks.core.playbook.TemplateException;
import io.github.aiplaybooks.core.playbook.Trigger;
import io.github.aiplaybooks.core.playbook.VerifySpec;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import io.github.aiplaybooks.mcp.tool.ToolRefException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the typed values of a schema-checked tree into a {@link Playbook.Builder}: conditions,
 * durations, time windows, quantities, tool references, templates and schedules, reporting each
 * that does not parse at its JSON pointer.
 *
 * <p>Structural faults (wrong types, missing or unknown keys) were reported by the schema; here a
 * value of the wrong type is skipped silently. A value that fails to parse is replaced by a neutral
 * placeholder (the condition {@code true}, the tool {@code invalid}, ...), so that list indexes,
 * step numbers and later checks stay right; a playbook read with problems is never returned.
 */
final class PlaybookReader {
  static final Pattern STEP_KEY = Pattern.compile("([1-9][0-9]{0,3})_([a-z][a-z0-9_]*)");

  private static final Condition PLACEHOLDER_CONDITION = Condition.compile("true");
  private static final String PLACEHOLDER = "invalid";

  private final JsonNode root;
  private final Problems problems;
  private final StepKindRegistry kinds;

  PlaybookReader(JsonNode root, Problems problems, StepKindRegistry kinds) {
    this.root = root;
    this.problems = problems;
    this.kinds = kinds;
  }

  Playbook.Builder read(Playbook.Builder b) {
    if (!root.isObject()) {
      return b;
    }
    b.name(text(root.get("playbook")));
    b.agent(text(root.get("agent")));
    b.model(text(root.get("model")));
    JsonNode trigger = root.get("trigger");
    if (trigger != null && trigger.isObject()) {
      b.trigger(trigger(trigger, "/trigger"));
      extensions(trigger).forEach(b::triggerExtension);
    }
    JsonNode inputs = root.get("inputs");
    if (inputs != null && inputs.isObject()) {
      inputs.properties().forEach(e -> input(b, e.getKey(), e.getValue()));
    }
    JsonNode workflow = root.get("workflow");
    if (workflow != null && workflow.isObject()) {
      workflow.properties().forEach(e -> step(e.getKey(), e.getValue()).ifPresent(b::step));
    }
    JsonNode routing = root.get("routing");
    if (routing != null && routing.isObject()) {
      b.routing(routing(routing));
    }
    extensions(root).forEach(b::extension);
    return b;
  }

  /** The {@code x-} keys of an object, in order. */
  private static Map<String, JsonNode> extensions(JsonNode object) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    object
        .properties()
        .forEach(
            e -> {
              if (e.getKey().startsWith("x-")) {
                out.put(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  // --------------------------------------------------------------------------------------------
  // Top level

  private void input(Playbook.Builder b, String name, JsonNode typeNode) {
    String type = text(typeNode);
    if (type == null) {
      return;
    }
    String at = Pointers.child("/inputs", name);
    FactType t = factType(type);
    if (t != null) {
      b.input(name, t);
    } else if (countUnit(type) != null) {
      problems.value(
          at,
          "'"
              + countUnit(type)
              + "' is not a count unit: a word such as pods, and not a time unit (use duration)");
    }
  }

  /**
   * The unit of a count type, written {@code count(UNIT)} (the canonical form, as policies write
   * it) or {@code count:UNIT} (accepted too); else {@code null}.
   */
  static String countUnit(String type) {
    if (type.startsWith("count(") && type.endsWith(")")) {
      return type.substring(6, type.length() - 1);
    }
    if (type.startsWith("count:")) {
      return type.substring(6);
    }
    return null;
  }

  /** The fact type a name stands for, or {@code null}. */
  static FactType factType(String name) {
    switch (name) {
      case "any":
        return FactType.ANY;
      case "boolean":
        return FactType.BOOLEAN;
      case "number":
        return FactType.NUMBER;
      case "string":
        return FactType.STRING;
      case "ratio":
        return FactType.RATIO;
      case "duration":
        return FactType.DURATION;
      case "money":
        return FactType.MONEY;
      case "list":
        return FactType.LIST;
      default:
        String unit = countUnit(name);
        if (unit != null) {
          try {
            return FactType.count(unit);
          } catch (IllegalArgumentException e) {
            return null;
          }
        }
        return null;
    }
  }

  private Trigger trigger(JsonNode node, String at) {
    String type = text(node.get("type"));
    if (type == null) {
      return null;
    }
    switch (type) {
      case "alert":
        return new AlertTrigger(strings(node, "sources", at), strings(node, "severities", at));
      case "schedule":
        {
          String cron = text(node.get("cron"));
          String zone = node.has("zone") ? text(node.get("zone")) : "UTC";
          if (cron == null || zone == null) {
            return null;
          }
          try {
            return new ScheduleTrigger(Schedule.cron(cron, zone));
          } catch (ScheduleException e) {
            boolean zoneFault = e.reason().startsWith("unknown time zone");
            problems.value(at + (zoneFault ? "/zone" : "/cron"), e.getMessage());
            return new ManualTrigger();
          }
        }
      case "health_check":
        return new HealthCheckTrigger(
            durationOr(node, "interval", at, Duration.ofSeconds(30)),
            conditions(node, "checks", at));
      case "manual":
        return new ManualTrigger();
      default:
        return null;
    }
  }

  private Routing routing(JsonNode node) {
    List<Route> routes = routes(node.get("routes"), "/routing/routes");
    List<String> fallback =
        node.has("default") ? strings(node, "default", "/routing") : Routing.DEFAULT_FALLBACK;
    return new Routing(routes, fallback, extensions(node));
  }

  private List<Route> routes(JsonNode array, String at) {
    List<Route> routes = new ArrayList<>();
    if (array == null || !array.isArray()) {
      return routes;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode r = array.get(i);
      String here = Pointers.child(at, i);
      if (!r.isObject()) {
        continue;
      }
      String label = r.has("label") && r.get("label").isString() ? r.get("label").asString() : "";
      Condition when = conditionOr(r.get("when"), here + "/when");
      routes.add(
          new Route(
              label,
              when,
              routes(r.get("routes"), here + "/routes"),
              strings(r, "runbook", here),
              extensions(r)));
    }
    return routes;
  }

  // --------------------------------------------------------------------------------------------
  // Steps

  private Optional<Step> step(String key, JsonNode node) {
    Matcher m = STEP_KEY.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    int order = Integer.parseInt(m.group(1));
    String name = m.group(2);
    String at = Pointers.child("/workflow", key);
    if (!node.isObject()) {
      return Optional.of(placeholder(order, name, PLACEHOLDER));
    }
    String action = text(node.get("action"));
    if (action == null) {
      return Optional.of(placeholder(order, name, PLACEHOLDER));
    }
    Map<String, JsonNode> extensions = extensions(node);
    StepKind kind;
    try {
      kind = kinds.kind(action);
    } catch (StepKindException e) {
      // Reported by the model's rules, with the known actions.
      return Optional.of(placeholder(order, name, action));
    }
    StepSpec spec = spec(kind.specType(), node, at);
    return Optional.of(new Step(order, name, action, spec, extensions));
  }

  private static Step placeholder(int order, String name, String action) {
    return new Step(order, name, action, new CustomSpec(JsonNodeFactory.instance.objectNode()));
  }

  private StepSpec spec(Class<? extends StepSpec> type, JsonNode n, String at) {
    if (type == ReceiveSpec.class) {
      return new ReceiveSpec(strings(n, "sources", at));
    }
    if (type == HealthCheckSpec.class) {
      return new HealthCheckSpec(
          durationOr(n, "interval", at, Duration.ofSeconds(30)), conditions(n, "checks", at));
    }
    if (type == CollectSpec.class) {
      CollectSpec.Builder b = CollectSpec.builder();
      if (n.has("parallel") && n.has("sources")) {
        problems.add(
            at + "/sources",
            Problems.Target.KEY,
            "a step has either \"parallel\" or \"sources\" tool calls, not both");
      }
      if (n.has("sources")) {
        b.sources(toolCalls(n.get("sources"), at + "/sources"));
      }
      if (n.has("parallel")) {
        b.parallel(toolCalls(n.get("parallel"), at + "/parallel"));
      }
      return b.timeframe(window(n, "timeframe", at))
          .metrics(strings(n, "metrics", at))
          .breakdown(strings(n, "breakdown", at))
          .build();
    }
    if (type == ReasonSpec.class) {
      return ReasonSpec.builder()
          .reasoning(text(n.get("reasoning")))
          .extract(strings(n, "extract", at))
          .output(text(n.get("output")))
          .gather(strings(n, "gather", at))
          .build();
    }
    if (type == ForecastSpec.class) {
      ForecastSpec.Builder b =
          ForecastSpec.builder()
              .horizon(window(n, "horizon", at))
              .reasoning(text(n.get("reasoning")))
              .output(text(n.get("output")));
      if (n.path("confidence").isNumber()) {
        b.confidence(n.get("confidence").asDouble());
      }
      return b.build();
    }
    if (type == PlanSpec.class) {
      return PlanSpec.builder()
          .constraints(conditions(n, "constraints", at))
          .opportunities(opportunities(n.get("opportunities"), at + "/opportunities"))
          .reasoning(text(n.get("reasoning")))
          .output(text(n.get("output")))
          .build();
    }
    if (type == AssessSpec.class) {
      List<DetectionPattern> patterns = new ArrayList<>();
      strings(n, "patterns", at).forEach(p -> patterns.add(DetectionPattern.parse(p)));
      return AssessSpec.builder()
          .categories(strings(n, "categories", at))
          .criteria(strings(n, "criteria", at))
          .patterns(patterns)
          .reasoning(text(n.get("reasoning")))
          .output(text(n.get("output")))
          .build();
    }
    if (type == CompareSpec.class) {
      return CompareSpec.builder()
          .current(text(n.get("current")))
          .previous(text(n.get("previous")))
          .metrics(strings(n, "metrics", at))
          .reasoning(text(n.get("reasoning")))
          .output(text(n.get("output")))
          .build();
    }
    if (type == DecideSpec.class) {
      return DecideSpec.builder()
          .rollbackIf(conditions(n, "rollback_if", at))
          .condition(condition(n, "if", at))
          .build();
    }
    if (type == ApproveSpec.class) {
      return new ApproveSpec(
          conditions(n, "auto_approve_if", at), conditions(n, "require_human_if", at));
    }
    if (type == ExecuteSpec.class) {
      ExecuteSpec.Builder b =
          ExecuteSpec.builder()
              .timeout(duration(n, "timeout", at))
              .method(text(n.get("method")))
              .condition(condition(n, "if", at))
              .autoFixIf(conditions(n, "auto_fix_if", at))
              .autoApplyIf(conditions(n, "auto_apply_if", at));
      if (n.path("with_rollback").isBoolean()) {
        b.withRollback(n.get("with_rollback").asBoolean());
      }
      if (n.path("verify").isBoolean()) {
        b.verify(n.get("verify").asBoolean());
      }
      return b.build();
    }
    if (type == VerifySpec.class) {
      return new VerifySpec(conditions(n, "checks", at));
    }
    if (type == ReportSpec.class) {
      return new ReportSpec(strings(n, "include", at), strings(n, "recipients", at));
    }
    if (type == NotifySpec.class) {
      return NotifySpec.builder()
          .channels(strings(n, "channels", at))
          .message(template(n.get("message"), at + "/message"))
          .build();
    }
    // A user's kind: the parameters as written, checked by the kind.
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    n.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("action") && !e.getKey().startsWith("x-")) {
                params.set(e.getKey(), e.getValue());
              }
            });
    return new CustomSpec(params);
  }

  // --------------------------------------------------------------------------------------------
  // Typed values

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  /**
   * The strings of a list; an element of the wrong type (reported by the schema) is a placeholder.
   */
  private static List<String> strings(JsonNode parent, String key, String at) {
    JsonNode array = parent.get(key);
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(e -> out.add(e.isString() ? e.asString() : PLACEHOLDER));
    }
    return out;
  }

  private List<Condition> conditions(JsonNode parent, String key, String at) {
    JsonNode array = parent.get(key);
    List<Condition> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (int i = 0; i < array.size(); i++) {
        out.add(conditionOr(array.get(i), at + "/" + key + "/" + i));
      }
    }
    return out;
  }

  private Condition condition(JsonNode parent, String key, String at) {
    JsonNode node = parent.get(key);
    return node == null || !node.isString() ? null : conditionOr(node, at + "/" + key);
  }

  private Condition conditionOr(JsonNode node, String at) {
    if (node == null || !node.isString()) {
      return PLACEHOLDER_CONDITION;
    }
    String source = node.asString();
    try {
      return Condition.compile(source);
    } catch (ConditionException e) {
      problems.value(
          at,
          "not a condition: "
              + e.reason()
              + (e.column() > 0 ? " (column " + e.column() + " of '" + source + "')" : ""));
      return PLACEHOLDER_CONDITION;
    }
  }

  private Duration duration(JsonNode parent, String key, String at) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isString()) {
      return null;
    }
    try {
      return DurationLiteral.parse(node.asString());
    } catch (ConditionException e) {
      problems.value(
          at + "/" + key, "expected a duration such as 30s, 10m or 7 days: " + e.reason());
      return null;
    }
  }

  private Duration durationOr(JsonNode parent, String key, String at, Duration placeholder) {
    Duration d = duration(parent, key, at);
    return d != null ? d : placeholder;
  }

  private TimeWindow window(JsonNode parent, String key, String at) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isString()) {
      return null;
    }
    try {
      return TimeWindow.parse(node.asString());
    } catch (ConditionException e) {
      problems.value(
          at + "/" + key,
          "expected a time window such as last_7_days or next_4_hours: " + e.reason());
      return null;
    }
  }

  private List<ToolRef> toolCalls(JsonNode array, String at) {
    List<ToolRef> out = new ArrayList<>();
    if (array == null || !array.isArray()) {
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode call = array.get(i);
      String here = Pointers.child(at, i);
      String reference = call.isObject() ? text(call.get("mcp")) : null;
      JsonNode arguments = call.isObject() ? call.get("arguments") : null;
      if (reference == null) {
        out.add(ToolRef.parse(PLACEHOLDER));
        continue;
      }
      try {
        out.add(
            ToolRef.of(
                reference,
                arguments != null && arguments.isObject() ? (ObjectNode) arguments : null));
      } catch (ToolRefException e) {
        problems.value(here + "/mcp", e.getMessage());
        out.add(ToolRef.parse(PLACEHOLDER));
      }
    }
    return out;
  }

  private Template template(JsonNode node, String at) {
    if (node == null || !node.isString()) {
      return null;
    }
    try {
      return Template.parse(node.asString());
    } catch (TemplateException e) {
      problems.value(at, e.getMessage());
      return Template.parse("");
    }
  }

  private List<Opportunity> opportunities(JsonNode array, String at) {
    List<Opportunity> out = new ArrayList<>();
    if (array == null || !array.isArray()) {
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode o = array.get(i);
      String here = Pointers.child(at, i);
      String type = o.isObject() ? text(o.get("type")) : null;
      String savings = o.isObject() ? text(o.get("savings")) : null;
      Quantity amount = Quantity.dollarsPerMonth(0);
      if (savings != null) {
        try {
          amount = Quantity.parse(savings);
        } catch (ConditionException e) {
          problems.value(
              here + "/savings", "expected an amount of money such as $120/month: " + e.reason());
        }
      }
      out.add(new Opportunity(type != null ? type : PLACEHOLDER, amount));
    }
    return out;
  }
}
