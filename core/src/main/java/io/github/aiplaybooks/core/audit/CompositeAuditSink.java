package io.github.aiplaybooks.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Sends each event to several sinks; see {@link AuditSink#composite(AuditSink...)}. */
final class CompositeAuditSink implements AuditSink {
  private final List<AuditSink> sinks;

  CompositeAuditSink(List<AuditSink> sinks) {
    this.sinks = sinks;
  }

  @Override
  public void accept(AuditEvent event) {
    each("accept event " + event.sequence() + " of run " + event.runId(), s -> s.accept(event));
  }

  @Override
  public void flush() {
    each("flush", AuditSink::flush);
  }

  @Override
  public void close() {
    each("close", AuditSink::close);
  }

  private void each(String what, Consumer<AuditSink> action) {
    List<RuntimeException> errors = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (AuditSink sink : sinks) {
      try {
        action.accept(sink);
      } catch (RuntimeException e) {
        errors.add(e);
        failed.add(sink.toString());
      }
    }
    if (!errors.isEmpty()) {
      AuditException e =
          new AuditException(
              "AUDIT_SINK_FAILED",
              "Audit sinks " + failed + " failed to " + what + ": " + errors.get(0).getMessage(),
              errors.get(0));
      for (int i = 1; i < errors.size(); i++) {
        e.addSuppressed(errors.get(i));
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "CompositeAuditSink" + sinks;
  }
}
