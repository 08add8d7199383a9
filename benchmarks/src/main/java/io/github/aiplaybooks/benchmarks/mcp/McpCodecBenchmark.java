package io.github.aiplaybooks.benchmarks.mcp;

import io.github.aiplaybooks.mcp.jsonrpc.DecodeResult;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcId;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcRequest;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcSuccessResponse;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decoding and encoding of the two messages on an MCP client's hot path, a {@code tools/call}
 * request and its response with a 4 KB text result, by {@code mcp-protocol} and by the official MCP
 * Java SDK ({@code io.modelcontextprotocol.sdk:mcp}) with its own mapper and types, in one run.
 *
 * <p>Each side does what its own transport and session do with a frame, up to a typed object:
 *
 * <ul>
 *   <li>ours: {@code JsonRpcCodec.decode(bytes)}, then {@code McpJson.read} of the params or result
 *       into {@link CallToolRequestParams} / {@link CallToolResult}; encoding is {@code
 *       McpJson.write} of the record, then {@code JsonRpcCodec.encode} to bytes;
 *   <li>the SDK: {@code McpSchema.deserializeJsonRpcMessage(mapper, text)}, then {@code
 *       mapper.convertValue} of the params or result into {@code CallToolRequest} / {@code
 *       CallToolResult} (as {@code McpServerSession} and {@code McpAsyncClient} do); encoding is
 *       {@code mapper.writeValueAsBytes} of a {@code JSONRPCRequest} / {@code JSONRPCResponse}.
 * </ul>
 *
 * <p>The SDK reads text, so it is given the frame as a {@code String} made once in setup (its
 * transports decode UTF-8 themselves); ours reads the bytes. That favours the SDK slightly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class McpCodecBenchmark {
  private final JsonRpcCodec codec = JsonRpcCodec.ofDefaults();
  private final McpJsonMapper sdkMapper = McpJsonDefaults.getMapper();

  private byte[] requestFrame;
  private String requestText;
  private byte[] resultFrame;
  private String resultText;

  private CallToolRequestParams ourParams;
  private CallToolResult ourResult;
  private McpSchema.CallToolRequest sdkParams;
  private McpSchema.CallToolResult sdkResult;

  @Setup
  public void setUp() {
    ObjectNode arguments =
        McpJson.mapper()
            .createObjectNode()
            .put("resource", "pods")
            .put("namespace", "payments")
            .put("selector", "app=api,tier=backend")
            .put("output", "json");
    ourParams = CallToolRequestParams.of("kubectl_get", arguments);
    requestFrame =
        codec.encode(new JsonRpcRequest(JsonRpcId.of(42), "tools/call", McpJson.write(ourParams)));
    requestText = new String(requestFrame, StandardCharsets.UTF_8);

    ourResult = CallToolResult.text(logText(4096));
    resultFrame =
        codec.encode(new JsonRpcSuccessResponse(JsonRpcId.of(42), McpJson.write(ourResult)));
    resultText = new String(resultFrame, StandardCharsets.UTF_8);

    Map<String, Object> sdkArguments = new LinkedHashMap<>();
    arguments.properties().forEach(e -> sdkArguments.put(e.getKey(), e.getValue().asString()));
    sdkParams = new McpSchema.CallToolRequest("kubectl_get", sdkArguments);
    sdkResult =
        McpSchema.CallToolResult.builder()
            .content(List.of(new McpSchema.TextContent(ourResult.joinedText())))
            .build();
    verifyBothSidesAgree();
  }

  /** Both sides must read what the other writes, or the comparison means nothing. */
  private void verifyBothSidesAgree() {
    try {
      require(decodeRequestOurs().equals(ourParams), "our request round trip");
      require(decodeResultOurs().equals(ourResult), "our result round trip");
      require(decodeRequestSdk().equals(sdkParams), "the SDK's request round trip");
      require(
          ((McpSchema.TextContent) decodeResultSdk().content().get(0))
              .text()
              .equals(ourResult.joinedText()),
          "the SDK's reading of the result");
      McpSchema.JSONRPCResponse sdkReadsOurs =
          (McpSchema.JSONRPCResponse)
              McpSchema.deserializeJsonRpcMessage(
                  sdkMapper, new String(encodeResultOurs(), StandardCharsets.UTF_8));
      require(
          sdkMapper
              .convertValue(sdkReadsOurs.result(), McpSchema.CallToolResult.class)
              .equals(decodeResultSdk()),
          "the SDK's reading of our result");
      DecodeResult oursReadsSdk = codec.decode(encodeResultSdk());
      CallToolResult fromSdk =
          McpJson.read(
              ((JsonRpcSuccessResponse) ((DecodeResult.Decoded) oursReadsSdk).message()).result(),
              CallToolResult.class);
      // The SDK writes "isError": false where we leave the member out; the content must match.
      require(
          fromSdk.content().equals(ourResult.content()) && !fromSdk.failed(),
          "our reading of the SDK's result");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Benchmark set-up is wrong: " + what + " differs");
    }
  }

  /**
   * About {@code size} characters of kubectl-like log lines, with quotes and newlines to escape.
   */
  static String logText(int size) {
    StringBuilder text = new StringBuilder(size + 128);
    for (int i = 0; text.length() < size; i++) {
      text.append("2026-01-12T08:14:")
          .append(String.format("%02d", i % 60))
          .append(".123Z INFO  api-7f9c4 request handled {\"path\":\"/v1/payments/")
          .append(i)
          .append("\",\"status\":200,\"ms\":")
          .append(i % 97)
          .append("}\n");
    }
    return text.substring(0, size);
  }

  // ---- tools/call request ----

  @Benchmark
  public CallToolRequestParams decodeRequestOurs() {
    DecodeResult decoded = codec.decode(requestFrame);
    JsonRpcRequest request = (JsonRpcRequest) ((DecodeResult.Decoded) decoded).message();
    return McpJson.read(request.params(), CallToolRequestParams.class);
  }

  @Benchmark
  public McpSchema.CallToolRequest decodeRequestSdk() throws IOException {
    McpSchema.JSONRPCRequest request =
        (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(sdkMapper, requestText);
    return sdkMapper.convertValue(request.params(), McpSchema.CallToolRequest.class);
  }

  @Benchmark
  public byte[] encodeRequestOurs() {
    return codec.encode(
        new JsonRpcRequest(JsonRpcId.of(42), "tools/call", McpJson.write(ourParams)));
  }

  @Benchmark
  public byte[] encodeRequestSdk() throws IOException {
    return sdkMapper.writeValueAsBytes(
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", 42, sdkParams));
  }

  // ---- tools/call response with a 4 KB text result ----

  @Benchmark
  public CallToolResult decodeResultOurs() {
    DecodeResult decoded = codec.decode(resultFrame);
    JsonRpcSuccessResponse response =
        (JsonRpcSuccessResponse) ((DecodeResult.Decoded) decoded).message();
    return McpJson.read(response.result(), CallToolResult.class);
  }

  @Benchmark
  public McpSchema.CallToolResult decodeResultSdk() throws IOException {
    McpSchema.JSONRPCResponse response =
        (McpSchema.JSONRPCResponse) McpSchema.deserializeJsonRpcMessage(sdkMapper, resultText);
    return sdkMapper.convertValue(response.result(), McpSchema.CallToolResult.class);
  }

  @Benchmark
  public byte[] encodeResultOurs() {
    return codec.encode(new JsonRpcSuccessResponse(JsonRpcId.of(42), McpJson.write(ourResult)));
  }

  @Benchmark
  public byte[] encodeResultSdk() throws IOException {
    return sdkMapper.writeValueAsBytes(
        new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 42, sdkResult, null));
  }
}
