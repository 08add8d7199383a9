package io.github.aiplaybooks.mcp.jsonrpc;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns JSON-RPC 2.0 frames into {@link JsonRpcMessage}s and back.
 *
 * <p>Decoding never throws: malformed JSON, a frame over {@link #maxFrameBytes()}, duplicate keys,
 * nesting deeper than {@link #maxNestingDepth()} or valid JSON that is not a JSON-RPC message all
 * come back as a {@link DecodeResult.Failure} carrying the error to answer with and the request id
 * when it could be read. Encoding writes compact JSON on one line (no raw newline ever appears, so
 * the output is a valid stdio frame).
 *
 * <p>Frames of plain JSON (ASCII strings, integers, no duplicate names) are read, and messages of
 * plain JSON (no floating-point numbers, no surrogate chars) written, by hand rather than through
 * Jackson's parser and generator, which cost more to set up than a tool call's messages take to
 * read or write; the result is the same tree, and the same bytes, as Jackson's. Everything else
 * goes through Jackson.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * JsonRpcCodec codec = JsonRpcCodec.builder().maxFrameBytes(1 << 20).build();
 * DecodeResult r = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
 * byte[] frame = codec.encode(new JsonRpcSuccessResponse(JsonRpcId.of(1), codec.mapper().createObjectNode()));
 * }</pre>
 */
public final class JsonRpcCodec {

  /** The default frame limit: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

  /** The default nesting limit for JSON objects and arrays. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 200;

  private static final int MAX_DETAIL_CHARS = 160;
  private static final JsonRpcCodec DEFAULTS = builder().build();

  private final int maxFrameBytes;
  private final int maxNestingDepth;
  private final JsonMapper mapper;

  private JsonRpcCodec(Builder builder) {
    this.maxFrameBytes = builder.maxFrameBytes;
    this.maxNestingDepth = builder.maxNestingDepth;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxNestingDepth)
                    .maxDocumentLength(maxFrameBytes)
                    .maxStringLength(maxFrameBytes)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** A codec with the default limits. */
  public static JsonRpcCodec ofDefaults() {
    return DEFAULTS;
  }

  /** A builder with the default limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this codec's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxFrameBytes = maxFrameBytes;
    b.maxNestingDepth = maxNestingDepth;
    return b;
  }

  /** Frames longer than this many bytes are refused. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** JSON nested deeper than this is refused. */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /**
   * The JSON mapper this codec reads and writes with; it enforces the same limits. Jackson 3
   * mappers are immutable, so sharing it is safe.
   */
  public JsonMapper mapper() {
    return mapper;
  }

  /** Decodes one UTF-8 frame. Never throws. */
  public DecodeResult decode(byte[] frame) {
    return decode(frame, 0, frame.length);
  }

  /** Decodes one UTF-8 frame from {@code frame[offset, offset + length)}. Never throws. */
  public DecodeResult decode(byte[] frame, int offset, int length) {
    if (length > maxFrameBytes) {
      return oversized(length);
    }
    if (offset + length == frame.length) {
      JsonNode tree = JsonFrameReader.read(frame, offset, maxNestingDepth);
      if (tree != null) {
        return decodeTree(tree);
      }
    }
    return decodeWithJackson(frame, offset, length);
  }

  /** The general path: every frame, read by Jackson into the same tree as the fast one. */
  DecodeResult decodeWithJackson(byte[] frame, int offset, int length) {
    JsonNode tree;
    try {
      tree = mapper.readTree(frame, offset, length);
    } catch (JacksonException e) {
      return parseError(e);
    } catch (RuntimeException | StackOverflowError e) {
      // A parser bug must not take the connection down: report it like malformed input.
      return new DecodeResult.Failure(
          null, JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: unreadable frame"), false);
    }
    return decodeTree(tree);
  }

  /** Decodes one frame given as text. Never throws. */
  public DecodeResult decode(String frame) {
    return decode(frame.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a frame that is already a JSON tree (for example one element of a body parsed elsewhere).
   * Never throws.
   */
  public DecodeResult decodeTree(JsonNode tree) {
    if (tree == null || tree.isMissingNode()) {
      return new DecodeResult.Failure(
          null, JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: empty frame"), false);
    }
    if (tree.isArray()) {
      return invalid(null, "JSON-RPC batches are not supported: send one message per frame", false);
    }
    if (!tree.isObject()) {
      return invalid(null, "A JSON-RPC message is a JSON object, not " + kind(tree), false);
    }
    JsonNode idNode = tree.get("id");
    JsonRpcId id = JsonRpcId.fromJson(idNode);
    boolean hasMethod = tree.has("method");
    boolean hasResult = tree.has("result");
    boolean hasError = tree.has("error");
    boolean looksLikeResponse = !hasMethod && (hasResult || hasError);

    JsonNode version = tree.get("jsonrpc");
    if (version == null
        || !version.isString()
        || !JsonRpcMessage.VERSION.equals(version.stringValue())) {
      return invalid(id, "Member \"jsonrpc\" must be \"2.0\"", looksLikeResponse);
    }
    if (idNode != null && !idNode.isNull() && id == null) {
      return invalid(
          null,
          "Member \"id\" must be a string or a number, not " + kind(idNode),
          looksLikeResponse);
    }
    if (hasMethod) {
      if (hasResult || hasError) {
        return invalid(id, "A message has \"method\" or \"result\"/\"error\", not both", false);
      }
      JsonNode method = tree.get("method");
      if (!method.isString()) {
        return invalid(id, "Member \"method\" must be a string, not " + kind(method), false);
      }
      JsonNode params = tree.get("params");
      if (params != null && !params.isObject() && !params.isArray()) {
        return invalid(
            id, "Member \"params\" must be an object or an array, not " + kind(params), false);
      }
      if (idNode == null) {
        return new DecodeResult.Decoded(new JsonRpcNotification(method.stringValue(), params));
      }
      if (id == null) {
        return invalid(null, "Member \"id\" of a request must not be null", false);
      }
      return new DecodeResult.Decoded(new JsonRpcRequest(id, method.stringValue(), params));
    }
    if (hasResult && hasError) {
      return invalid(id, "A response has \"result\" or \"error\", not both", true);
    }
    if (hasResult) {
      if (id == null) {
        return invalid(null, "A success response needs a string or number \"id\"", true);
      }
      return new DecodeResult.Decoded(new JsonRpcSuccessResponse(id, tree.get("result")));
    }
    if (hasError) {
      JsonRpcError error = readError(tree.get("error"));
      if (error == null) {
        return invalid(
            id,
            "Member \"error\" must be an object with integer \"code\" and string \"message\"",
            true);
      }
      return new DecodeResult.Decoded(new JsonRpcErrorResponse(id, error));
    }
    return invalid(id, "A message needs \"method\", \"result\" or \"error\"", false);
  }

  private static JsonRpcError readError(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode code = node.get("code");
    JsonNode message = node.get("message");
    if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
      return null;
    }
    if (message == null || !message.isString()) {
      return null;
    }
    return new JsonRpcError(code.intValue(), message.stringValue(), node.get("data"));
  }

  /** Encodes a message as compact UTF-8 JSON without a trailing newline. */
  public byte[] encode(JsonRpcMessage message) {
    byte[] frame = JsonFrameWriter.encode(message);
    return frame != null ? frame : encodeWithJackson(message);
  }

  /** The general path: every message Jackson can write, byte for byte as the fast one. */
  byte[] encodeWithJackson(JsonRpcMessage message) {
    // Segments that are joined once at the end, where a ByteArrayOutputStream copies on every
    // doubling and again when done.
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = mapper.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("jsonrpc", JsonRpcMessage.VERSION);
      if (message instanceof JsonRpcRequest r) {
        g.writeName("id");
        writeId(g, r.id());
        g.writeStringProperty("method", r.method());
        writeOptionalTree(g, "params", r.params());
      } else if (message instanceof JsonRpcNotification n) {
        g.writeStringProperty("method", n.method());
        writeOptionalTree(g, "params", n.params());
      } else if (message instanceof JsonRpcSuccessResponse s) {
        g.writeName("id");
        writeId(g, s.id());
        g.writeName("result");
        g.writeTree(s.result());
      } else {
        JsonRpcErrorResponse e = (JsonRpcErrorResponse) message;
        g.writeName("id");
        writeId(g, e.id());
        g.writeName("error");
        g.writeStartObject();
        g.writeNumberProperty("code", e.error().code());
        g.writeStringProperty("message", e.error().message());
        writeOptionalTree(g, "data", e.error().data());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.getClearAndRelease();
  }

  /** Encodes a message as compact JSON text without a trailing newline. */
  public String encodeToString(JsonRpcMessage message) {
    return new String(encode(message), StandardCharsets.UTF_8);
  }

  private static void writeId(JsonGenerator g, JsonRpcId id) {
    if (id == null) {
      g.writeNull();
    } else {
      id.writeTo(g);
    }
  }

  private static void writeOptionalTree(JsonGenerator g, String name, JsonNode value) {
    if (value != null) {
      g.writeName(name);
      g.writeTree(value);
    }
  }

  private DecodeResult.Failure oversized(long length) {
    return new DecodeResult.Failure(
        null,
        JsonRpcError.of(
            JsonRpcError.PARSE_ERROR,
            "Frame of " + length + " bytes refused: the limit is " + maxFrameBytes + " bytes"),
        false);
  }

  private DecodeResult.Failure parseError(JacksonException e) {
    String detail = e.getOriginalMessage();
    if (detail == null) {
      detail = e.getClass().getSimpleName();
    }
    if (detail.length() > MAX_DETAIL_CHARS) {
      detail = detail.substring(0, MAX_DETAIL_CHARS) + "...";
    }
    return new DecodeResult.Failure(
        null, JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: " + detail), false);
  }

  /** The failure for a frame that was more than {@link #maxFrameBytes()} long. */
  public DecodeResult.Failure oversizedFrame(long length) {
    return oversized(length);
  }

  private static DecodeResult.Failure invalid(
      JsonRpcId id, String message, boolean looksLikeResponse) {
    return new DecodeResult.Failure(
        id,
        JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Invalid request: " + message),
        looksLikeResponse);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING, BINARY -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case MISSING -> "nothing";
    };
  }

  /** Builds a {@link JsonRpcCodec}. */
  public static final class Builder {
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;

    private Builder() {}

    /**
     * Frames longer than this are refused with a parse error instead of being read.
     *
     * @throws IllegalArgumentException if {@code bytes} is below 64
     */
    public Builder maxFrameBytes(int bytes) {
      if (bytes < 64) {
        throw new IllegalArgumentException("maxFrameBytes must be at least 64, was " + bytes);
      }
      this.maxFrameBytes = bytes;
      return this;
    }

    /**
     * JSON nested deeper than this is refused with a parse error.
     *
     * @throws IllegalArgumentException if {@code depth} is below 8
     */
    public Builder maxNestingDepth(int depth) {
      if (depth < 8) {
        throw new IllegalArgumentException("maxNestingDepth must be at least 8, was " + depth);
      }
      this.maxNestingDepth = depth;
      return this;
    }

    /** The codec. */
    public JsonRpcCodec build() {
      return new JsonRpcCodec(this);
    }
  }
}
