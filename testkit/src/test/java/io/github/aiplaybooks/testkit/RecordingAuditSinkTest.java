package io.github.aiplaybooks.testkit;

import static io.github.aiplaybooks.core.audit.AuditEventType.APPROVAL;
import static io.github.aiplaybooks.core.audit.AuditEventType.DECISION;
import static io.github.aiplaybooks.core.audit.AuditEventType.MUTATION;
import static io.github.aiplaybooks.core.audit.AuditEventType.RUN_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingAuditSinkTest {

  @Test
  void queriesFindEventsByTypeRunStepAndOrder() {
    RecordingAuditSink sink = new RecordingAuditSink();
    Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    AuditTrail a = AuditTrail.builder("run-a", sink).clock(clock).build();
    AuditTrail b = AuditTrail.builder("run-b", sink).clock(clock).build();
    a.record(RUN_STARTED, null, null);
    a.decision("5_approve", "delete_node", "REQUIRE_APPROVAL", List.of("require_human_if"));
    b.record(RUN_STARTED, null, null);
    a.record(APPROVAL, "5_approve", null);
    a.record(MUTATION, "6_execute", null);

    assertThat(sink.events()).hasSize(5);
    assertThat(sink.ofType(RUN_STARTED))
        .extracting(e -> e.runId())
        .containsExactly("run-a", "run-b");
    assertThat(sink.forRun("run-a")).hasSize(4);
    assertThat(sink.forStep("5_approve"))
        .extracting(e -> e.type())
        .containsExactly(DECISION, APPROVAL);
    assertThat(sink.types())
        .containsExactly(RUN_STARTED, DECISION, RUN_STARTED, APPROVAL, MUTATION);
    assertThat(sink.count(RUN_STARTED)).isEqualTo(2);
    assertThat(sink.first(RUN_STARTED).orElseThrow().runId()).isEqualTo("run-a");
    assertThat(sink.last(RUN_STARTED).orElseThrow().runId()).isEqualTo("run-b");
    assertThat(sink.first(io.github.aiplaybooks.core.audit.AuditEventType.ROLLBACK)).isEmpty();
    assertThat(sink.containsInOrder(DECISION, APPROVAL, MUTATION)).isTrue();
    assertThat(sink.containsInOrder(MUTATION, DECISION)).isFalse();
    sink.clear();
    assertThat(sink.events()).isEmpty();
    sink.close();
    assertThat(sink.isClosed()).isTrue();
  }
}
