package io.github.aiplaybooks.core.audit;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit trail of one run: numbers its events from 1, stamps them with the injected clock,
 * redacts secrets from their data, and hands them to a sink. Thread-safe: parallel steps may record
 * at once, and every event gets a distinct sequence number (in the order the sink sees them).
 *
 * <pre>{@code
 * AuditTrail trail = AuditTrail.builder("run-42", sink).clock(clock).build();
 * trail.record(AuditEventType.STEP_STARTED, "2_classify", null);
 * trail.llmCall("2_classify", modelId, 1200, 310, 1510, 840, "tool_use");
 * trail.decision("5_approve", "restart_pod", "ALLOW", List.of("action IN ['restart_pod', ...]"));
 * }</pre>
 */
public final class AuditTrail {
  private final String runId;
  private final AuditSink sink;
  private final Clock clock;
  private final SecretRedactor redactor;
  private final AtomicLong sequence = new AtomicLong();
  private final Object order = new Object();

  private AuditTrail(Builder b) {
    this.runId = b.runId;
    this.sink = b.sink;
    this.clock = b.clock;
    this.redactor = b.redactor;
  }

  /** A builder for the trail of run {@code runId} writing to {@code sink}. */
  public static Builder builder(String runId, AuditSink sink) {
    return new Builder(runId, sink);
  }

  /** The run. */
  public String runId() {
    return runId;
  }

  /** How many events were recorded. */
  public long size() {
    return sequence.get();
  }

  /**
   * Records an event.
   *
   * @param step the step, or {@code null} for run-level events
   * @param data the details (an object; redacted before they are stored), or {@code null}
   * @return the event as stored
   * @throws AuditException if the sink cannot store it
   */
  public AuditEvent record(AuditEventType type, String step, ObjectNode data) {
    Objects.requireNonNull(type, "type");
    ObjectNode safe =
        data == null
            ? JsonNodeFactory.instance.objectNode()
            : (ObjectNode) redactor.redact((JsonNode) data);
    // One lock keeps sequence numbers in the order the sink receives the events.
    synchronized (order) {
      AuditEvent event =
          new AuditEvent(runId, sequence.incrementAndGet(), clock.instant(), type, step, safe);
      sink.accept(event);
      return event;
    }
  }

  /**
   * Records a model call ({@link AuditEventType#LLM_CALL}) with its token counts.
   *
   * @param stopReason the stop reason's wire name, such as {@code end_turn}, or {@code null}
   */
  public AuditEvent llmCall(
      String step,
      String modelId,
      long inputTokens,
      long outputTokens,
      long totalTokens,
      long latencyMs,
      String stopReason) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("model_id", modelId);
    data.put("input_tokens", inputTokens);
    data.put("output_tokens", outputTokens);
    data.put("total_tokens", totalTokens);
    data.put("latency_ms", latencyMs);
    if (stopReason != null) {
      data.put("stop_reason", stopReason);
    }
    return record(AuditEventType.LLM_CALL, step, data);
  }

  /**
   * Records a policy decision ({@link AuditEventType#DECISION}) with its reasons.
   *
   * @param outcome such as {@code ALLOW}, {@code REQUIRE_APPROVAL} or {@code DENY}
   */
  public AuditEvent decision(String step, String action, String outcome, List<String> reasons) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("action", action);
    data.put("outcome", outcome);
    var array = data.putArray("reasons");
    reasons.forEach(array::add);
    return record(AuditEventType.DECISION, step, data);
  }

  /** Builds an {@link AuditTrail}. */
  public static final class Builder {
    private final String runId;
    private final AuditSink sink;
    private Clock clock = Clock.systemUTC();
    private SecretRedactor redactor = SecretRedactor.ofDefaults();

    private Builder(String runId, AuditSink sink) {
      if (runId == null || runId.isBlank()) {
        throw new IllegalArgumentException("runId must not be blank");
      }
      this.runId = runId;
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The clock events are stamped with (default: the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The redactor applied to every event's data (default: {@link SecretRedactor#ofDefaults()}).
     */
    public Builder redactor(SecretRedactor redactor) {
      this.redactor = Objects.requireNonNull(redactor, "redactor");
      return this;
    }

    /** The trail. */
    public AuditTrail build() {
      return new AuditTrail(this);
    }
  }
}
