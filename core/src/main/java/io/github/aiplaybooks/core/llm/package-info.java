/**
 * The LLM SPI: how the engine talks to a model, shaped after Amazon Bedrock's Converse API so the
 * Bedrock adapter is a thin mapping, and the pieces around it that keep model output safe to use.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.llm.LlmClient}: {@code converse(LlmRequest)}, with async
 *       and streaming defaults. Requests ({@link io.github.aiplaybooks.core.llm.LlmRequest}, built
 *       by a builder) carry system prompts, {@link io.github.aiplaybooks.core.llm.Message}s of
 *       {@link io.github.aiplaybooks.core.llm.ContentBlock}s (text, {@code toolUse}, {@code
 *       toolResult} with status), {@link io.github.aiplaybooks.core.llm.ToolSpec}s with a {@link
 *       io.github.aiplaybooks.core.llm.ToolChoice}, an {@link
 *       io.github.aiplaybooks.core.llm.InferenceConfig} and request metadata (the engine's step
 *       under {@link io.github.aiplaybooks.core.llm.LlmRequest#METADATA_STEP}). Responses ({@link
 *       io.github.aiplaybooks.core.llm.LlmResponse}) carry the message, the {@link
 *       io.github.aiplaybooks.core.llm.StopReason}, {@link
 *       io.github.aiplaybooks.core.llm.TokenUsage} and latency.
 *   <li>Typed failures, the family {@link io.github.aiplaybooks.core.llm.LlmFailure}: throttled and
 *       unavailable/timeout (remote, retryable), refused (remote, not retryable), invalid request
 *       (the caller's fault).
 *   <li>{@link io.github.aiplaybooks.core.llm.StructuredOutput}: an answer bound to an {@link
 *       io.github.aiplaybooks.core.llm.OutputSchema}, re-asked with the validation errors, returned
 *       as a {@link io.github.aiplaybooks.core.llm.StructuredResult}; {@link
 *       io.github.aiplaybooks.core.llm.StepSchemas} holds the classify and decide schemas.
 *   <li>{@link io.github.aiplaybooks.core.llm.Prompts} and {@link
 *       io.github.aiplaybooks.core.llm.PromptTemplate}: the seed's prompts as editable templates.
 *   <li>{@link io.github.aiplaybooks.core.llm.LlmUsageMeter}: calls and tokens, for budgets; {@link
 *       io.github.aiplaybooks.core.llm.ToolOutputLimiter}: untrusted tool output cut to a budget.
 *   <li>{@link io.github.aiplaybooks.core.llm.LlmJson}: the types as Converse-shaped JSON.
 * </ul>
 *
 * <pre>{@code
 * StructuredOutput structured = StructuredOutput.builder(llm).build();
 * LlmRequest request = LlmRequest.builder(modelId)
 *     .system(Prompts.defaults().system().render())
 *     .message(Message.user(Prompts.defaults().classify().render(Map.of("alert", alertJson))))
 *     .metadata(LlmRequest.METADATA_STEP, "2_classify")
 *     .build();
 * StructuredResult result = structured.ask(request, StepSchemas.CLASSIFY);
 * }</pre>
 */
package io.github.aiplaybooks.core.llm;
