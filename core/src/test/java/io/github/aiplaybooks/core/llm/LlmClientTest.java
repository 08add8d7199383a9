package io.github.aiplaybooks.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.PlaybooksException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LlmClientTest {
  static final LlmRequest REQUEST = LlmRequest.builder("m").message(Message.user("hi")).build();

  @Test
  void asyncRunsOnTheGivenExecutorAndKeepsTypedFailures() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "llm-test"));
    try {
      List<String> threads = new ArrayList<>();
      LlmClient llm =
          request -> {
            threads.add(Thread.currentThread().getName());
            return LlmResponse.of(Message.assistant("ok"), StopReason.END_TURN, TokenUsage.ZERO);
          };
      assertThat(llm.converseAsync(REQUEST, pool).get().text()).isEqualTo("ok");
      assertThat(threads).containsExactly("llm-test");

      LlmClient failing =
          request -> {
            throw LlmUnavailableException.timeout("bedrock", "no answer in 60s", null);
          };
      CompletableFuture<LlmResponse> f = failing.converseAsync(REQUEST, pool);
      assertThatThrownBy(f::get)
          .isInstanceOf(ExecutionException.class)
          .satisfies(
              e ->
                  assertThat(LlmFailure.of(e).map(LlmFailure::kind))
                      .contains(LlmFailure.Kind.TIMEOUT));
      assertThatThrownBy(f::join)
          .isInstanceOf(CompletionException.class)
          .satisfies(e -> assertThat(LlmFailure.of(e)).isPresent());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void streamingDefaultReportsTheWholeAnswer() {
    LlmResponse answer =
        LlmResponse.of(
            Message.assistant(
                List.of(
                    ContentBlock.text("checking"),
                    new ContentBlock.ToolUse(
                        "t", "kubectl_get", LlmJson.mapper().createObjectNode()))),
            StopReason.TOOL_USE,
            TokenUsage.of(1, 1));
    LlmClient llm = request -> answer;
    List<String> events = new ArrayList<>();
    LlmResponse r =
        llm.converseStream(
            REQUEST,
            new LlmStreamListener() {
              @Override
              public void onText(String delta) {
                events.add("text:" + delta);
              }

              @Override
              public void onToolUse(ContentBlock.ToolUse toolUse) {
                events.add("tool:" + toolUse.name());
              }

              @Override
              public void onComplete(LlmResponse response) {
                events.add("done:" + response.stopReason().wire());
              }
            });
    assertThat(r).isSameAs(answer);
    assertThat(events).containsExactly("text:checking", "tool:kubectl_get", "done:tool_use");
  }

  @Test
  void failuresAreTypedBySource() {
    PlaybooksException throttled = new LlmThrottledException("bedrock:m", "429", null);
    assertThat(throttled.code()).isEqualTo("LLM_THROTTLED");
    assertThat(throttled.fault()).isEqualTo(PlaybooksException.Fault.REMOTE);
    assertThat(throttled.retryable()).isTrue();
    LlmUnavailableException down = LlmUnavailableException.unavailable("bedrock:m", "503", null);
    assertThat(down.code()).isEqualTo("LLM_UNAVAILABLE");
    assertThat(down.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
    assertThat(down.retryable()).isTrue();
    assertThat(down.remote()).isEqualTo("bedrock:m");
    LlmRefusedException refused = LlmRefusedException.refused("bedrock:m", "no", null);
    assertThat(refused.code()).isEqualTo("LLM_REFUSED");
    assertThat(refused.retryable()).isFalse();
    assertThat(refused.fault()).isEqualTo(PlaybooksException.Fault.REMOTE);
    LlmInvalidRequestException invalid = new LlmInvalidRequestException("bad");
    assertThat(invalid.fault()).isEqualTo(PlaybooksException.Fault.CALLER);
    assertThat(invalid.kind()).isEqualTo(LlmFailure.Kind.INVALID_REQUEST);
    assertThat(LlmFailure.of(new IllegalStateException("x"))).isEmpty();
    assertThat(LlmFailure.of(new CompletionException(new RuntimeException("x")))).isEmpty();
    assertThat(invalid.exception()).isSameAs(invalid);
  }

  @Test
  void requestsAreValidatedNamingTheMember() {
    assertThatThrownBy(() -> LlmRequest.builder(" ").message(Message.user("x")).build())
        .isInstanceOf(LlmInvalidRequestException.class)
        .hasMessageContaining("LlmRequest.modelId");
    assertThatThrownBy(() -> LlmRequest.builder("m").build())
        .hasMessageContaining("LlmRequest.messages");
    assertThatThrownBy(() -> LlmRequest.builder("m").message(Message.assistant("x")).build())
        .hasMessageContaining("LlmRequest.messages[0] must be a user message");
    LlmRequest.Builder many = LlmRequest.builder("m").message(Message.user("x"));
    for (int i = 0; i < 17; i++) {
      many.metadata("k" + i, "v");
    }
    assertThatThrownBy(many::build).hasMessageContaining("requestMetadata holds 17 entries");
    assertThatThrownBy(
            () ->
                LlmRequest.builder("m")
                    .message(Message.user("x"))
                    .metadata("k", "v".repeat(257))
                    .build())
        .hasMessageContaining("requestMetadata['k']");
    assertThatThrownBy(() -> InferenceConfig.builder().temperature(1.5).build())
        .hasMessageContaining("InferenceConfig.temperature");
    assertThatThrownBy(() -> InferenceConfig.builder().maxTokens(0).build())
        .hasMessageContaining("InferenceConfig.maxTokens");
    assertThatThrownBy(() -> new Message(Role.USER, List.of()))
        .hasMessageContaining("Message.content");
    var schema = LlmJson.mapper().createObjectNode().put("type", "object");
    assertThatThrownBy(
            () ->
                ToolConfiguration.of(List.of(ToolSpec.of("a", null, schema)), ToolChoice.tool("b")))
        .hasMessageContaining("'b'");
    assertThatThrownBy(
            () ->
                ToolConfiguration.of(
                    List.of(ToolSpec.of("a", null, schema), ToolSpec.of("a", null, schema)), null))
        .hasMessageContaining("'a' twice");
  }

  @Test
  void toBuilderAddsTheNextTurnWithoutChangingTheOriginal() {
    LlmRequest first =
        LlmRequest.builder("m")
            .system("s")
            .message(Message.user("q"))
            .metadata(LlmRequest.METADATA_STEP, "4_decide")
            .build();
    LlmRequest next =
        first.toBuilder().message(Message.assistant("a")).message(Message.user("q2")).build();
    assertThat(first.messages()).hasSize(1);
    assertThat(next.messages()).hasSize(3);
    assertThat(next.lastUserText()).isEqualTo("q2");
    assertThat(next.requestMetadata()).isEqualTo(Map.of(LlmRequest.METADATA_STEP, "4_decide"));
    assertThat(next.system()).isEqualTo(first.system());
  }
}
