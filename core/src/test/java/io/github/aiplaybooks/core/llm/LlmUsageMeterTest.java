package io.github.aiplaybooks.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LlmUsageMeterTest {

  @Test
  void meteredClientCountsCallsTokensAndFailures() {
    QueueLlm llm =
        new QueueLlm()
            .text("a")
            .fail(new LlmThrottledException("bedrock", "slow down", null))
            .toolUse("t", "x", "{}");
    LlmUsageMeter meter = new LlmUsageMeter();
    LlmClient metered = meter.meter(llm);
    LlmRequest request = LlmRequest.builder("m").message(Message.user("hi")).build();

    metered.converse(request);
    assertThatThrownBy(() -> metered.converse(request)).isInstanceOf(LlmThrottledException.class);
    metered.converseStream(request, new LlmStreamListener() {});

    assertThat(meter.snapshot()).isEqualTo(new LlmUsageMeter.Snapshot(3, 1, 150, 30, 180));
    assertThat(meter.calls()).isEqualTo(3);
    assertThat(meter.inputTokens()).isEqualTo(150);
    assertThat(meter.outputTokens()).isEqualTo(30);
    assertThat(meter.totalTokens()).isEqualTo(180);
    assertThat(meter.snapshot().usage()).isEqualTo(new TokenUsage(150, 30, 180));
  }

  @Test
  void concurrentRecordsAreNeverLost() throws Exception {
    LlmUsageMeter meter = new LlmUsageMeter();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10_000; i++) {
                    meter.record(TokenUsage.of(2, 1));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    LlmUsageMeter.Snapshot s = meter.snapshot();
    assertThat(s).isEqualTo(new LlmUsageMeter.Snapshot(40_000, 0, 80_000, 40_000, 120_000));
  }
}
