package io.github.aiplaybooks.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class StructuredOutputTest {
  static final String MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";
  static final String VALID =
      "{\"severity\":\"P1\",\"type\":\"resource\",\"affected_resources\":[{\"kind\":\"Pod\","
          + "\"namespace\":\"default\",\"name\":\"api-service-abc123\"}],\"blast_radius\":3,"
          + "\"summary\":\"api-service is OOMKilled\",\"confidence\":0.8}";
  static final String INVALID =
      "{\"severity\":\"P9\",\"type\":\"resource\",\"affected_resources\":[],\"blast_radius\":3,"
          + "\"summary\":\"x\",\"confidence\":0.8,\"delete_everything\":true}";

  static LlmRequest request() {
    return LlmRequest.builder(MODEL)
        .system("You are an expert SRE agent.")
        .message(Message.user("Classify: Pod api-service-abc123 is in CrashLoopBackOff"))
        .metadata(LlmRequest.METADATA_STEP, "2_classify")
        .build();
  }

  @Test
  void validFirstTimeForcesTheSchemaTool() {
    QueueLlm llm = new QueueLlm().toolUse("t1", "record_classification", VALID);

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r).isInstanceOf(StructuredResult.Valid.class);
    StructuredResult.Valid valid = (StructuredResult.Valid) r;
    assertThat(valid.value()).isEqualTo(LlmJson.mapper().readTree(VALID));
    assertThat(valid.attempts()).isEqualTo(1);
    assertThat(valid.usage()).isEqualTo(TokenUsage.of(100, 20));
    LlmRequest sent = llm.requests.get(0);
    assertThat(sent.toolConfig().tools())
        .extracting(ToolSpec::name)
        .containsExactly("record_classification");
    assertThat(sent.toolConfig().toolChoice()).isEqualTo(ToolChoice.tool("record_classification"));
    assertThat(sent.toolConfig().tools().get(0).inputSchema())
        .isEqualTo(StepSchemas.CLASSIFY.schema());
    assertThat(sent.step()).isEqualTo("2_classify");
    assertThat(sent.system()).isEqualTo(request().system());
  }

  @Test
  void invalidThenValidReasksWithEachViolationAsAnErrorToolResult() {
    QueueLlm llm =
        new QueueLlm()
            .toolUse("t1", "record_classification", INVALID)
            .toolUse("t2", "record_classification", VALID);

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r.isValid()).isTrue();
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.usage()).isEqualTo(TokenUsage.of(200, 40));
    LlmRequest reask = llm.requests.get(1);
    List<Message> messages = reask.messages();
    assertThat(messages).hasSize(3);
    assertThat(messages.get(1).role()).isEqualTo(Role.ASSISTANT);
    assertThat(messages.get(1).toolUses())
        .extracting(ContentBlock.ToolUse::toolUseId)
        .containsExactly("t1");
    ContentBlock.ToolResult result = (ContentBlock.ToolResult) messages.get(2).content().get(0);
    assertThat(result.toolUseId()).isEqualTo("t1");
    assertThat(result.status()).isEqualTo(ToolResultStatus.ERROR);
    String feedback = ((ToolResultContent.Text) result.content().get(0)).text();
    assertThat(feedback)
        .contains("/severity (enum)")
        .contains("/delete_everything (additionalProperties)")
        .contains("Call record_classification again");
    assertThat(reask.toolConfig()).isEqualTo(llm.requests.get(0).toolConfig());
  }

  @Test
  void invalidEveryTimeIsInvalidWithOneReasonPerAttempt() {
    QueueLlm llm =
        new QueueLlm()
            .toolUse("t1", "record_classification", INVALID)
            .toolUse("t2", "record_classification", INVALID)
            .toolUse("t3", "record_classification", INVALID);

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r).isInstanceOf(StructuredResult.Invalid.class);
    StructuredResult.Invalid invalid = (StructuredResult.Invalid) r;
    assertThat(invalid.attempts()).isEqualTo(3);
    assertThat(invalid.reasons()).hasSize(3);
    assertThat(invalid.reasons().get(0)).startsWith("attempt 1: ").contains("/severity");
    assertThat(invalid.reasons().get(2)).startsWith("attempt 3: ");
    assertThat(invalid.usage()).isEqualTo(TokenUsage.of(300, 60));
    assertThat(llm.requests).hasSize(3);
    assertThat(llm.requests.get(2).messages()).hasSize(5);
  }

  @Test
  void maxReasksBoundsTheAttempts() {
    QueueLlm llm = new QueueLlm().toolUse("t1", "record_classification", INVALID);

    StructuredResult r =
        StructuredOutput.builder(llm).maxReasks(0).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r).isInstanceOf(StructuredResult.Invalid.class);
    assertThat(r.attempts()).isEqualTo(1);
    assertThatThrownBy(() -> StructuredOutput.builder(llm).maxReasks(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxReasks");
  }

  @Test
  void throttledIsUnavailableNotAnException() {
    QueueLlm llm =
        new QueueLlm()
            .toolUse("t1", "record_classification", INVALID)
            .fail(new LlmThrottledException("bedrock", "Too many requests", null));

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r).isInstanceOf(StructuredResult.Unavailable.class);
    StructuredResult.Unavailable u = (StructuredResult.Unavailable) r;
    assertThat(u.kind()).isEqualTo(LlmFailure.Kind.THROTTLED);
    assertThat(u.failure().retryable()).isTrue();
    assertThat(u.attempts()).isEqualTo(2);
    assertThat(u.usage()).isEqualTo(TokenUsage.of(100, 20));
    assertThat(u.reason()).contains("Too many requests");
  }

  @Test
  void everyTypedFailureIsUnavailable() {
    List<RuntimeException> failures =
        List.of(
            LlmUnavailableException.unavailable("bedrock", "503", null),
            LlmUnavailableException.timeout("bedrock", "timed out after 60s", null),
            LlmRefusedException.refused("bedrock", "no", null),
            new LlmInvalidRequestException("model does not support toolChoice tool"));
    List<LlmFailure.Kind> kinds =
        List.of(
            LlmFailure.Kind.UNAVAILABLE,
            LlmFailure.Kind.TIMEOUT,
            LlmFailure.Kind.REFUSED,
            LlmFailure.Kind.INVALID_REQUEST);
    for (int i = 0; i < failures.size(); i++) {
      QueueLlm llm = new QueueLlm().fail(failures.get(i));
      StructuredResult r =
          StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);
      assertThat(((StructuredResult.Unavailable) r).kind()).isEqualTo(kinds.get(i));
    }
  }

  @Test
  void otherExceptionsPropagate() {
    QueueLlm llm = new QueueLlm().fail(new IllegalStateException("bug in adapter"));
    assertThatThrownBy(
            () -> StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bug in adapter");
  }

  @Test
  void guardrailStopIsUnavailableRefused() {
    QueueLlm llm =
        new QueueLlm()
            .respond(
                new LlmResponse(
                    Message.assistant("Sorry."),
                    StopReason.GUARDRAIL_INTERVENED,
                    TokenUsage.of(10, 1),
                    1));

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    StructuredResult.Unavailable u = (StructuredResult.Unavailable) r;
    assertThat(u.kind()).isEqualTo(LlmFailure.Kind.REFUSED);
    assertThat(u.failure().code()).isEqualTo("LLM_GUARDRAIL_INTERVENED");
    assertThat(u.failure().retryable()).isFalse();
    assertThat(u.usage()).isEqualTo(TokenUsage.of(10, 1));
  }

  @Test
  void textAnswerInACodeFenceIsAccepted() {
    QueueLlm llm =
        new QueueLlm().text("Here is my classification:\n```json\n" + VALID + "\n```\nDone.");

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r.isValid()).isTrue();
    assertThat(((StructuredResult.Valid) r).value().get("severity").asString()).isEqualTo("P1");
  }

  @Test
  void textAnswerInProseOrBareIsAccepted() {
    QueueLlm llm = new QueueLlm().text("The answer is " + VALID + " as requested.").text(VALID);
    StructuredOutput structured = StructuredOutput.builder(llm).build();
    assertThat(structured.ask(request(), StepSchemas.CLASSIFY).isValid()).isTrue();
    assertThat(structured.ask(request(), StepSchemas.CLASSIFY).isValid()).isTrue();
  }

  @Test
  void invalidTextAnswerIsReaskedInAUserMessage() {
    QueueLlm llm = new QueueLlm().text("I think it is a P1 memory problem.").text(VALID);

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r.attempts()).isEqualTo(2);
    Message reask = llm.requests.get(1).messages().get(2);
    assertThat(reask.role()).isEqualTo(Role.USER);
    assertThat(reask.text()).contains("holds no JSON object").contains("record_classification");
  }

  @Test
  void textModeOffersNoToolAndAppendsTheSchema() {
    QueueLlm llm = new QueueLlm().text("```\n" + VALID + "\n```");

    StructuredResult r =
        StructuredOutput.builder(llm)
            .mode(StructuredOutput.Mode.TEXT)
            .build()
            .ask(request(), StepSchemas.CLASSIFY);

    assertThat(r.isValid()).isTrue();
    LlmRequest sent = llm.requests.get(0);
    assertThat(sent.toolConfig()).isNull();
    assertThat(sent.messages()).hasSize(1);
    assertThat(sent.lastUserText()).contains("Classify:").contains("\"blast_radius\"");
    assertThat(sent.step()).isEqualTo("2_classify");
  }

  @Test
  void anyToolModeUsesToolChoiceAny() {
    QueueLlm llm = new QueueLlm().toolUse("t1", "record_classification", VALID);
    StructuredOutput.builder(llm)
        .mode(StructuredOutput.Mode.ANY_TOOL)
        .build()
        .ask(request(), StepSchemas.CLASSIFY);
    assertThat(llm.requests.get(0).toolConfig().toolChoice()).isEqualTo(ToolChoice.any());
  }

  @Test
  void callingAnotherToolIsReaskedWithAResultForThatCall() {
    QueueLlm llm =
        new QueueLlm()
            .toolUse("t1", "delete_node", "{\"name\":\"ip-10-0-1-1\"}")
            .toolUse("t2", "record_classification", VALID);

    StructuredResult r = StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);

    assertThat(r.attempts()).isEqualTo(2);
    ContentBlock.ToolResult result =
        (ContentBlock.ToolResult) llm.requests.get(1).messages().get(2).content().get(0);
    assertThat(result.toolUseId()).isEqualTo("t1");
    assertThat(result.status()).isEqualTo(ToolResultStatus.ERROR);
    assertThat(((ToolResultContent.Text) result.content().get(0)).text())
        .contains("called delete_node");
  }

  @Test
  void cutOffAnswerSaysSo() {
    QueueLlm llm =
        new QueueLlm()
            .respond(
                new LlmResponse(
                    Message.assistant("{\"severity\": \"P1\", \"type\": \"reso"),
                    StopReason.MAX_TOKENS,
                    TokenUsage.of(10, 100),
                    1));
    StructuredResult r =
        StructuredOutput.builder(llm).maxReasks(0).build().ask(request(), StepSchemas.CLASSIFY);
    assertThat(((StructuredResult.Invalid) r).reasons().get(0)).contains("max_tokens");
  }

  @Test
  void aRequestThatOffersToolsIsRefused() {
    LlmRequest withTools =
        request().toBuilder()
            .tools(
                List.of(
                    ToolSpec.of(
                        "x", null, LlmJson.mapper().createObjectNode().put("type", "object"))),
                ToolChoice.auto())
            .build();
    assertThatThrownBy(
            () ->
                StructuredOutput.builder(new QueueLlm())
                    .build()
                    .ask(withTools, StepSchemas.CLASSIFY))
        .isInstanceOf(LlmInvalidRequestException.class)
        .hasMessageContaining("toolConfig");
  }

  @Test
  void hostileAnswersAreRejectedByTheLimitsBeforeValidation() {
    ObjectNode huge = (ObjectNode) LlmJson.mapper().readTree(VALID);
    huge.put("summary", "A".repeat(1_000_000));
    ObjectNode deep = (ObjectNode) LlmJson.mapper().readTree(VALID);
    ObjectNode cursor = deep.putObject("nested");
    for (int i = 0; i < 40; i++) {
      cursor = cursor.putObject("n");
    }
    ObjectNode wide = (ObjectNode) LlmJson.mapper().readTree(VALID);
    ArrayNode many = wide.putArray("affected_resources");
    for (int i = 0; i < 10_000; i++) {
      many.addObject().put("kind", "Pod").put("name", "p" + i);
    }
    for (JsonNode hostile : List.of(huge, deep, wide)) {
      QueueLlm llm =
          new QueueLlm()
              .toolUse("t1", "record_classification", hostile.toString())
              .toolUse("t2", "record_classification", VALID);
      StructuredResult r =
          StructuredOutput.builder(llm).build().ask(request(), StepSchemas.CLASSIFY);
      assertThat(r.attempts()).isEqualTo(2);
      // The hostile input is not sent back to the model.
      ContentBlock.ToolUse echoed = llm.requests.get(1).messages().get(1).toolUses().get(0);
      assertThat(echoed.input().size()).isZero();
    }
    QueueLlm text = new QueueLlm().text("{\"summary\":\"" + "B".repeat(200_000) + "\"}");
    StructuredResult r =
        StructuredOutput.builder(text).maxReasks(0).build().ask(request(), StepSchemas.CLASSIFY);
    assertThat(((StructuredResult.Invalid) r).reasons().get(0)).contains("over the limit");
  }

  @Test
  void schemaLimitsRejectOversizedButParseableAnswers() {
    ObjectNode answer = (ObjectNode) LlmJson.mapper().readTree(VALID);
    answer.put("summary", "A".repeat(2001));
    ArrayNode resources = answer.putArray("affected_resources");
    for (int i = 0; i < 101; i++) {
      resources.addObject().put("kind", "Pod").put("name", "p" + i);
    }
    answer.put("blast_radius", -1);
    answer.put("confidence", 1.5);

    List<SchemaViolation> violations = StepSchemas.CLASSIFY.validate(answer);

    assertThat(violations)
        .extracting(SchemaViolation::pointer, SchemaViolation::keyword)
        .contains(
            org.assertj.core.groups.Tuple.tuple("/summary", "maxLength"),
            org.assertj.core.groups.Tuple.tuple("/affected_resources", "maxItems"),
            org.assertj.core.groups.Tuple.tuple("/blast_radius", "minimum"),
            org.assertj.core.groups.Tuple.tuple("/confidence", "maximum"));
  }
}
