package io.github.aiplaybooks.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.CallerFaultException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Converse-shaped types write the Converse wire shape and read back equal. */
class ConverseTypesJsonTest {

  private static JsonNode tree(String json) {
    return LlmJson.mapper().readTree(json);
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) tree(json);
  }

  @Test
  void contentBlocksUseConverseUnionMembers() {
    ContentBlock text = ContentBlock.text("hello");
    ContentBlock use =
        new ContentBlock.ToolUse("tu-1", "kubectl_get", object("{\"resource\":\"pods\"}"));
    ContentBlock result =
        new ContentBlock.ToolResult(
            "tu-1",
            List.of(ToolResultContent.text("2 pods"), ToolResultContent.json(tree("{\"n\":2}"))),
            ToolResultStatus.ERROR);

    assertThat(LlmJson.write(text)).isEqualTo(tree("{\"text\":\"hello\"}"));
    assertThat(LlmJson.write(use))
        .isEqualTo(
            tree(
                "{\"toolUse\":{\"toolUseId\":\"tu-1\",\"name\":\"kubectl_get\","
                    + "\"input\":{\"resource\":\"pods\"}}}"));
    assertThat(LlmJson.write(result))
        .isEqualTo(
            tree(
                "{\"toolResult\":{\"toolUseId\":\"tu-1\",\"content\":[{\"text\":\"2 pods\"},"
                    + "{\"json\":{\"n\":2}}],\"status\":\"error\"}}"));
    for (ContentBlock block : List.of(text, use, result)) {
      assertThat(LlmJson.read(LlmJson.writeString(block), ContentBlock.class, "test"))
          .isEqualTo(block);
    }
  }

  @Test
  void toolChoiceUsesConverseUnionMembers() {
    assertThat(LlmJson.write(ToolChoice.auto())).isEqualTo(tree("{\"auto\":{}}"));
    assertThat(LlmJson.write(ToolChoice.any())).isEqualTo(tree("{\"any\":{}}"));
    assertThat(LlmJson.write(ToolChoice.tool("x"))).isEqualTo(tree("{\"tool\":{\"name\":\"x\"}}"));
    for (ToolChoice c : List.of(ToolChoice.auto(), ToolChoice.any(), ToolChoice.tool("x"))) {
      assertThat(LlmJson.read(LlmJson.writeString(c), ToolChoice.class, "test")).isEqualTo(c);
    }
  }

  @Test
  void requestRoundTrips() {
    ObjectNode schema =
        object("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
    LlmRequest request =
        LlmRequest.builder("anthropic.claude-3-sonnet-20240229-v1:0")
            .system("You are an expert SRE agent.")
            .message(Message.user("Pod api-service-abc123 is in CrashLoopBackOff"))
            .message(
                Message.assistant(
                    List.of(
                        ContentBlock.text("Let me look."),
                        new ContentBlock.ToolUse("t1", "record", object("{\"a\":\"b\"}")))))
            .message(Message.user(List.of(ContentBlock.ToolResult.error("t1", "/a: too short"))))
            .tools(List.of(ToolSpec.of("record", "Record it", schema)), ToolChoice.tool("record"))
            .inferenceConfig(
                InferenceConfig.builder()
                    .maxTokens(512)
                    .temperature(0.0)
                    .topP(0.9)
                    .stopSequences(List.of("STOP"))
                    .build())
            .metadata(LlmRequest.METADATA_STEP, "2_classify")
            .build();

    JsonNode json = LlmJson.write(request);
    assertThat(json.at("/system/0/text").asString()).isEqualTo("You are an expert SRE agent.");
    assertThat(json.at("/messages/0/role").asString()).isEqualTo("user");
    assertThat(json.at("/messages/1/content/1/toolUse/name").asString()).isEqualTo("record");
    assertThat(json.at("/messages/2/content/0/toolResult/status").asString()).isEqualTo("error");
    assertThat(json.at("/toolConfig/toolChoice/tool/name").asString()).isEqualTo("record");
    assertThat(json.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(512);
    assertThat(json.at("/requestMetadata/playbooks.step").asString()).isEqualTo("2_classify");

    LlmRequest back = LlmJson.read(LlmJson.writeString(request), LlmRequest.class, "test");
    assertThat(back).isEqualTo(request);
    assertThat(back.step()).isEqualTo("2_classify");
    assertThat(back.lastUserText()).isEmpty();
  }

  @Test
  void responseRoundTrips() {
    LlmResponse response =
        new LlmResponse(
            Message.assistant(
                List.of(
                    ContentBlock.text("done"), new ContentBlock.ToolUse("t9", "x", object("{}")))),
            StopReason.TOOL_USE,
            TokenUsage.of(120, 30),
            812);
    JsonNode json = LlmJson.write(response);
    assertThat(json.get("stopReason").asString()).isEqualTo("tool_use");
    assertThat(json.at("/usage/totalTokens").asLong()).isEqualTo(150);
    assertThat(json.get("latencyMs").asLong()).isEqualTo(812);
    assertThat(json.has("text")).isFalse();

    LlmResponse back = LlmJson.read(LlmJson.writeString(response), LlmResponse.class, "test");
    assertThat(back).isEqualTo(response);
    assertThat(back.text()).isEqualTo("done");
    assertThat(back.toolUses()).extracting(ContentBlock.ToolUse::name).containsExactly("x");
    assertThat(back.latency().toMillis()).isEqualTo(812);
  }

  @Test
  void everyStopReasonRoundTrips() {
    for (StopReason reason : StopReason.values()) {
      String json = LlmJson.writeString(reason);
      assertThat(json).isEqualTo("\"" + reason.wire() + "\"");
      assertThat(LlmJson.read(json, StopReason.class, "test")).isEqualTo(reason);
    }
    assertThat(StopReason.GUARDRAIL_INTERVENED.isRefusal()).isTrue();
    assertThat(StopReason.CONTENT_FILTERED.isRefusal()).isTrue();
    assertThat(StopReason.END_TURN.isRefusal()).isFalse();
  }

  @Test
  void unknownMembersAreIgnoredOnRead() {
    LlmResponse r =
        LlmJson.read(
            "{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"hi\"}],\"x\":1},"
                + "\"stopReason\":\"end_turn\",\"metrics\":{\"latencyMs\":5},\"future\":true}",
            LlmResponse.class,
            "test");
    assertThat(r.text()).isEqualTo("hi");
    assertThat(r.usage()).isEqualTo(TokenUsage.ZERO);
  }

  @Test
  void badJsonNamesTheSourceTypeAndMember() {
    assertThatThrownBy(
            () ->
                LlmJson.read(
                    "{\"message\":{\"role\":\"robot\",\"content\":[{\"text\":\"hi\"}]},"
                        + "\"stopReason\":\"end_turn\"}",
                    LlmResponse.class,
                    "cassette.json"))
        .isInstanceOf(CallerFaultException.class)
        .hasMessageContaining("cassette.json")
        .hasMessageContaining("LlmResponse")
        .hasMessageContaining("/message/role")
        .extracting(e -> ((CallerFaultException) e).code())
        .isEqualTo("LLM_JSON_INVALID");
    assertThatThrownBy(() -> LlmJson.read("{\"a\":1,\"a\":2}", JsonNode.class, "dup.json"))
        .hasMessageContaining("dup.json")
        .hasMessageContaining("Duplicate");
  }
}
