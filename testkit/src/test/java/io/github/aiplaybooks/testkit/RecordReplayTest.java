package io.github.aiplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.LlmJson;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.LlmResponse;
import io.github.aiplaybooks.core.llm.LlmThrottledException;
import io.github.aiplaybooks.core.llm.Message;
import io.github.aiplaybooks.core.llm.StepSchemas;
import io.github.aiplaybooks.core.llm.StructuredOutput;
import io.github.aiplaybooks.core.llm.StructuredResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {
  @TempDir Path dir;

  static LlmRequest request(String step, String text, String runId) {
    return LlmRequest.builder("m")
        .system("You are an expert SRE agent.")
        .message(Message.user(text))
        .metadata(LlmRequest.METADATA_STEP, step)
        .metadata(LlmRequest.METADATA_RUN_ID, runId)
        .build();
  }

  static final String CLASSIFICATION =
      "{\"severity\":\"P1\",\"type\":\"resource\",\"affected_resources\":[],\"blast_radius\":3,"
          + "\"summary\":\"OOMKilled\",\"confidence\":0.8}";

  ScriptedLlm real() {
    return ScriptedLlm.builder()
        .onStep(
            "2_classify", ScriptedAnswer.json(LlmJson.mapper().readTree("{\"severity\":\"P7\"}")))
        .onStep("2_classify", ScriptedAnswer.json(LlmJson.mapper().readTree(CLASSIFICATION)))
        .onStep("4_decide", ScriptedAnswer.failure(LlmFailure.Kind.THROTTLED))
        .onStep("4_decide", ScriptedAnswer.text("same question, same answer").times(2))
        .build();
  }

  Path record() {
    RecordingLlm recording = RecordingLlm.wrap(real());
    StructuredResult r =
        StructuredOutput.builder(recording)
            .build()
            .ask(
                request("2_classify", "Pod api-service-abc123 is in CrashLoopBackOff", "run-1"),
                StepSchemas.CLASSIFY);
    assertThat(r.attempts()).isEqualTo(2);
    assertThatThrownBy(() -> recording.converse(request("4_decide", "decide", "run-1")))
        .isInstanceOf(LlmThrottledException.class);
    recording.converse(request("4_decide", "decide", "run-1"));
    recording.converse(request("4_decide", "decide", "run-1"));
    assertThat(recording.interactions()).hasSize(5);
    Path file = dir.resolve("cassettes/oom.json");
    recording.writeCassette(file);
    return file;
  }

  @Test
  void aRecordedConversationReplaysDeterministicallyWithADifferentRunId() throws Exception {
    Path file = record();
    String text = Files.readString(file);
    assertThat(text).contains("\"version\" : 1").contains("\"toolUse\"").contains("LLM_THROTTLED");

    ReplayLlm replay = ReplayLlm.from(file);
    StructuredResult r =
        StructuredOutput.builder(replay)
            .build()
            .ask(
                request("2_classify", "Pod api-service-abc123 is in CrashLoopBackOff", "run-2"),
                StepSchemas.CLASSIFY);
    assertThat(r.isValid()).isTrue();
    assertThat(r.attempts()).isEqualTo(2);
    assertThatThrownBy(() -> replay.converse(request("4_decide", "decide", "run-2")))
        .isInstanceOfSatisfying(
            LlmThrottledException.class,
            e -> assertThat(e.getMessage()).contains("Replayed: Scripted throttling"));
    LlmResponse first = replay.converse(request("4_decide", "decide", "run-2"));
    LlmResponse second = replay.converse(request("4_decide", "decide", "run-2"));
    assertThat(first.text()).isEqualTo("same question, same answer");
    assertThat(second).isEqualTo(first);
    replay.verify();
    assertThat(replay.remaining()).isZero();
  }

  @Test
  void anUnrecordedRequestFailsShowingWhereItDiffers() {
    ReplayLlm replay = ReplayLlm.from(record());
    assertThatThrownBy(
            () ->
                StructuredOutput.builder(replay)
                    .build()
                    .ask(
                        request("2_classify", "Pod api-service-xyz is in CrashLoopBackOff", "r"),
                        StepSchemas.CLASSIFY))
        .isInstanceOfSatisfying(
            ScriptedLlmException.class, e -> assertThat(e.code()).isEqualTo("CASSETTE_MISMATCH"))
        .hasMessageContaining("call #1 for step '2_classify'")
        .hasMessageContaining("differs at /messages/0/content/0/text")
        .hasMessageContaining("recorded \"Pod api-service-abc123")
        .hasMessageContaining("got \"Pod api-service-xyz");
  }

  @Test
  void verifyListsInteractionsNotReplayed() {
    ReplayLlm replay = ReplayLlm.from(record());
    assertThatThrownBy(replay::verify)
        .isInstanceOfSatisfying(
            ScriptedLlmException.class, e -> assertThat(e.code()).isEqualTo("CASSETTE_UNUSED"))
        .hasMessageContaining("5 recorded interactions were not replayed")
        .hasMessageContaining("2_classify");
  }

  @Test
  void keysIgnoreMetadataOtherThanTheStep() {
    assertThat(Cassette.keyOf(request("s", "q", "run-1")))
        .isEqualTo(Cassette.keyOf(request("s", "q", "run-2")))
        .isNotEqualTo(Cassette.keyOf(request("t", "q", "run-1")))
        .isNotEqualTo(Cassette.keyOf(request("s", "q2", "run-1")));
  }

  @Test
  void aBadCassetteNamesTheFile() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"version\": 2, \"interactions\": []}");
    assertThatThrownBy(() -> ReplayLlm.from(file))
        .isInstanceOfSatisfying(
            ScriptedLlmException.class, e -> assertThat(e.code()).isEqualTo("CASSETTE_INVALID"))
        .hasMessageContaining("version 2");
    Files.writeString(file, "{\"version\": 1, \"interactions\": [{\"key\": \"k\"}]}");
    assertThatThrownBy(() -> ReplayLlm.from(file)).hasMessageContaining(file.toString());
  }
}
