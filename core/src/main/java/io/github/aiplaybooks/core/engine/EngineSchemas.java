package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.llm.OutputSchema;
import io.github.aiplaybooks.core.llm.StepSchemas;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The output schemas of the model steps besides classify and decide (which are {@link
 * StepSchemas}): forecast, plan, assess, compare and lessons learned ship as resources beside this
 * class; a generic reasoning step's schema is made from its {@code extract} list.
 */
final class EngineSchemas {
  private static final String BASE = "/io/github/aiplaybooks/core/engine/";

  static final OutputSchema FORECAST =
      OutputSchema.fromResource(
          "record_forecast",
          "Record the demand forecast: predicted load, its increase, your confidence.",
          BASE + "forecast.schema.json");
  static final OutputSchema PLAN =
      OutputSchema.fromResource(
          "record_plan",
          "Record the plan: a summary, the actions with targets and parameters, your confidence.",
          BASE + "plan.schema.json");
  static final OutputSchema ASSESS =
      OutputSchema.fromResource(
          "record_assessment",
          "Record the assessment: findings by category, the most pressing risk, the actions.",
          BASE + "assess.schema.json");
  static final OutputSchema COMPARE =
      OutputSchema.fromResource(
          "record_comparison",
          "Record the comparison of the versions, metric by metric.",
          BASE + "compare.schema.json");
  static final OutputSchema LESSONS =
      OutputSchema.fromResource(
          "record_lessons",
          "Record the lessons learned from the incident.",
          BASE + "lessons.schema.json");

  private static final Map<List<String>, OutputSchema> REASON = new ConcurrentHashMap<>();

  private EngineSchemas() {}

  /**
   * The schema of a generic reasoning step: {@code summary}, optional {@code root_cause}, {@code
   * findings}, {@code actions} and {@code confidence}, and each extracted field (a string, number,
   * boolean or list).
   */
  static OutputSchema reason(List<String> extract) {
    return REASON.computeIfAbsent(List.copyOf(extract), EngineSchemas::buildReason);
  }

  private static OutputSchema buildReason(List<String> extract) {
    ObjectNode plan = PLAN.schema();
    ObjectNode s = plan.objectNode();
    s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    s.put("title", "Analysis");
    s.put("type", "object");
    s.put("additionalProperties", false);
    ObjectNode props = s.putObject("properties");
    props.set("summary", plan.get("properties").get("summary"));
    props.putObject("root_cause").put("type", "string").put("maxLength", 4000);
    ObjectNode findings = props.putObject("findings").put("type", "array").put("maxItems", 50);
    findings.putObject("items").put("type", "string").put("maxLength", 2000);
    props.set("actions", plan.get("properties").get("actions"));
    props.set("confidence", plan.get("properties").get("confidence"));
    ArrayNode required = s.putArray("required");
    required.add("summary");
    for (String name : extract) {
      if (props.has(name)) {
        continue;
      }
      ObjectNode p = props.putObject(name);
      p.put("description", "The " + name.replace('_', ' ') + " you extract.");
      ArrayNode types = p.putArray("type");
      types.add("string").add("number").add("boolean").add("array");
      p.put("maxLength", 2000);
      p.put("maxItems", 100);
      required.add(name);
    }
    s.set("$defs", (JsonNode) plan.get("$defs"));
    return OutputSchema.of("record_analysis", "Record your analysis and the fields asked for.", s);
  }
}
