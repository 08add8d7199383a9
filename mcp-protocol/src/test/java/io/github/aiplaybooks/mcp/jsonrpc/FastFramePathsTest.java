package io.github.aiplaybooks.mcp.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The codec's hand-written paths ({@link JsonFrameWriter}, {@link JsonFrameReader}) are invisible:
 * for random messages the frame is byte for byte what Jackson writes, and for random, mutated and
 * truncated frames the decoded message (or failure) is exactly what Jackson's reading gives. The
 * tests also pin which inputs take the fast paths, so a change that quietly sends everything to
 * Jackson fails here too.
 */
class FastFramePathsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final JsonRpcCodec codec = JsonRpcCodec.ofDefaults();

  // ---- encoding ----

  @Property(tries = 1000)
  void encodingIsByteForByteWhatJacksonWrites(@ForAll("messages") JsonRpcMessage message) {
    assertSameEncoding(message);
  }

  @Property(tries = 30)
  void longStringsAcrossChunksAreWrittenAsJacksonWritesThem(
      @ForAll("longTexts") String text, @ForAll @IntRange(min = 0, max = 3) int copies) {
    ObjectNode result = NODES.objectNode();
    ArrayNode content = result.putArray("content");
    for (int i = 0; i <= copies; i++) {
      content.addObject().put("type", "text").put("text", text);
    }
    assertSameEncoding(new JsonRpcSuccessResponse(JsonRpcId.of(1), result));
  }

  @Test
  void rememberedMemberNamesAreWrittenAsJacksonWritesThem() {
    // "Aa" and "BB" share a hash code, so they take the same slot of the writer's name memory.
    for (int round = 0; round < 3; round++) {
      for (String name : List.of("Aa", "BB", "name", "Aa", "quote\"d", "x".repeat(40), "BB")) {
        ObjectNode params = NODES.objectNode();
        params.put(name, name).putObject("nested").put(name, round);
        assertSameEncoding(new JsonRpcRequest(JsonRpcId.of(round), "m", params));
      }
    }
  }

  @Test
  void aNodeThatEncodesWhileBeingWrittenDoesNotCorruptTheFrame() {
    ObjectNode reentrant =
        new ObjectNode(NODES) {
          private static final long serialVersionUID = 1L;

          @Override
          public java.util.Set<java.util.Map.Entry<String, JsonNode>> properties() {
            codec.encode(new JsonRpcNotification("inner", NODES.objectNode().put("k", "v")));
            return super.properties();
          }
        };
    reentrant.put("outer", "value");
    JsonRpcMessage m = new JsonRpcRequest(JsonRpcId.of(1), "m", reentrant);
    assertThat(new String(codec.encode(m), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"outer\":\"value\"}}");
  }

  private void assertSameEncoding(JsonRpcMessage message) {
    byte[] jackson;
    try {
      jackson = codec.encodeWithJackson(message);
    } catch (RuntimeException e) {
      // Jackson cannot write it: the fast path must have left it to Jackson too.
      assertThat(JsonFrameWriter.encode(message)).as("fast frame of %s", message).isNull();
      return;
    }
    assertThat(new String(codec.encode(message), StandardCharsets.UTF_8))
        .isEqualTo(new String(jackson, StandardCharsets.UTF_8));
    assertThat(codec.encode(message)).isEqualTo(jackson);
  }

  @Test
  void plainMessagesTakeTheFastPathAndUnusualOnesGoToJackson() {
    ObjectNode plain = NODES.objectNode();
    plain
        .put("s", "quote \" backslash \\ newline \n tab \t nul \u0000 del \u007f é 中")
        .put("i", Integer.MIN_VALUE)
        .put("l", Long.MIN_VALUE)
        .put("t", true)
        .putNull("n");
    plain.putArray("a").add(1).addObject().putArray("empty");
    assertThat(JsonFrameWriter.encode(new JsonRpcRequest(JsonRpcId.of("x"), "m", plain)))
        .isNotNull();
    assertThat(JsonFrameWriter.encode(new JsonRpcRequest(JsonRpcId.of(-7), "m", null))).isNotNull();
    assertThat(
            JsonFrameWriter.encode(
                new JsonRpcErrorResponse(null, JsonRpcError.of(-32700, "Parse error", plain))))
        .isNotNull();

    for (JsonNode unusual :
        List.<JsonNode>of(
            NODES.numberNode(1.5),
            NODES.numberNode(new BigDecimal("1.5")),
            NODES.numberNode(BigInteger.TEN.pow(30)),
            NODES.numberNode((short) 3),
            NODES.binaryNode(new byte[] {1}),
            NODES.pojoNode(List.of()),
            NODES.stringNode("emoji \ud83d\ude00"),
            NODES.stringNode("lone \ud800"))) {
      JsonRpcMessage m = new JsonRpcSuccessResponse(JsonRpcId.of(1), wrap(unusual));
      assertThat(JsonFrameWriter.encode(m)).as("fast frame with %s", unusual).isNull();
      assertSameEncoding(m);
    }
    JsonRpcId decimalId =
        ((JsonRpcRequest)
                ((DecodeResult.Decoded)
                        codec.decode("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}"))
                    .message())
            .id();
    assertThat(JsonFrameWriter.encode(new JsonRpcRequest(decimalId, "ping", null))).isNull();
    assertSameEncoding(new JsonRpcRequest(decimalId, "ping", null));
  }

  @Test
  void treesDeeperThanTheFastPathsLimitGoToJackson() {
    ObjectNode root = NODES.objectNode();
    ObjectNode at = root;
    for (int i = 0; i < JsonFrameWriter.MAX_DEPTH + 5; i++) {
      at = at.putObject("d");
    }
    JsonRpcMessage m = new JsonRpcNotification("deep", root);
    assertThat(JsonFrameWriter.encode(m)).isNull();
    assertSameEncoding(m);
  }

  private static JsonNode wrap(JsonNode value) {
    ObjectNode o = NODES.objectNode();
    o.putArray("list").add(value);
    return o;
  }

  // ---- decoding ----

  @Property(tries = 1000)
  void decodingGivesWhatJacksonReads(@ForAll("frames") byte[] frame) {
    assertSameDecoding(frame);
  }

  @Property(tries = 1000)
  void decodingMutatedFramesGivesWhatJacksonReads(
      @ForAll("messages") JsonRpcMessage message,
      @ForAll @IntRange(min = 0, max = 6) int mutation,
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll byte value) {
    byte[] frame = framedByJackson(message);
    int at = frame.length == 0 ? 0 : where % frame.length;
    byte[] mutated =
        switch (mutation) {
          case 0 -> frame;
          case 1 -> java.util.Arrays.copyOf(frame, at);
          case 2 -> replace(frame, at, value);
          case 3 -> insert(frame, at, (byte) " \t\r\n".charAt(Math.abs(value % 4)));
          case 4 -> insert(frame, at, value);
          case 5 -> remove(frame, at);
          default ->
              new String(frame, StandardCharsets.UTF_8)
                  .replaceFirst("\"jsonrpc\":\"2.0\"", "\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\"")
                  .getBytes(StandardCharsets.UTF_8);
        };
    assertSameDecoding(mutated);
  }

  @Property(tries = 30)
  void longStringsAreReadAsJacksonReadsThem(
      @ForAll("longTexts") String text, @ForAll @IntRange(min = 0, max = 9) int cut) {
    ObjectNode result = NODES.objectNode();
    result.putArray("content").addObject().put("type", "text").put("text", text);
    byte[] frame = framedByJackson(new JsonRpcSuccessResponse(JsonRpcId.of(1), result));
    assertSameDecoding(frame);
    // Cut short near the end, where the reader goes from words to bytes.
    assertSameDecoding(java.util.Arrays.copyOf(frame, Math.max(0, frame.length - 4 - cut)));
  }

  private void assertSameDecoding(byte[] frame) {
    DecodeResult jackson = codec.decodeWithJackson(frame, 0, frame.length);
    DecodeResult fast = codec.decode(frame);
    assertThat(fast).as(new String(frame, StandardCharsets.UTF_8)).isEqualTo(jackson);
    if (jackson instanceof DecodeResult.Decoded d) {
      assertThat(treeOf(fast) == null ? null : treeOf(fast).getClass())
          .isEqualTo(treeOf(d) == null ? null : treeOf(d).getClass());
      // Equal trees could still differ in node types that compare equal; they do not.
      assertThat(String.valueOf(treeOf(fast))).isEqualTo(String.valueOf(treeOf(d)));
    }
  }

  private static JsonNode treeOf(DecodeResult r) {
    JsonRpcMessage m = ((DecodeResult.Decoded) r).message();
    if (m instanceof JsonRpcRequest q) {
      return q.params();
    }
    if (m instanceof JsonRpcNotification n) {
      return n.params();
    }
    if (m instanceof JsonRpcSuccessResponse s) {
      return s.result();
    }
    return ((JsonRpcErrorResponse) m).error().data();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"kubectl_get\",\"arguments\":{\"resource\":\"pods\"}}}",
        " \t\r\n{ \"jsonrpc\" : \"2.0\" , \"id\" : \"a\" , \"result\" : { \"content\" : [ ] } } \n",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"t\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\u007e\\u007F\"}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":{\"i\":2147483647,\"j\":2147483648,\"k\":-2147483648,"
            + "\"l\":-2147483649,\"m\":999999999999999999,\"z\":-0,\"b\":[true,false,null,{}]}}",
        "{}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}"
      })
  void plainFramesTakeTheFastPath(String frame) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonFrameReader.read(bytes, 0, codec.maxNestingDepth())).isNotNull();
    assertSameDecoding(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"é\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"\\u00e9\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"\\ud83d\\ude00\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1e2,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1000000000000000000,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":01,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":-,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"tab\there\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"\\x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":tru}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":truex}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}} x",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[1,]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"unterminated",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}]",
        "\"text\"",
        "",
        "   "
      })
  void unusualFramesGoToJackson(String frame) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonFrameReader.read(bytes, 0, codec.maxNestingDepth())).isNull();
    assertSameDecoding(bytes);
  }

  @Test
  void framesNearTheNestingLimitGoToJackson() {
    JsonRpcCodec shallow = JsonRpcCodec.builder().maxNestingDepth(8).build();
    String nested = "{\"a\":".repeat(8) + "1" + "}".repeat(8);
    byte[] bytes = nested.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonFrameReader.read(bytes, 0, shallow.maxNestingDepth())).isNull();
    assertThat(shallow.decode(bytes))
        .isEqualTo(shallow.decodeWithJackson(bytes, 0, bytes.length))
        .isInstanceOf(DecodeResult.Failure.class);
  }

  @Test
  void aFrameInsideALargerBufferIsReadByJacksonOnlyUpToItsEnd() {
    byte[] buffer =
        "xx{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}{\"garbage\""
            .getBytes(StandardCharsets.UTF_8);
    int length = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}".length();
    assertThat(codec.decode(buffer, 2, length))
        .isEqualTo(codec.decodeWithJackson(buffer, 2, length))
        .isInstanceOf(DecodeResult.Decoded.class);
  }

  private static byte[] replace(byte[] frame, int at, byte value) {
    byte[] copy = frame.clone();
    if (copy.length > 0) {
      copy[at] = value;
    }
    return copy;
  }

  private static byte[] insert(byte[] frame, int at, byte value) {
    byte[] copy = new byte[frame.length + 1];
    System.arraycopy(frame, 0, copy, 0, at);
    copy[at] = value;
    System.arraycopy(frame, at, copy, at + 1, frame.length - at);
    return copy;
  }

  private static byte[] remove(byte[] frame, int at) {
    if (frame.length == 0) {
      return frame;
    }
    byte[] copy = new byte[frame.length - 1];
    System.arraycopy(frame, 0, copy, 0, at);
    System.arraycopy(frame, at + 1, copy, at, frame.length - at - 1);
    return copy;
  }

  // ---- generators ----

  @Provide
  Arbitrary<JsonRpcMessage> messages() {
    Arbitrary<JsonNode> params = objects(3).map(o -> (JsonNode) o).injectNull(0.2);
    Arbitrary<String> method = texts();
    Arbitrary<JsonRpcMessage> request =
        Combinators.combine(ids(), method, params).as(JsonRpcRequest::new);
    Arbitrary<JsonRpcMessage> notification =
        Combinators.combine(method, params).as(JsonRpcNotification::new);
    Arbitrary<JsonRpcMessage> success =
        Combinators.combine(ids(), values(3)).as(JsonRpcSuccessResponse::new);
    Arbitrary<JsonRpcMessage> error =
        Combinators.combine(
                ids().injectNull(0.2), Arbitraries.integers(), texts(), values(2).injectNull(0.5))
            .as(
                (id, code, text, data) ->
                    new JsonRpcErrorResponse(id, JsonRpcError.of(code, text, data)));
    return Arbitraries.oneOf(request, notification, success, error);
  }

  @Provide
  Arbitrary<byte[]> frames() {
    return messages().map(this::framedByJackson);
  }

  /** The message as Jackson writes it; an empty frame for the few it cannot write. */
  private byte[] framedByJackson(JsonRpcMessage message) {
    try {
      return codec.encodeWithJackson(message);
    } catch (RuntimeException e) {
      return new byte[0];
    }
  }

  @Provide
  Arbitrary<String> longTexts() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            3,
            Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars("\"\\\n")
                .ofMinLength(8000)
                .ofMaxLength(20_000)),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars(interestingChars())
                .ofMinLength(8000)
                .ofMaxLength(20_000)));
  }

  private static Arbitrary<JsonRpcId> ids() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(JsonRpcId::of),
        texts().map(JsonRpcId::of),
        Arbitraries.of("1.5", "123456789012345678901234", "-0.25")
            .map(n -> JsonRpcId.fromJson(NODES.numberNode(new BigDecimal(n)))));
  }

  private static String interestingChars() {
    return "\"\\/\n\r\t\b\f\u0000\u0001\u001f\u007f\u0080\u00e9\u07ff\u0800\u2028\u4e2d\uffff"
        + "\ud83d\ude00\ud800\udfff az?{}[]:,";
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30)),
        Tuple.of(3, Arbitraries.strings().withChars(interestingChars()).ofMaxLength(30)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30)));
  }

  private static Arbitrary<JsonNode> values(int depth) {
    Arbitrary<JsonNode> leaf =
        Arbitraries.frequencyOf(
            Tuple.of(6, texts().map(NODES::stringNode)),
            Tuple.of(3, Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i))),
            Tuple.of(2, Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l))),
            Tuple.of(
                2,
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())
                    .map(n -> (JsonNode) n)),
            Tuple.of(1, Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d))),
            Tuple.of(
                1,
                Arbitraries.bigIntegers()
                    .between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20))
                    .map(b -> (JsonNode) NODES.numberNode(b))));
    if (depth == 0) {
      return leaf;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(5, leaf),
        Tuple.of(2, objects(depth - 1).map(o -> (JsonNode) o)),
        Tuple.of(2, arrays(depth - 1).map(a -> (JsonNode) a)));
  }

  private static Arbitrary<ObjectNode> objects(int depth) {
    return Combinators.combine(texts(), values(depth))
        .as(Tuple::of)
        .list()
        .ofMaxSize(4)
        .map(
            members -> {
              ObjectNode o = NODES.objectNode();
              members.forEach(m -> o.set(m.get1(), m.get2()));
              return o;
            });
  }

  private static Arbitrary<ArrayNode> arrays(int depth) {
    return values(depth)
        .list()
        .ofMaxSize(4)
        .map(
            elements -> {
              ArrayNode a = NODES.arrayNode();
              elements.forEach(a::add);
              return a;
            });
  }
}
