package io.github.aiplaybooks.mcp.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class JsonRpcCodecTest {
  private final JsonRpcCodec codec = JsonRpcCodec.ofDefaults();

  private JsonRpcMessage decoded(String frame) {
    DecodeResult r = codec.decode(frame);
    assertThat(r).as(frame).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded) r).message();
  }

  private DecodeResult.Failure failure(String frame) {
    DecodeResult r = codec.decode(frame);
    assertThat(r).as(frame).isInstanceOf(DecodeResult.Failure.class);
    return (DecodeResult.Failure) r;
  }

  private JsonNode tree(String json) {
    return codec.mapper().readTree(json);
  }

  @Test
  void decodesTheSeedsKubectlRequestAndEncodesItBack() {
    String frame =
        "{\"jsonrpc\":\"2.0\",\"method\":\"kubectl/get\",\"params\":{\"resource\":\"pods\","
            + "\"namespace\":\"default\",\"selector\":\"app=api\"},\"id\":1}";
    JsonRpcRequest request = (JsonRpcRequest) decoded(frame);
    assertThat(request.id()).isEqualTo(JsonRpcId.of(1));
    assertThat(request.method()).isEqualTo("kubectl/get");
    assertThat(request.params().get("selector").stringValue()).isEqualTo("app=api");
    assertThat(tree(codec.encodeToString(request))).isEqualTo(tree(frame));
  }

  @Test
  void keepsStringAndNumberIdsAsGiven() {
    JsonRpcRequest s =
        (JsonRpcRequest) decoded("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"ping\"}");
    JsonRpcRequest n =
        (JsonRpcRequest) decoded("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
    assertThat(s.id()).isNotEqualTo(n.id());
    assertThat(s.id().isString()).isTrue();
    assertThat(codec.encodeToString(s)).contains("\"id\":\"7\"");
    assertThat(codec.encodeToString(n)).contains("\"id\":7");
    JsonRpcRequest big =
        (JsonRpcRequest)
            decoded("{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234,\"method\":\"ping\"}");
    assertThat(codec.encodeToString(big)).contains("\"id\":123456789012345678901234");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "7                        | 7",
        "-3                       | -3",
        "9223372036854775807      | 9223372036854775807",
        "9223372036854775808      | 9223372036854775808",
        "1.5                      | 1.5",
        "'\"req-1\"'                | '\"req-1\"'"
      })
  void idsAreWrittenBackExactlyAsReadAndEqualOnlyToTheSameId(String written, String rewritten) {
    JsonRpcId id =
        ((JsonRpcRequest)
                decoded("{\"jsonrpc\":\"2.0\",\"id\":" + written + ",\"method\":\"ping\"}"))
            .id();
    assertThat(
            codec.encodeToString(new JsonRpcSuccessResponse(id, codec.mapper().createObjectNode())))
        .startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + rewritten + ",");
    assertThat(id.toString()).isEqualTo(rewritten);
    assertThat(id.toJson().toString()).isEqualTo(rewritten);
    JsonRpcId again = JsonRpcId.fromJson(id.toJson());
    assertThat(again).isEqualTo(id).hasSameHashCodeAs(id);
  }

  @Test
  void numberAndStringIdsOfTheSameTextDiffer() {
    assertThat(JsonRpcId.of(7)).isEqualTo(JsonRpcId.fromJson(codec.mapper().readTree("7")));
    assertThat(JsonRpcId.of(7)).isNotEqualTo(JsonRpcId.of("7"));
    assertThat(JsonRpcId.fromJson(codec.mapper().readTree("1.5")))
        .isNotEqualTo(JsonRpcId.fromJson(codec.mapper().readTree("2.5")))
        .isNotEqualTo(JsonRpcId.of(1));
    assertThat(JsonRpcId.of(7).isNumber()).isTrue();
    assertThat(JsonRpcId.of("7").isNumber()).isFalse();
  }

  @Test
  void readsNotificationsAndBothKindsOfResponse() {
    assertThat(decoded("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
        .isEqualTo(new JsonRpcNotification("notifications/initialized", null));
    JsonRpcSuccessResponse ok =
        (JsonRpcSuccessResponse) decoded("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}");
    assertThat(ok.id()).isEqualTo(JsonRpcId.of("a"));
    JsonRpcErrorResponse error =
        (JsonRpcErrorResponse)
            decoded(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\",\"data\":[1]}}");
    assertThat(error.id()).isNull();
    assertThat(error.error().code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(error.error().data().get(0).intValue()).isEqualTo(1);
  }

  @Test
  void encodesAnErrorWithoutAnIdAsNullId() {
    String json =
        codec.encodeToString(
            new JsonRpcErrorResponse(
                null, JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error")));
    assertThat(tree(json))
        .isEqualTo(
            tree(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}"));
  }

  @Test
  void encodedFramesNeverContainARawNewline() {
    JsonRpcNotification n =
        new JsonRpcNotification(
            "notifications/message",
            codec.mapper().createObjectNode().put("data", "line1\nline2\r\n"));
    byte[] frame = codec.encode(n);
    assertThat(new String(frame, StandardCharsets.UTF_8)).doesNotContain("\n").doesNotContain("\r");
    assertThat(decoded(new String(frame, StandardCharsets.UTF_8))).isEqualTo(n);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "not json",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing",
        "",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}",
        "\u0000\u0001"
      })
  void malformedJsonIsAParseErrorWithoutId(String frame) {
    DecodeResult.Failure f = failure(frame);
    assertThat(f.error().code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(f.id()).isNull();
    assertThat(f.toErrorResponse().id()).isNull();
  }

  @Test
  void invalidRequestsKeepTheIdWhenItCouldBeRead() {
    DecodeResult.Failure noVersion = failure("{\"id\":5,\"method\":\"ping\"}");
    assertThat(noVersion.error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(noVersion.id()).isEqualTo(JsonRpcId.of(5));

    DecodeResult.Failure badMethod = failure("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":1}");
    assertThat(badMethod.id()).isEqualTo(JsonRpcId.of("x"));
    assertThat(badMethod.error().message()).contains("\"method\"");

    DecodeResult.Failure badParams =
        failure("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":\"bar\"}");
    assertThat(badParams.id()).isEqualTo(JsonRpcId.of(6));
    assertThat(badParams.error().message()).contains("\"params\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
        "42",
        "\"text\"",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\"}"
      })
  void validJsonThatIsNoMessageIsAnInvalidRequestWithoutId(String frame) {
    DecodeResult.Failure f = failure(frame);
    assertThat(f.error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(f.id()).isNull();
  }

  @Test
  void malformedResponsesAreMarkedSoNobodyAnswersThem() {
    DecodeResult.Failure both =
        failure(
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}");
    assertThat(both.looksLikeResponse()).isTrue();
    assertThat(both.id()).isEqualTo(JsonRpcId.of(3));
    DecodeResult.Failure badError =
        failure("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":\"x\",\"message\":\"m\"}}");
    assertThat(badError.looksLikeResponse()).isTrue();
    assertThat(failure("{\"jsonrpc\":\"2.0\",\"result\":{}}").looksLikeResponse()).isTrue();
  }

  @Test
  void refusesFramesOverTheLimitWithoutReadingThem() {
    JsonRpcCodec small = JsonRpcCodec.builder().maxFrameBytes(100).build();
    String frame =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(200)
            + "\"}}";
    DecodeResult.Failure f = (DecodeResult.Failure) small.decode(frame);
    assertThat(f.error().code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(f.error().message()).contains("limit is 100 bytes");
    assertThat(small.toBuilder().build().maxFrameBytes()).isEqualTo(100);
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    JsonRpcCodec shallow = JsonRpcCodec.builder().maxNestingDepth(10).build();
    String deep = "[".repeat(50) + "]".repeat(50);
    String frame =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":" + deep + "}}";
    DecodeResult.Failure f = (DecodeResult.Failure) shallow.decode(frame);
    assertThat(f.error().code()).isEqualTo(JsonRpcError.PARSE_ERROR);
  }

  @Test
  void builderRejectsNonsenseLimitsNamingTheField() {
    assertThatThrownBy(() -> JsonRpcCodec.builder().maxFrameBytes(1))
        .hasMessageContaining("maxFrameBytes");
    assertThatThrownBy(() -> JsonRpcCodec.builder().maxNestingDepth(0))
        .hasMessageContaining("maxNestingDepth");
  }
}
