package io.github.aiplaybooks.core.audit;

import java.util.List;

/**
 * Where audit events go: a hash-chained JSON-lines file ({@link JsonLinesAuditSink}), SLF4J ({@link
 * Slf4jAuditSink}), CloudWatch Logs (the AWS adapter), an in-memory recorder in tests.
 *
 * <p>Contract: {@link #accept} either stores the event or throws; it never drops one silently.
 * Implementations must be thread-safe. Events of one run arrive in sequence order; events of
 * different runs may interleave.
 *
 * <pre>{@code
 * AuditSink sink = AuditSink.composite(JsonLinesAuditSink.open(Path.of("audit.jsonl")),
 *     Slf4jAuditSink.ofDefaults());
 * }</pre>
 */
public interface AuditSink extends AutoCloseable {

  /**
   * Stores one event.
   *
   * @throws AuditException if the event cannot be stored
   */
  void accept(AuditEvent event);

  /** Pushes buffered events to their destination. The default does nothing. */
  default void flush() {}

  /** Flushes and releases resources. The default flushes. */
  @Override
  default void close() {
    flush();
  }

  /**
   * A sink that sends each event to every one of {@code sinks}, in order. If some fail, the rest
   * still receive the event, and then an {@link AuditException} ({@code AUDIT_SINK_FAILED}) naming
   * the failed ones is thrown, with their errors as suppressed exceptions.
   */
  static AuditSink composite(AuditSink... sinks) {
    return new CompositeAuditSink(List.of(sinks));
  }

  /** As {@link #composite(AuditSink...)}. */
  static AuditSink composite(List<? extends AuditSink> sinks) {
    return new CompositeAuditSink(List.copyOf(sinks));
  }
}
