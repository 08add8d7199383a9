package io.github.aiplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.llm.ContentBlock;
import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.LlmJson;
import io.github.aiplaybooks.core.llm.LlmRefusedException;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.LlmResponse;
import io.github.aiplaybooks.core.llm.LlmThrottledException;
import io.github.aiplaybooks.core.llm.LlmUnavailableException;
import io.github.aiplaybooks.core.llm.Message;
import io.github.aiplaybooks.core.llm.StepSchemas;
import io.github.aiplaybooks.core.llm.StopReason;
import io.github.aiplaybooks.core.llm.StructuredOutput;
import io.github.aiplaybooks.core.llm.StructuredResult;
import io.github.aiplaybooks.core.llm.TokenUsage;
import io.github.aiplaybooks.core.llm.ToolChoice;
import io.github.aiplaybooks.core.llm.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ScriptedLlmTest {
  static final String MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";

  static JsonNode json(String text) {
    return LlmJson.mapper().readTree(text);
  }

  static LlmRequest request(String step, String text) {
    LlmRequest.Builder b = LlmRequest.builder(MODEL).message(Message.user(text));
    if (step != null) {
      b.metadata(LlmRequest.METADATA_STEP, step);
    }
    return b.build();
  }

  @Test
  void answersPerStepInOrderAndByMatcher() {
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.text("first"))
            .onStep("2_classify", ScriptedAnswer.text("second"))
            .onStep("4_decide", ScriptedAnswer.text("decided"))
            .when(
                "mentions OOM",
                r -> r.lastUserText().contains("OOMKilled"),
                ScriptedAnswer.text("raise the limit"))
            .build();

    assertThat(llm.converse(request("4_decide", "x")).text()).isEqualTo("decided");
    assertThat(llm.converse(request("2_classify", "x")).text()).isEqualTo("first");
    assertThat(llm.converse(request(null, "pod OOMKilled")).text()).isEqualTo("raise the limit");
    LlmResponse second = llm.converse(request("2_classify", "x"));
    assertThat(second.text()).isEqualTo("second");
    assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(second.usage().inputTokens()).isPositive();
    llm.verify();
    assertThat(llm.requests()).hasSize(4);
    assertThat(llm.requests("2_classify")).hasSize(2);
    assertThat(llm.remaining()).isZero();
  }

  @Test
  void jsonAnswersTheForcedToolAndToolUseCallsTheNamedTool() {
    var schema = LlmJson.mapper().createObjectNode().put("type", "object");
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("s", ScriptedAnswer.json(json("{\"a\":1}")))
            .onStep("s", ScriptedAnswer.json(json("{\"b\":2}")))
            .onStep(
                "s",
                ScriptedAnswer.toolUse("delete_node", json("{\"name\":\"ip-10-0-1-1\"}"))
                    .usage(TokenUsage.of(7, 3)))
            .build();
    LlmRequest forced =
        request("s", "q").toBuilder()
            .tools(
                List.of(ToolSpec.of("a", null, schema), ToolSpec.of("record", null, schema)),
                ToolChoice.tool("record"))
            .build();

    LlmResponse viaTool = llm.converse(forced);
    assertThat(viaTool.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(viaTool.toolUses())
        .singleElement()
        .satisfies(
            use -> {
              assertThat(use.name()).isEqualTo("record");
              assertThat(use.toolUseId()).isEqualTo("tooluse-1");
              assertThat(use.input()).isEqualTo(json("{\"a\":1}"));
            });
    LlmResponse asText = llm.converse(request("s", "q"));
    assertThat(asText.text()).isEqualTo("{\"b\":2}");
    LlmResponse call = llm.converse(request("s", "q"));
    assertThat(call.toolUses().get(0).name()).isEqualTo("delete_node");
    assertThat(call.toolUses().get(0).toolUseId()).isEqualTo("tooluse-3");
    assertThat(call.usage()).isEqualTo(TokenUsage.of(7, 3));
  }

  @Test
  void errorsAreTypedFailuresAndAGuardrailIsAStopReason() {
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("s", ScriptedAnswer.failure(LlmFailure.Kind.THROTTLED))
            .onStep("s", ScriptedAnswer.failure(LlmFailure.Kind.TIMEOUT))
            .onStep("s", ScriptedAnswer.failure(LlmFailure.Kind.REFUSED))
            .onStep("s", ScriptedAnswer.guardrail())
            .onStep("s", ScriptedAnswer.text("{\"cut").stopReason(StopReason.MAX_TOKENS))
            .build();
    assertThatThrownBy(() -> llm.converse(request("s", "q")))
        .isInstanceOf(LlmThrottledException.class)
        .hasMessageContaining("step s");
    assertThatThrownBy(() -> llm.converse(request("s", "q")))
        .isInstanceOfSatisfying(
            LlmUnavailableException.class,
            e -> assertThat(e.kind()).isEqualTo(LlmFailure.Kind.TIMEOUT));
    assertThatThrownBy(() -> llm.converse(request("s", "q")))
        .isInstanceOf(LlmRefusedException.class);
    assertThat(llm.converse(request("s", "q")).stopReason())
        .isEqualTo(StopReason.GUARDRAIL_INTERVENED);
    assertThat(llm.converse(request("s", "q")).stopReason()).isEqualTo(StopReason.MAX_TOKENS);
  }

  @Test
  void anUnexpectedCallFailsLoudlyListingWhatWasExpected() {
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.text("ok"))
            .onStep("4_decide", ScriptedAnswer.json(json("{\"remediation_plan\":{}}")).times(2))
            .when(
                "mentions OOM",
                r -> r.lastUserText().contains("OOMKilled"),
                ScriptedAnswer.text("x"))
            .build();
    llm.converse(request("2_classify", "q"));

    assertThatThrownBy(() -> llm.converse(request("7_verify", "Is the alert cleared?")))
        .isInstanceOfSatisfying(
            ScriptedLlmException.class,
            e -> assertThat(e.code()).isEqualTo("SCRIPTED_LLM_UNEXPECTED_CALL"))
        .hasMessageContaining("unexpected call #2 for step '7_verify'")
        .hasMessageContaining("Is the alert cleared?")
        .hasMessageContaining("step 4_decide: json {\"remediation_plan\":{}} x2 (2 left)")
        .hasMessageContaining("when 'mentions OOM'")
        .hasMessageContaining("Used up: step 2_classify");
  }

  @Test
  void verifyListsUnusedAnswers() {
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.text("ok"))
            .onStep("4_decide", ScriptedAnswer.failure(LlmFailure.Kind.THROTTLED))
            .build();
    llm.converse(request("2_classify", "q"));
    assertThatThrownBy(llm::verify)
        .isInstanceOfSatisfying(
            ScriptedLlmException.class,
            e -> assertThat(e.code()).isEqualTo("SCRIPTED_LLM_UNUSED_ANSWERS"))
        .hasMessageContaining("1 calls made")
        .hasMessageContaining("step 4_decide: error throttled (1 left)");
  }

  @Test
  void drivesStructuredOutputThroughInvalidAnswersToFallback() {
    ScriptedLlm llm =
        ScriptedLlm.builder()
            .onStep("2_classify", ScriptedAnswer.json(json("{\"severity\":\"P9\"}")).times(3))
            .build();
    StructuredResult r =
        StructuredOutput.builder(llm)
            .build()
            .ask(request("2_classify", "Classify"), StepSchemas.CLASSIFY);
    assertThat(r).isInstanceOf(StructuredResult.Invalid.class);
    assertThat(r.attempts()).isEqualTo(3);
    llm.verify();
    ContentBlock.ToolResult feedback =
        (ContentBlock.ToolResult) llm.requests().get(1).messages().get(2).content().get(0);
    assertThat(feedback.toolUseId()).isEqualTo("tooluse-1");
  }

  @Test
  void theReadmeExampleLoadsAndPlaysTheScenario() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```json\n{\n  \"description\"");
    assertThat(start).as("the README's complete example").isPositive();
    String json = readme.substring(start + 8, readme.indexOf("```", start + 8));
    ScriptedLlm llm = ScriptedLlm.fromJson(json, "README.md");
    StructuredOutput structured = StructuredOutput.builder(llm).build();

    StructuredResult classify =
        structured.ask(
            request("2_classify", "Pod api-service-abc123 is in CrashLoopBackOff"),
            StepSchemas.CLASSIFY);
    assertThat(classify.isValid()).isTrue();
    assertThat(classify.usage()).isEqualTo(TokenUsage.of(1800, 120));

    StructuredResult throttled = structured.ask(request("4_decide", "decide"), StepSchemas.DECIDE);
    assertThat(((StructuredResult.Unavailable) throttled).kind())
        .isEqualTo(LlmFailure.Kind.THROTTLED);
    StructuredResult decide = structured.ask(request("4_decide", "decide"), StepSchemas.DECIDE);
    assertThat(decide.isValid()).isTrue();
    assertThat(decide.attempts()).isEqualTo(3);
    assertThat(
            ((StructuredResult.Valid) decide)
                .value()
                .at(
                    "/remediation_plan/actions/0/parameters/patch/spec/template/spec/containers/0"
                        + "/resources/limits/memory")
                .asString())
        .isEqualTo("512Mi");

    assertThat(
            llm.converse(
                    request(
                        "3_investigate", "kubectl://logs api-service-abc123 -n default --tail=200"))
                .text())
        .contains("OutOfMemoryError");
    llm.verify();
  }

  @Test
  void malformedScriptsNameTheFileAndPointer(@TempDir Path dir) throws Exception {
    assertInvalid(
        "{\"answers\":[{\"step\":\"s\",\"error\":\"slow\"}]}",
        "/answers/0/error 'slow' is not one of throttled");
    assertInvalid(
        "{\"answers\":[{\"step\":\"s\",\"text\":\"a\",\"json\":{}}]}",
        "/answers/0 needs exactly one of \"text\", \"json\", \"tool_use\", \"error\"");
    assertInvalid(
        "{\"answers\":[{\"text\":\"a\"}]}",
        "/answers/0 needs exactly one of \"step\" and \"match\"");
    assertInvalid(
        "{\"answers\":[{\"step\":\"s\",\"text\":\"a\",\"repeat\":2}]}",
        "/answers/0/repeat is not a known member");
    assertInvalid(
        "{\"answers\":[{\"match\":{\"regex\":\"x\"},\"text\":\"a\"}]}",
        "/answers/0/match/regex is not a known matcher");
    assertInvalid(
        "{\"answers\":[{\"step\":\"s\",\"text\":\"a\",\"times\":0}]}",
        "/answers/0/times must be an integer of at least 1");
    assertInvalid(
        "{\"answers\":[{\"step\":\"s\",\"text\":\"a\",\"stop_reason\":\"done\"}]}",
        "/answers/0/stop_reason 'done' is not a Converse stop reason");
    assertInvalid("[]", "the document must be a JSON object");
    assertInvalid("{\"answers\": [", "is not valid JSON");
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> ScriptedLlm.fromFile(missing))
        .hasMessageContaining(missing.toString());

    Path file = dir.resolve("script.json");
    Files.writeString(
        file,
        "{\"answers\":[{\"match\":{\"any\":true,\"model_id\":\""
            + MODEL
            + "\"},\"text\":\"hello\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}]}");
    ScriptedLlm llm = ScriptedLlm.fromFile(file);
    LlmResponse r = llm.converse(request(null, "anything"));
    assertThat(r.text()).isEqualTo("hello");
    assertThat(r.usage()).isEqualTo(TokenUsage.of(5, 1));
  }

  static void assertInvalid(String json, String message) {
    assertThatThrownBy(() -> ScriptedLlm.fromJson(json, "oom.json"))
        .isInstanceOfSatisfying(
            ScriptedLlmException.class,
            e -> assertThat(e.code()).isEqualTo("SCRIPTED_LLM_SCRIPT_INVALID"))
        .hasMessageContaining("LLM script oom.json: ")
        .hasMessageContaining(message);
  }
}
