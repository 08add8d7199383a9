package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Quantity;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Facts as JSON and back: a plain number as a JSON number, any other quantity as its literal
 * ({@code "12%"}, {@code "350ms"}, {@code "10_pods"}), which {@link Facts#fromJson} reads back as
 * the same quantity.
 *
 * <pre>{@code
 * ObjectNode json = FactsJson.toJson(facts);
 * Facts back = FactsJson.fromJson(json);
 * }</pre>
 */
public final class FactsJson {
  private FactsJson() {}

  /** {@code facts} as a JSON object. */
  public static ObjectNode toJson(Facts facts) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String name : facts.names()) {
      out.set(name, value(facts.get(name).orElseThrow()));
    }
    return out;
  }

  /**
   * A JSON object of fact values as facts; members that cannot be facts (objects, {@code null},
   * arrays holding objects) are left out rather than failing.
   */
  public static Facts fromJson(JsonNode object) {
    Facts.Builder b = Facts.builder();
    if (object == null || !object.isObject()) {
      return b.build();
    }
    ObjectNode usable = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (isFactValue(e.getValue())) {
        usable.set(e.getKey(), e.getValue());
      }
    }
    try {
      // One pass when every value converts, which is the common case.
      return Facts.fromJson(usable);
    } catch (RuntimeException e) {
      // A value out of range: convert one by one and leave that one out.
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      JsonNode v = e.getValue();
      if (!isFactValue(v)) {
        continue;
      }
      ObjectNode one = JsonNodeFactory.instance.objectNode();
      one.set(e.getKey(), v);
      try {
        b.putAll(Facts.fromJson(one));
      } catch (RuntimeException ex) {
        // A value that is not a fact is not a fact; conditions that read it see it missing.
      }
    }
    return b.build();
  }

  private static boolean isFactValue(JsonNode v) {
    if (v == null || v.isNull() || v.isObject()) {
      return false;
    }
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (e.isArray() || e.isObject() || e.isNull()) {
          return false;
        }
      }
    }
    return true;
  }

  /** One fact value as JSON. */
  public static JsonNode value(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v instanceof Quantity q) {
      return q.dimension() == Quantity.Dimension.NUMBER
          ? number(q.amount())
          : f.stringNode(q.toString());
    }
    if (v instanceof List<?> list) {
      ArrayNode a = f.arrayNode();
      list.forEach(e -> a.add(value(e)));
      return a;
    }
    return f.stringNode(String.valueOf(v));
  }

  /**
   * A number as JSON that reads back as the same JSON: a whole number as an integer ({@code 1800},
   * never {@code 1.8E+3}), any other as a double.
   */
  private static JsonNode number(java.math.BigDecimal amount) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    java.math.BigDecimal whole = amount.stripTrailingZeros();
    if (whole.scale() <= 0 && whole.precision() - whole.scale() <= 18) {
      return f.numberNode(whole.longValueExact());
    }
    return f.numberNode(amount.doubleValue());
  }
}
