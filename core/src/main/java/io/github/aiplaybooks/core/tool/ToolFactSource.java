package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link FactSource} that reads each fact with a read-only tool call: the call (any {@link
 * ToolRef} form, with {@code ${name}} placeholders filled from the query's context and target) and
 * the JSON pointer of the value in the tool's structured result. A text result that is a bare
 * number or boolean is read as that value.
 *
 * <pre>{@code
 * FactSource facts = ToolFactSource.builder()
 *     .fact("error_rate", "aws://cloudwatch/get-metric-data?metric=error_rate&deployment=${deployment}", "/value")
 *     .fact("pod_ready_rate", "kubectl_pod_ready_rate", "/ratio")
 *     .build();
 * }</pre>
 *
 * <p>A call that fails, or a value that is missing or not a number, boolean or string, leaves the
 * fact out. Immutable and thread-safe.
 */
public final class ToolFactSource implements FactSource {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private record Reading(ToolRef ref, String pointer) {}

  private final Map<String, Reading> readings;

  private ToolFactSource(Map<String, Reading> readings) {
    this.readings = Map.copyOf(readings);
  }

  /** A builder with no facts. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Facts read(FactQuery query) {
    Facts.Builder out = Facts.builder();
    for (String name : query.names()) {
      Reading r = readings.get(name);
      if (r == null) {
        continue;
      }
      ObjectNode args = fill(r.ref.arguments(), query);
      if (args == null) {
        continue;
      }
      ToolResult result;
      try {
        result = query.tools().read(ToolRequest.read(r.ref.name(), args));
      } catch (RuntimeException e) {
        continue;
      }
      if (result.error()) {
        continue;
      }
      JsonNode value = valueOf(result, r.pointer);
      if (value != null) {
        ObjectNode one = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        one.set(name, value);
        out.putAll(FactsJson.fromJson(one));
      }
    }
    return out.build();
  }

  private static JsonNode valueOf(ToolResult result, String pointer) {
    JsonNode structured = result.structured();
    if (structured != null) {
      JsonNode v = pointer.isEmpty() ? structured : structured.at(pointer);
      return v.isMissingNode() || v.isNull() || v.isContainer() ? null : v;
    }
    String text = result.text().strip();
    if (text.equals("true") || text.equals("false")) {
      return tools.jackson.databind.node.JsonNodeFactory.instance.booleanNode(
          Boolean.parseBoolean(text));
    }
    try {
      return tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(
          new java.math.BigDecimal(text));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The arguments with placeholders filled, or {@code null} if one has no value. */
  private static ObjectNode fill(ObjectNode args, FactQuery query) {
    ObjectNode out = args.deepCopy();
    for (Map.Entry<String, JsonNode> e : args.properties()) {
      if (!e.getValue().isString()) {
        continue;
      }
      String s = e.getValue().stringValue();
      Matcher m = VARIABLE.matcher(s);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String v = lookup(m.group(1), query);
        if (v == null) {
          return null;
        }
        m.appendReplacement(b, Matcher.quoteReplacement(v));
      }
      m.appendTail(b);
      out.put(e.getKey(), b.toString());
    }
    return out;
  }

  private static String lookup(String name, FactQuery query) {
    switch (name) {
      case "namespace":
        if (query.target().namespace() != null) {
          return query.target().namespace();
        }
        break;
      case "name":
        return query.target().name();
      default:
        break;
    }
    return query.contextText(name).orElse(null);
  }

  /** Builds a {@link ToolFactSource}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Reading> readings = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Reads fact {@code name} by calling {@code reference} and taking the value at {@code pointer}
     * of its structured result ({@code ""} for the whole result).
     *
     * @throws io.github.aiplaybooks.mcp.tool.ToolRefException if {@code reference} is not a tool
     *     reference
     */
    public Builder fact(String name, String reference, String pointer) {
      return fact(name, ToolRef.parse(reference), pointer);
    }

    /** As {@link #fact(String, String, String)}, with a parsed reference. */
    public Builder fact(String name, ToolRef reference, String pointer) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(pointer, "pointer");
      if (!pointer.isEmpty() && !pointer.startsWith("/")) {
        throw new IllegalArgumentException(
            "pointer: '" + pointer + "' is not a JSON pointer (start it with /)");
      }
      readings.put(name, new Reading(reference, pointer));
      return this;
    }

    /** The source. */
    public ToolFactSource build() {
      return new ToolFactSource(readings);
    }
  }
}
