package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.LlmResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model as a run uses it: every call checked against the emergency stops and the run's budgets
 * before it is made, counted, and audited with its token counts.
 */
final class BudgetedLlm implements LlmClient {
  private final LlmClient inner;
  private final Run run;

  BudgetedLlm(LlmClient inner, Run run) {
    // The run's meter counts every call, failed ones included, and the tokens.
    this.inner = run.meter.meter(inner);
    this.run = run;
  }

  @Override
  public LlmResponse converse(LlmRequest request) {
    run.checkStop();
    run.checkWallTime();
    run.beforeLlmCall();
    Instant start = run.now();
    LlmResponse response;
    try {
      response = inner.converse(request);
    } catch (RuntimeException e) {
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("model_id", request.modelId());
      data.put("outcome", "error");
      data.put(
          "error", LlmFailure.of(e).map(f -> f.kind().name()).orElse(e.getClass().getSimpleName()));
      data.put("message", String.valueOf(e.getMessage()));
      run.record(AuditEventType.LLM_CALL, request.step(), data);
      throw e;
    }
    long latency =
        response.latencyMs() > 0
            ? response.latencyMs()
            : Duration.between(start, run.now()).toMillis();
    run.audit.llmCall(
        request.step(),
        request.modelId(),
        response.usage().inputTokens(),
        response.usage().outputTokens(),
        response.usage().totalTokens(),
        latency,
        response.stopReason().wire());
    return response;
  }
}
