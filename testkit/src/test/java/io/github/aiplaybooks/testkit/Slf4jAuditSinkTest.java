package io.github.aiplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.audit.CanonicalJson;
import io.github.aiplaybooks.core.audit.RunMdc;
import io.github.aiplaybooks.core.audit.Slf4jAuditSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import tools.jackson.databind.node.JsonNodeFactory;

/** The SLF4J sink and RunMdc, against a capturing SLF4J binding with a real MDC. */
class Slf4jAuditSinkTest {

  @BeforeEach
  void clear() {
    CapturingSlf4jProvider.CAPTURED.clear();
    MDC.clear();
  }

  static AuditEvent event(String run) {
    return new AuditEvent(
        run,
        1,
        Instant.parse("2024-01-01T00:00:00Z"),
        AuditEventType.LLM_CALL,
        "2_classify",
        JsonNodeFactory.instance.objectNode().put("input_tokens", 1200));
  }

  List<CapturingSlf4jProvider.Captured> captured(String logger) {
    synchronized (CapturingSlf4jProvider.CAPTURED) {
      return CapturingSlf4jProvider.CAPTURED.stream()
          .filter(c -> c.logger().equals(logger))
          .toList();
    }
  }

  @Test
  void eachEventIsOneJsonMessageWithTheRunIdInTheMdc() {
    Slf4jAuditSink sink = Slf4jAuditSink.ofDefaults();
    MDC.put(RunMdc.KEY, "outer");

    sink.accept(event("run-42"));

    List<CapturingSlf4jProvider.Captured> logs = captured(Slf4jAuditSink.DEFAULT_LOGGER);
    assertThat(logs).hasSize(1);
    CapturingSlf4jProvider.Captured log = logs.get(0);
    assertThat(log.level()).isEqualTo(Level.INFO);
    assertThat(log.mdc()).containsEntry("run_id", "run-42");
    assertThat(CanonicalJson.read(log.message()))
        .isEqualTo(CanonicalJson.read(CanonicalJson.write(event("run-42").toJson())));
    assertThat(log.message()).doesNotContain("\n");
    // The caller's MDC is restored.
    assertThat(MDC.get(RunMdc.KEY)).isEqualTo("outer");
  }

  @Test
  void theLoggerAndLevelAreConfigurable() {
    Slf4jAuditSink sink =
        Slf4jAuditSink.builder()
            .logger(LoggerFactory.getLogger("my.audit"))
            .level(Level.DEBUG)
            .build();
    sink.accept(event("run-1"));
    assertThat(captured("my.audit"))
        .singleElement()
        .satisfies(c -> assertThat(c.level()).isEqualTo(Level.DEBUG));
    assertThat(MDC.get(RunMdc.KEY)).isNull();
  }

  @Test
  void runMdcPutsTheRunIdForABlockAndRestores() {
    MDC.put(RunMdc.KEY, "before");
    try (RunMdc mdc = RunMdc.open("run-7")) {
      assertThat(RunMdc.current()).isEqualTo("run-7");
      try (RunMdc nested = RunMdc.open("run-8")) {
        LoggerFactory.getLogger("engine").info("nested");
      }
      assertThat(RunMdc.current()).isEqualTo("run-7");
      LoggerFactory.getLogger("engine").info("classifying");
    }
    assertThat(RunMdc.current()).isEqualTo("before");
    assertThat(captured("engine"))
        .extracting(c -> c.mdc().get("run_id"))
        .containsExactly("run-8", "run-7");
  }

  @Test
  void wrappedTasksCarryTheRunIdToOtherThreads() throws Exception {
    java.util.concurrent.ThreadPoolExecutor pool =
        (java.util.concurrent.ThreadPoolExecutor) Executors.newFixedThreadPool(2);
    // Start the threads outside the block: BasicMDCAdapter's MDC is inherited by new threads.
    pool.prestartAllCoreThreads();
    try {
      Future<String> seen;
      Future<?> plain;
      try (RunMdc mdc = RunMdc.open("run-9")) {
        seen = pool.submit(RunMdc.wrap(() -> MDC.get(RunMdc.KEY)));
        plain = pool.submit(() -> MDC.get(RunMdc.KEY));
        RunMdc.wrap(pool).execute(() -> LoggerFactory.getLogger("worker").info("collect"));
      }
      assertThat(seen.get()).isEqualTo("run-9");
      assertThat(plain.get()).isNull();
      pool.shutdown();
      assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(captured("worker"))
          .singleElement()
          .satisfies(c -> assertThat(c.mdc()).containsEntry("run_id", "run-9"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runMdcMustBeClosedOnItsThread() throws Exception {
    RunMdc mdc = RunMdc.open("run-10");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> f = pool.submit(mdc::close);
      assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class);
    } finally {
      pool.shutdownNow();
      mdc.close();
    }
    assertThat(RunMdc.current()).isNull();
  }
}
