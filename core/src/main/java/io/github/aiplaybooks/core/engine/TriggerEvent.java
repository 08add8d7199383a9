package io.github.aiplaybooks.core.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What started one run, at run time: an alert, a schedule firing, a failing health check, or a
 * person. (The playbook's {@link io.github.aiplaybooks.core.playbook.Trigger Trigger} says which
 * events start it; this is one such event.)
 *
 * <p>Its <em>context</em> is the named values the playbook's templates ({@code ${namespace}}) and
 * conditions ({@code severity == P0}) read, such as {@code alert_name}, {@code severity}, {@code
 * source}, {@code namespace}, {@code pod}, {@code deployment}. For an alert, every scalar member of
 * the alert is context, and so are the scalar members of its {@code labels} and {@code annotations}
 * objects (Alertmanager's shape) where the alert has no member of that name, with {@code alertname}
 * also as {@code alert_name}. Context comes from the host and its monitoring, never from a model:
 * it is trusted.
 *
 * <pre>{@code
 * TriggerEvent alert = TriggerEvent.alert(mapper.readTree("""
 *     {"alert_name": "pod_crash_loop", "severity": "P1", "source": "prometheus",
 *      "namespace": "default", "pod": "api-service-abc123", "deployment": "api-service"}"""));
 * TriggerEvent tick = TriggerEvent.schedule(Instant.parse("2024-01-01T00:05:00Z"))
 *     .withContext("cluster", "enhanced-eks-cluster");
 * TriggerEvent unhealthy = TriggerEvent.healthCheckFailure(
 *     Map.of("namespace", "default", "deployment", "api-service", "error_rate", 0.04));
 * }</pre>
 *
 * @param type {@code alert}, {@code schedule}, {@code health_check} or {@code manual}
 * @param time when the event happened (the scheduled time), or {@code null}
 * @param payload the event as received (the alert), or {@code null}
 * @param context the values templates and conditions read: JSON scalars (or arrays of them)
 * @param inputs values for the playbook's declared {@code inputs}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerEvent(
    @JsonProperty("type") String type,
    @JsonProperty("time") Instant time,
    @JsonProperty("payload") JsonNode payload,
    @JsonProperty("context") ObjectNode context,
    @JsonProperty("inputs") ObjectNode inputs) {

  /** The event types. */
  public static final String ALERT = "alert";

  /** A schedule fired. */
  public static final String SCHEDULE = "schedule";

  /** A health check failed. */
  public static final String HEALTH_CHECK = "health_check";

  /** A person started the run. */
  public static final String MANUAL = "manual";

  /**
   * Checks the type and copies the trees.
   *
   * @throws IllegalArgumentException if the type is not one of the four, or context holds an object
   */
  public TriggerEvent {
    Objects.requireNonNull(type, "type");
    if (!type.equals(ALERT)
        && !type.equals(SCHEDULE)
        && !type.equals(HEALTH_CHECK)
        && !type.equals(MANUAL)) {
      throw new IllegalArgumentException(
          "type: '" + type + "' is not alert, schedule, health_check or manual");
    }
    payload = payload == null ? null : payload.deepCopy();
    context = context == null ? JsonNodeFactory.instance.objectNode() : context.deepCopy();
    for (Map.Entry<String, JsonNode> e : context.properties()) {
      if (e.getValue().isObject()) {
        throw new IllegalArgumentException(
            "context: '" + e.getKey() + "' is an object; context values are scalars or arrays");
      }
    }
    inputs = inputs == null ? JsonNodeFactory.instance.objectNode() : inputs.deepCopy();
  }

  /**
   * An alert: its scalar members (and those of its {@code labels} and {@code annotations}) become
   * the context, as described above.
   *
   * @throws IllegalArgumentException if {@code alert} is not a JSON object
   */
  public static TriggerEvent alert(JsonNode alert) {
    Objects.requireNonNull(alert, "alert");
    if (!alert.isObject()) {
      throw new IllegalArgumentException(
          "alert: must be a JSON object, was " + alert.getNodeType());
    }
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    copyScalars(alert, context);
    for (String nested : new String[] {"labels", "annotations"}) {
      JsonNode n = alert.get(nested);
      if (n != null && n.isObject()) {
        copyScalars(n, context);
      }
    }
    if (!context.has("alert_name") && context.has("alertname")) {
      context.set("alert_name", context.get("alertname"));
    }
    return new TriggerEvent(ALERT, null, alert, context, null);
  }

  private static void copyScalars(JsonNode from, ObjectNode to) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode v = e.getValue();
      if (!to.has(e.getKey()) && !v.isNull() && !v.isObject() && scalarArray(v)) {
        to.set(e.getKey(), v);
      }
    }
  }

  private static boolean scalarArray(JsonNode v) {
    if (!v.isArray()) {
      return true;
    }
    for (JsonNode e : v) {
      if (e.isContainer() || e.isNull()) {
        return false;
      }
    }
    return true;
  }

  /** A schedule that fired at {@code scheduledTime}; context {@code scheduled_time}. */
  public static TriggerEvent schedule(Instant scheduledTime) {
    Objects.requireNonNull(scheduledTime, "scheduledTime");
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    context.put("scheduled_time", scheduledTime.toString());
    return new TriggerEvent(SCHEDULE, scheduledTime, null, context, null);
  }

  /**
   * A failing health check, with what it knows: {@code namespace}, {@code deployment}, and the
   * health facts it measured ({@code error_rate}, ...), as context.
   */
  public static TriggerEvent healthCheckFailure(Map<String, ?> context) {
    return new TriggerEvent(HEALTH_CHECK, null, null, toContext(context), null);
  }

  /** A run a person started, with {@code context}. */
  public static TriggerEvent manual(Map<String, ?> context) {
    return new TriggerEvent(MANUAL, null, null, toContext(context), null);
  }

  private static ObjectNode toContext(Map<String, ?> values) {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    Objects.requireNonNull(values, "context")
        .forEach((k, v) -> context.set(k, EngineJson.MAPPER.valueToTree(v)));
    return context;
  }

  /** This event with one more context value (a scalar: string, number, boolean). */
  public TriggerEvent withContext(String name, Object value) {
    ObjectNode c = context.deepCopy();
    c.set(Objects.requireNonNull(name, "name"), EngineJson.MAPPER.valueToTree(value));
    return new TriggerEvent(type, time, payload, c, inputs);
  }

  /** This event with a value for the playbook's input {@code name}. */
  public TriggerEvent withInput(String name, Object value) {
    ObjectNode i = inputs.deepCopy();
    i.set(Objects.requireNonNull(name, "name"), EngineJson.MAPPER.valueToTree(value));
    return new TriggerEvent(type, time, payload, context, i);
  }

  /** A copy of the context. */
  @Override
  public ObjectNode context() {
    return context.deepCopy();
  }

  /** A copy of the inputs. */
  @Override
  public ObjectNode inputs() {
    return inputs.deepCopy();
  }

  /** A copy of the payload. */
  @Override
  public JsonNode payload() {
    return payload == null ? null : payload.deepCopy();
  }

  /** The context value {@code name} as text, if present. */
  public Optional<String> contextText(String name) {
    JsonNode v = context.get(name);
    return v == null || v.isNull()
        ? Optional.empty()
        : Optional.of(v.isString() ? v.stringValue() : v.toString());
  }

  /** {@code alert pod_crash_loop (P1) from prometheus}, {@code schedule at ...}, ... */
  @JsonIgnore
  public String describe() {
    switch (type) {
      case ALERT:
        return "alert "
            + contextText("alert_name").orElse("(unnamed)")
            + contextText("severity").map(s -> " (" + s + ")").orElse("")
            + contextText("source").map(s -> " from " + s).orElse("");
      case SCHEDULE:
        return "schedule at " + time;
      case HEALTH_CHECK:
        return "health check failure" + contextText("deployment").map(d -> " of " + d).orElse("");
      default:
        return "manual run";
    }
  }
}
