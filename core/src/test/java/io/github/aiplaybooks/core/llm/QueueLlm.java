package io.github.aiplaybooks.core.llm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** A test client that answers from a queue and records every request. */
final class QueueLlm implements LlmClient {
  private final Deque<Supplier<LlmResponse>> answers = new ArrayDeque<>();
  final List<LlmRequest> requests = new ArrayList<>();

  QueueLlm respond(LlmResponse response) {
    answers.add(() -> response);
    return this;
  }

  QueueLlm toolUse(String id, String name, String inputJson) {
    return respond(
        new LlmResponse(
            Message.assistant(
                List.of(new ContentBlock.ToolUse(id, name, LlmJson.mapper().readTree(inputJson)))),
            StopReason.TOOL_USE,
            TokenUsage.of(100, 20),
            5));
  }

  QueueLlm text(String text) {
    return respond(
        new LlmResponse(Message.assistant(text), StopReason.END_TURN, TokenUsage.of(50, 10), 5));
  }

  QueueLlm fail(RuntimeException e) {
    answers.add(
        () -> {
          throw e;
        });
    return this;
  }

  @Override
  public synchronized LlmResponse converse(LlmRequest request) {
    requests.add(request);
    if (answers.isEmpty()) {
      throw new AssertionError("unexpected call " + requests.size());
    }
    return answers.poll().get();
  }
}
