package io.github.aiplaybooks.core.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.CallerFaultException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One thing that happened in a run, as structured data: which run, its place in the run ({@code
 * seq}, from 1), when (from the engine's injected clock), what ({@link AuditEventType}), in which
 * step, and the details as a JSON object. The data tree is a private copy; treat it as read-only.
 *
 * <p>As JSON: {@code {"run_id": ..., "seq": 3, "time": "2024-01-01T00:00:00Z", "type": "LLM_CALL",
 * "step": "2_classify", "data": {...}}} ({@link #toJson()}, {@link #fromJson}).
 *
 * <pre>{@code
 * AuditEvent e = new AuditEvent("run-1", 1, clock.instant(), AuditEventType.RUN_STARTED, null, data);
 * }</pre>
 *
 * @param runId the run
 * @param sequence the event's place in its run, from 1
 * @param time when it happened
 * @param type what happened
 * @param step the step it happened in, or {@code null} for run-level events
 * @param data the details, a JSON object (empty when there are none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEvent(
    @JsonProperty("run_id") String runId,
    @JsonProperty("seq") long sequence,
    @JsonProperty("time") Instant time,
    @JsonProperty("type") AuditEventType type,
    @JsonProperty("step") String step,
    @JsonProperty("data") ObjectNode data) {

  /** Checks the members and copies the data. */
  public AuditEvent {
    if (runId == null || runId.isBlank()) {
      throw new CallerFaultException("AUDIT_EVENT_INVALID", "AuditEvent.runId must not be blank");
    }
    if (sequence < 1) {
      throw new CallerFaultException(
          "AUDIT_EVENT_INVALID", "AuditEvent.sequence must be at least 1, was " + sequence);
    }
    Objects.requireNonNull(time, "AuditEvent.time");
    Objects.requireNonNull(type, "AuditEvent.type");
    data = data == null ? JsonNodeFactory.instance.objectNode() : data.deepCopy();
  }

  /** This event as a JSON object with the members named as in the class comment. */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("run_id", runId);
    out.put("seq", sequence);
    out.put("time", time.toString());
    out.put("type", type.name());
    if (step != null) {
      out.put("step", step);
    }
    out.set("data", data.deepCopy());
    return out;
  }

  /**
   * Reads an event written by {@link #toJson()}; unknown members (such as a file sink's hashes) are
   * ignored.
   *
   * @throws CallerFaultException {@code AUDIT_EVENT_INVALID}, naming the member
   */
  public static AuditEvent fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new CallerFaultException("AUDIT_EVENT_INVALID", "An audit event must be a JSON object");
    }
    String runId = text(json, "run_id", true);
    JsonNode seq = json.get("seq");
    if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
      throw new CallerFaultException(
          "AUDIT_EVENT_INVALID", "Audit event member 'seq' must be an integer");
    }
    Instant time;
    try {
      time = Instant.parse(text(json, "time", true));
    } catch (DateTimeParseException e) {
      throw new CallerFaultException(
          "AUDIT_EVENT_INVALID", "Audit event member 'time' is not an ISO-8601 instant", e);
    }
    AuditEventType type;
    try {
      type = AuditEventType.valueOf(text(json, "type", true));
    } catch (IllegalArgumentException e) {
      throw new CallerFaultException(
          "AUDIT_EVENT_INVALID", "Audit event member 'type' is unknown: " + json.get("type"), e);
    }
    JsonNode data = json.get("data");
    if (data != null && !data.isObject()) {
      throw new CallerFaultException(
          "AUDIT_EVENT_INVALID", "Audit event member 'data' must be an object");
    }
    return new AuditEvent(
        runId, seq.longValue(), time, type, text(json, "step", false), (ObjectNode) data);
  }

  private static String text(JsonNode json, String member, boolean required) {
    JsonNode node = json.get(member);
    if (node == null || node.isNull()) {
      if (required) {
        throw new CallerFaultException(
            "AUDIT_EVENT_INVALID", "Audit event member '" + member + "' is missing");
      }
      return null;
    }
    if (!node.isString()) {
      throw new CallerFaultException(
          "AUDIT_EVENT_INVALID", "Audit event member '" + member + "' must be a string");
    }
    return node.stringValue();
  }
}
