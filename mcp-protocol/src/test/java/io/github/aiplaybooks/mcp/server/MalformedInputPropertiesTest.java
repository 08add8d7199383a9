package io.github.aiplaybooks.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.mcp.jsonrpc.DecodeResult;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcError;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcId;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcResponse;
import io.github.aiplaybooks.mcp.testing.Pipe;
import io.github.aiplaybooks.mcp.testing.TestTools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Random, truncated and mutated frames fed to the codec and to the server: nothing throws out,
 * nothing hangs, every request id that can be read is answered, and the session stays usable.
 */
class MalformedInputPropertiesTest {
  /** Guards against a hang; a correct server answers in milliseconds. */
  private static final long HANG_GUARD_SECONDS = 20;

  private static final List<String> VALID =
      List.of(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"f\",\"version\":\"1\"}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"cursor\":\"bzox\"}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"kubectl/get\",\"params\":{\"resource\":\"pods\",\"namespace\":\"default\",\"selector\":\"app=api\"},\"id\":1}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}",
          "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"roots\":[]}}",
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"nope\"}}",
          "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}",
          "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":\"x\"}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\",\"params\":{\"uri\":\"memo://readme\"}}",
          "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"prompts/get\",\"params\":{\"name\":\"summarize\"}}");

  private static final List<String> METHODS =
      List.of(
          "initialize",
          "ping",
          "tools/list",
          "tools/call",
          "resources/list",
          "resources/read",
          "prompts/list",
          "prompts/get",
          "logging/setLevel",
          "kubectl/get",
          "guardduty/get_findings",
          "notifications/initialized",
          "notifications/cancelled",
          "x",
          "",
          "tools/call/extra");

  private static McpServer server;
  private static final JsonRpcCodec CODEC = JsonRpcCodec.builder().maxFrameBytes(4096).build();

  @BeforeContainer
  static void startServer() {
    server = TestTools.server(false, b -> b.maxFrameBytes(4096));
  }

  @AfterContainer
  static void stopServer() {
    server.close();
  }

  @Provide
  Arbitrary<String> frames() {
    Arbitrary<String> valid = Arbitraries.of(VALID);
    Arbitrary<String> truncated =
        valid.flatMap(
            v -> Arbitraries.integers().between(0, v.length() - 1).map(n -> v.substring(0, n)));
    Arbitrary<String> mutated =
        Combinators.combine(
                valid, Arbitraries.integers().between(0, 10_000), Arbitraries.chars().ascii())
            .as(
                (v, at, c) -> {
                  int i = at % v.length();
                  return v.substring(0, i) + c + v.substring(i + 1);
                });
    Arbitrary<String> idValues =
        Arbitraries.oneOf(
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.strings().alpha().ofMaxLength(5).map(s -> "\"" + s + "\""),
            Arbitraries.of("null", "true", "{}", "[]", "1.5", "1e3", "-0"));
    Arbitrary<String> params =
        Arbitraries.of(
            "",
            ",\"params\":null",
            ",\"params\":[]",
            ",\"params\":\"s\"",
            ",\"params\":{}",
            ",\"params\":{\"name\":\"echo\"}",
            ",\"params\":{\"name\":\"nope\",\"arguments\":[]}",
            ",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":7}}",
            ",\"params\":{\"protocolVersion\":\"1.0.0\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}",
            ",\"params\":{\"requestId\":{}}",
            ",\"params\":{\"cursor\":\"%%%\"}");
    Arbitrary<String> structured =
        Combinators.combine(
                idValues.injectNull(0.2),
                Arbitraries.of(METHODS),
                params,
                Arbitraries.of("2.0", "1.0"))
            .as(
                (id, method, p, version) ->
                    "{\"jsonrpc\":\""
                        + version
                        + "\""
                        + (id == null ? "" : ",\"id\":" + id)
                        + ",\"method\":\""
                        + method
                        + "\""
                        + p
                        + "}");
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> deep =
        Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n));
    Arbitrary<String> huge =
        Arbitraries.integers()
            .between(4000, 9000)
            .map(
                n ->
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"p\":\""
                        + "x".repeat(n)
                        + "\"}}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, truncated),
        net.jqwik.api.Tuple.of(3, mutated),
        net.jqwik.api.Tuple.of(4, structured),
        net.jqwik.api.Tuple.of(2, noise),
        net.jqwik.api.Tuple.of(1, deep),
        net.jqwik.api.Tuple.of(1, huge),
        net.jqwik.api.Tuple.of(1, valid));
  }

  @Property(tries = 400)
  void theCodecNeverThrowsAndNamesAStandardError(@ForAll("frames") String frame) {
    DecodeResult r = CODEC.decode(frame.getBytes(StandardCharsets.UTF_8));
    if (r instanceof DecodeResult.Failure f) {
      assertThat(f.error().code()).isIn(JsonRpcError.PARSE_ERROR, JsonRpcError.INVALID_REQUEST);
    }
  }

  @Property(tries = 400)
  void theCodecSurvivesRandomBytes(@ForAll byte[] bytes) {
    assertThat(CODEC.decode(bytes)).isNotNull();
  }

  @Property(tries = 300)
  void theServerAnswersEveryReadableRequestIdAndStaysUsable(
      @ForAll("frames") String frame, @ForAll boolean initializeFirst) throws Exception {
    LinkedBlockingQueue<JsonNode> out = new LinkedBlockingQueue<>();
    McpServerConnection connection = server.connect(f -> out.add(CODEC.mapper().readTree(f)));
    try {
      if (initializeFirst) {
        connection.receive(
            VALID.get(0).replace("\"id\":1", "\"id\":\"init\"").getBytes(StandardCharsets.UTF_8));
        assertThat(out.poll(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isNotNull();
      }
      byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
      CompletableFuture.runAsync(() -> connection.receive(bytes))
          .get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

      Expectation expected = expectationOf(bytes);
      connection.receive(
          "{\"jsonrpc\":\"2.0\",\"id\":\"probe\",\"method\":\"ping\"}"
              .getBytes(StandardCharsets.UTF_8));
      List<JsonNode> answers = new ArrayList<>();
      boolean sawExpected = !expected.answered;
      boolean sawProbe = false;
      while (!(sawProbe && sawExpected)) {
        JsonNode answer = out.poll(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(answer).as("an answer to %s (so far %s)", frame, answers).isNotNull();
        answers.add(answer);
        assertThat(CODEC.decodeTree(answer))
            .as("a well-formed message")
            .isInstanceOf(DecodeResult.Decoded.class);
        JsonRpcId id = JsonRpcId.fromJson(answer.get("id"));
        if (answer.has("method")) {
          continue; // a notification or a request of the server (progress, list_changed)
        }
        assertThat(((DecodeResult.Decoded) CODEC.decodeTree(answer)).message())
            .isInstanceOf(JsonRpcResponse.class);
        if (JsonRpcId.of("probe").equals(id)) {
          sawProbe = true;
        } else if (expected.answered && java.util.Objects.equals(expected.id, id)) {
          sawExpected = true;
        }
      }
    } finally {
      connection.close();
    }
  }

  /** Whether the server must answer a frame, and with which id (null: an error without id). */
  private record Expectation(boolean answered, JsonRpcId id) {}

  private static Expectation expectationOf(byte[] bytes) {
    if (bytes.length > CODEC.maxFrameBytes()) {
      return new Expectation(true, null);
    }
    JsonNode tree;
    try {
      tree = CODEC.mapper().readTree(bytes);
    } catch (JacksonException e) {
      return new Expectation(true, null);
    }
    DecodeResult decoded = CODEC.decodeTree(tree);
    if (decoded instanceof DecodeResult.Failure f) {
      return new Expectation(!f.looksLikeResponse(), f.id());
    }
    Object message = ((DecodeResult.Decoded) decoded).message();
    if (message instanceof io.github.aiplaybooks.mcp.jsonrpc.JsonRpcRequest r) {
      return new Expectation(true, r.id());
    }
    return new Expectation(false, null);
  }

  @Property(tries = 60)
  void theStdioReaderSurvivesAnyBytes(@ForAll byte[] noise) throws Exception {
    Pipe in = new Pipe();
    Pipe outPipe = new Pipe();
    Thread serving = new Thread(() -> server.serveStdio(in.in(), outPipe.out()));
    serving.setDaemon(true);
    serving.start();
    in.out().write(noise);
    in.out()
        .write(
            "\n{\"jsonrpc\":\"2.0\",\"id\":\"probe\",\"method\":\"ping\"}\n"
                .getBytes(StandardCharsets.UTF_8));
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(outPipe.in(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> probed =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.contains("\"probe\"")) {
                    return true;
                  }
                }
                return false;
              } catch (java.io.IOException e) {
                return false;
              }
            });
    assertThat(probed.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    in.close();
    serving.join(TimeUnit.SECONDS.toMillis(HANG_GUARD_SECONDS));
    assertThat(serving.isAlive()).isFalse();
  }
}
