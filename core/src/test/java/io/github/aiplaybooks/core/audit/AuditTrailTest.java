package io.github.aiplaybooks.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.CallerFaultException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class AuditTrailTest {
  static final Instant NOW = Instant.parse("2024-01-01T02:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final class ListSink implements AuditSink {
    final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(AuditEvent event) {
      events.add(event);
    }
  }

  @Test
  void eventsAreNumberedStampedAndRedacted() {
    ListSink sink = new ListSink();
    AuditTrail trail = AuditTrail.builder("run-7", sink).clock(CLOCK).build();

    ObjectNode toolArgs = JsonNodeFactory.instance.objectNode();
    toolArgs.put(
        "command", "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    toolArgs.put("password", "hunter2");
    trail.record(AuditEventType.RUN_STARTED, null, null);
    trail.record(AuditEventType.TOOL_CALL, "3_investigate", toolArgs);
    trail.llmCall(
        "2_classify", "anthropic.claude-3-sonnet-20240229-v1:0", 1200, 300, 1500, 840, "tool_use");
    trail.decision(
        "5_approve",
        "delete_node",
        "REQUIRE_APPROVAL",
        List.of("action IN ['delete_node', 'modify_rbac', 'change_security_group']"));

    assertThat(sink.events).extracting(AuditEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sink.events)
        .allSatisfy(
            e -> {
              assertThat(e.runId()).isEqualTo("run-7");
              assertThat(e.time()).isEqualTo(NOW);
            });
    assertThat(sink.events.get(0).step()).isNull();
    AuditEvent tool = sink.events.get(1);
    assertThat(tool.data().get("password").asString()).isEqualTo("[REDACTED:secret]");
    assertThat(tool.data().get("command").asString())
        .doesNotContain("wJalrXUtnFEMI")
        .contains("AWS_SECRET_ACCESS_KEY=[REDACTED:");
    assertThat(toolArgs.get("password").asString()).isEqualTo("hunter2");
    AuditEvent llm = sink.events.get(2);
    assertThat(llm.type()).isEqualTo(AuditEventType.LLM_CALL);
    assertThat(llm.data().get("input_tokens").asLong()).isEqualTo(1200);
    assertThat(llm.data().get("output_tokens").asLong()).isEqualTo(300);
    assertThat(llm.data().get("total_tokens").asLong()).isEqualTo(1500);
    assertThat(llm.data().get("stop_reason").asString()).isEqualTo("tool_use");
    AuditEvent decision = sink.events.get(3);
    assertThat(decision.data().get("outcome").asString()).isEqualTo("REQUIRE_APPROVAL");
    assertThat(decision.data().get("reasons").get(0).asString()).startsWith("action IN");
    assertThat(trail.size()).isEqualTo(4);
  }

  @Test
  void parallelRecordsGetDistinctSequencesInSinkOrder() throws Exception {
    ListSink sink = new ListSink();
    AuditTrail trail = AuditTrail.builder("run-8", sink).clock(CLOCK).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    trail.record(AuditEventType.TOOL_CALL, "collect", null);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Long> seqs = new ArrayList<>();
    sink.events.forEach(e -> seqs.add(e.sequence()));
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= 400; i++) {
      expected.add(i);
    }
    assertThat(seqs).isEqualTo(expected);
  }

  @Test
  void aCompositeDeliversToEverySinkAndThenReportsFailures() {
    ListSink first = new ListSink();
    ListSink last = new ListSink();
    AuditSink failing =
        event -> {
          throw new IllegalStateException("disk full");
        };
    AuditSink composite = AuditSink.composite(first, failing, last);
    AuditTrail trail = AuditTrail.builder("run-9", composite).clock(CLOCK).build();

    assertThatThrownBy(() -> trail.record(AuditEventType.RUN_FINISHED, null, null))
        .isInstanceOfSatisfying(
            AuditException.class,
            e -> {
              assertThat(e.code()).isEqualTo("AUDIT_SINK_FAILED");
              assertThat(e.retryable()).isFalse();
            })
        .hasMessageContaining("disk full")
        .hasMessageContaining("run-9");
    assertThat(first.events).hasSize(1);
    assertThat(last.events).hasSize(1);
  }

  @Test
  void eventsRoundTripThroughJsonAndAreValidated() {
    AuditEvent e =
        new AuditEvent(
            "r",
            3,
            NOW,
            AuditEventType.BUDGET,
            "s",
            JsonNodeFactory.instance.objectNode().put("tokens", 200_000));
    assertThat(AuditEvent.fromJson(e.toJson())).isEqualTo(e);
    assertThat(e.toJson().get("time").asString()).isEqualTo("2024-01-01T02:00:00Z");
    assertThatThrownBy(() -> new AuditEvent("r", 0, NOW, AuditEventType.BUDGET, null, null))
        .isInstanceOf(CallerFaultException.class)
        .hasMessageContaining("AuditEvent.sequence");
    ObjectNode bad = e.toJson();
    bad.put("type", "NOPE");
    assertThatThrownBy(() -> AuditEvent.fromJson(bad)).hasMessageContaining("'type'");
    ObjectNode noTime = e.toJson();
    noTime.remove("time");
    assertThatThrownBy(() -> AuditEvent.fromJson(noTime)).hasMessageContaining("'time'");
  }
}
