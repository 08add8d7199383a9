package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An in-memory {@link AuditSink} for tests, with queries for assertions. Thread-safe; queries
 * return copies.
 *
 * <pre>{@code
 * RecordingAuditSink audit = new RecordingAuditSink();
 * ... run with audit ...
 * assertThat(audit.ofType(AuditEventType.MUTATION)).isEmpty();
 * assertThat(audit.containsInOrder(DECISION, APPROVAL, MUTATION)).isTrue();
 * }</pre>
 */
public final class RecordingAuditSink implements AuditSink {
  private final List<AuditEvent> events = new ArrayList<>();
  private boolean closed;

  /** An empty sink. */
  public RecordingAuditSink() {}

  @Override
  public synchronized void accept(AuditEvent event) {
    events.add(Objects.requireNonNull(event, "event"));
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Every event, in the order received. */
  public synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  /** The events that {@code filter} accepts, in order. */
  public synchronized List<AuditEvent> events(Predicate<AuditEvent> filter) {
    List<AuditEvent> out = new ArrayList<>();
    for (AuditEvent e : events) {
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The events of {@code type}, in order. */
  public List<AuditEvent> ofType(AuditEventType type) {
    return events(e -> e.type() == type);
  }

  /** The events of run {@code runId}, in order. */
  public List<AuditEvent> forRun(String runId) {
    return events(e -> e.runId().equals(runId));
  }

  /** The events of step {@code step}, in order. */
  public List<AuditEvent> forStep(String step) {
    return events(e -> step.equals(e.step()));
  }

  /** The types of every event, in order. */
  public synchronized List<AuditEventType> types() {
    List<AuditEventType> out = new ArrayList<>();
    for (AuditEvent e : events) {
      out.add(e.type());
    }
    return out;
  }

  /** How many events of {@code type} arrived. */
  public int count(AuditEventType type) {
    return ofType(type).size();
  }

  /** The first event of {@code type}. */
  public Optional<AuditEvent> first(AuditEventType type) {
    List<AuditEvent> of = ofType(type);
    return of.isEmpty() ? Optional.empty() : Optional.of(of.get(0));
  }

  /** The last event of {@code type}. */
  public Optional<AuditEvent> last(AuditEventType type) {
    List<AuditEvent> of = ofType(type);
    return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
  }

  /** Whether events of these types arrived in this order (others may come between). */
  public synchronized boolean containsInOrder(AuditEventType... types) {
    int next = 0;
    for (AuditEvent e : events) {
      if (next < types.length && e.type() == types[next]) {
        next++;
      }
    }
    return next == types.length;
  }

  /** Forgets every event. */
  public synchronized void clear() {
    events.clear();
  }
}
