package io.github.aiplaybooks.mcp.server;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.mcp.McpErrorException;
import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.testing.Pipe;
import io.github.aiplaybooks.mcp.testing.TestTools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Our server, spoken to frame by frame through {@link McpServer#connect(FrameSink)}. */
class McpServerConnectionTest {
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"%s\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"frames\",\"version\":\"1\"}}}";

  private final LinkedBlockingQueue<JsonNode> out = new LinkedBlockingQueue<>();
  private McpServer server;
  private McpServerConnection connection;

  private void open(Consumer<McpServer.Builder> customizer) {
    server = TestTools.server(false, customizer);
    connection = server.connect(frame -> out.add(McpJson.mapper().readTree(frame)));
  }

  private void open() {
    open(b -> {});
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private void send(String frame) {
    connection.receive(frame.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode next() throws InterruptedException {
    JsonNode n = out.poll(20, TimeUnit.SECONDS);
    assertThat(n).as("an answer from the server").isNotNull();
    return n;
  }

  private JsonNode initialize(String version) throws InterruptedException {
    send(String.format(INIT, version));
    JsonNode answer = next();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return answer;
  }

  @Test
  void malformedFramesAreAnsweredAndTheConnectionStaysUsable() throws Exception {
    open();
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
    JsonNode parse = next();
    assertThat(parse.get("id").isNull()).isTrue();
    assertThat(parse.get("error").get("code").intValue()).isEqualTo(-32700);

    send("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}");
    JsonNode invalid = next();
    assertThat(invalid.get("id").intValue()).isEqualTo(7);
    assertThat(invalid.get("error").get("code").intValue()).isEqualTo(-32600);

    send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":[1,2]}");
    assertThat(next().get("error").get("code").intValue()).isEqualTo(-32602);

    send("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}");
    send("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
    JsonNode pong = next();
    assertThat(pong.get("id").stringValue()).as("a stray response is not answered").isEqualTo("p");
    assertThat(pong.get("result").isEmpty()).isTrue();
  }

  @Test
  void requestsBeforeInitializeAreRefused() throws Exception {
    open();
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    JsonNode r = next();
    assertThat(r.get("error").get("code").intValue()).isEqualTo(-32600);
    assertThat(r.get("error").get("message").stringValue()).contains("initialize");
    assertThat(connection.protocolVersion()).isEmpty();
  }

  @Test
  void negotiatesTheRevisionAsTheSpecSays() throws Exception {
    open();
    JsonNode unsupported = initialize("1.0.0");
    assertThat(unsupported.get("error").get("code").intValue()).isEqualTo(-32602);
    assertThat(unsupported.get("error").get("message").stringValue())
        .isEqualTo("Unsupported protocol version");
    assertThat(unsupported.get("error").get("data").get("requested").stringValue())
        .isEqualTo("1.0.0");
    assertThat(unsupported.get("error").get("data").get("supported").get(0).stringValue())
        .isEqualTo("2025-11-25");

    JsonNode future = initialize("2099-01-01");
    assertThat(future.get("result").get("protocolVersion").stringValue()).isEqualTo("2025-11-25");
    assertThat(connection.protocolVersion()).contains(ProtocolVersion.LATEST);
    assertThat(connection.clientInfo().orElseThrow().name()).isEqualTo("frames");

    JsonNode again = initialize("2025-11-25");
    assertThat(again.get("error").get("message").stringValue()).contains("already initialized");
  }

  @Test
  void aServerLimitedToOldRevisionsAnswersItsNewestAndDropsNewerFields() throws Exception {
    open(
        b -> b.supportedProtocolVersions(ProtocolVersion.V2025_03_26, ProtocolVersion.V2024_11_05));
    assertThat(initialize("2025-11-25").get("result").get("protocolVersion").stringValue())
        .isEqualTo("2025-03-26");
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}}");
    JsonNode result = next().get("result");
    assertThat(result.has("structuredContent")).isFalse();
    assertThat(result.get("content").get(0).get("text").stringValue()).contains("3");
    send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
    JsonNode add = next().get("result").get("tools").get(1);
    assertThat(add.get("name").stringValue()).isEqualTo("add");
    assertThat(add.has("outputSchema")).isFalse();
  }

  @Test
  void revision2024_11_05HasNoToolAnnotations() throws Exception {
    open();
    assertThat(initialize("2024-11-05").get("result").get("protocolVersion").stringValue())
        .isEqualTo("2024-11-05");
    send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    JsonNode echo = next().get("result").get("tools").get(0);
    assertThat(echo.get("name").stringValue()).isEqualTo("echo");
    assertThat(echo.has("annotations")).isFalse();
  }

  @Test
  void invalidCursorsAndDuplicateIdsAreRefused() throws Exception {
    open();
    initialize("2025-11-25");
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"garbage\"}}");
    JsonNode r = next();
    assertThat(r.get("error").get("code").intValue()).isEqualTo(-32602);
    assertThat(r.get("error").get("message").stringValue()).contains("Invalid cursor");

    send(
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"wait_for_cancel\"}}");
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"}}}");
    JsonNode dup = next();
    assertThat(dup.get("id").intValue()).isEqualTo(5);
    assertThat(dup.get("error").get("message").stringValue()).contains("already in use");
    send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}");
  }

  @Test
  void aCancelledToolStaysInFlightUntilItsHandlerReturns() throws Exception {
    // Found while reworking dispatch for the HTTP benchmark: cancelling a running tools/call
    // dropped it from the in-flight set at once, so its id could be reused while it still ran.
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    open(
        b ->
            b.tool(
                Tool.builder("stubborn").build(),
                call -> {
                  started.countDown();
                  while (true) {
                    try {
                      release.await();
                      return CallToolResult.text("finished");
                    } catch (InterruptedException e) {
                      // Ignores the interrupt the cancellation sends, like a slow I/O call.
                    }
                  }
                }));
    initialize("2025-11-25");
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"stubborn\"}}";
    send(call);
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");
    assertThat(connection.requestsInFlight()).isEqualTo(1);
    send(call);
    JsonNode refused = next();
    assertThat(refused.get("id").asInt()).isEqualTo(7);
    assertThat(refused.path("error").path("message").asString()).contains("already in use");

    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (connection.requestsInFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(connection.requestsInFlight()).isZero();
    send("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");
    assertThat(next().get("id").asString())
        .as("the cancelled call was never answered")
        .isEqualTo("p");
  }

  @Test
  void aCancelledRequestIsNotAnswered() throws Exception {
    open();
    initialize("2025-11-25");
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"tools/call\",\"params\":{\"name\":\"wait_for_cancel\",\"_meta\":{\"progressToken\":\"s\"}}}");
    assertThat(next().get("method").stringValue())
        .as("the handler started")
        .isEqualTo("notifications/progress");
    send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"slow\",\"reason\":\"user\"}}");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String count = "0";
    while (!count.equals("1") && System.nanoTime() < deadline) {
      send(
          "{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"tools/call\",\"params\":{\"name\":\"cancellations\"}}");
      JsonNode answer = next();
      assertThat(answer.get("id").stringValue()).as("only the counter is answered").isEqualTo("c");
      count = answer.get("result").get("content").get(0).get("text").stringValue();
    }
    assertThat(count).isEqualTo("1");
    assertThat(connection.requestsInFlight()).isZero();
    assertThat(out).isEmpty();
  }

  @Test
  void aRequestCancelledBeforeItRunsLeavesNothingBehind() throws Exception {
    java.util.concurrent.ExecutorService single =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      open(b -> b.executor(single));
      initialize("2025-11-25");
      // The first call holds the only thread, so the second waits in the queue when it is
      // cancelled.
      send(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"wait_for_cancel\",\"_meta\":{\"progressToken\":1}}}");
      assertThat(next().get("method").stringValue()).isEqualTo("notifications/progress");
      send(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"}}}");
      send(
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":2}}");
      send(
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
      send(
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"after\"}}}");
      JsonNode third = next();
      assertThat(third.get("id").intValue())
          .as("neither cancelled request is answered")
          .isEqualTo(3);
      assertThat(connection.requestsInFlight()).isZero();
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void theServerCanRequestThingsOfTheClient() throws Exception {
    open();
    initialize("2025-11-25");
    CompletableFuture<JsonNode> ping = connection.request("ping", null, Duration.ofSeconds(20));
    JsonNode sent = next();
    assertThat(sent.get("method").stringValue()).isEqualTo("ping");
    send("{\"jsonrpc\":\"2.0\",\"id\":" + sent.get("id") + ",\"result\":{}}");
    assertThat(ping.get(20, TimeUnit.SECONDS).isEmpty()).isTrue();

    CompletableFuture<JsonNode> roots =
        connection.request("roots/list", null, Duration.ofSeconds(20));
    JsonNode rootsRequest = next();
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + rootsRequest.get("id")
            + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
    McpErrorException refused =
        catchThrowableOfType(McpErrorException.class, () -> sneakyJoin(roots));
    assertThat(refused.errorCode()).isEqualTo(-32601);

    CompletableFuture<JsonNode> unanswered =
        connection.request("ping", null, Duration.ofMillis(100));
    JsonNode silent = next();
    JsonNode cancel = next();
    assertThat(cancel.get("method").stringValue()).isEqualTo("notifications/cancelled");
    assertThat(cancel.get("params").get("requestId")).isEqualTo(silent.get("id"));
    assertThat(
            catchThrowableOfType(McpTimeoutException.class, () -> sneakyJoin(unanswered))
                .retryable())
        .isTrue();
  }

  private static JsonNode sneakyJoin(CompletableFuture<JsonNode> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  @Test
  void addingAToolTellsInitializedSessionsOnly() throws Exception {
    open();
    server.addTool(Tool.builder("early").build(), c -> CallToolResult.text("early"));
    assertThat(out).as("no notification before initialize").isEmpty();
    initialize("2025-11-25");
    server.addTool(Tool.builder("late").build(), c -> CallToolResult.text("late"));
    assertThat(next().get("method").stringValue()).isEqualTo("notifications/tools/list_changed");
    assertThat(server.removeTool("late")).isTrue();
    assertThat(next().get("method").stringValue()).isEqualTo("notifications/tools/list_changed");
    assertThat(server.removeTool("late")).isFalse();
  }

  @Test
  void aToolBreakingItsOutputSchemaIsAnInternalError() throws Exception {
    open(
        b ->
            b.tool(
                Tool.builder("liar")
                    .outputSchema(
                        json(
                            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}"))
                    .build(),
                call -> CallToolResult.structured(json("{\"n\":\"not a number\"}"))));
    initialize("2025-11-25");
    send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"liar\"}}");
    assertThat(next().get("error").get("code").intValue()).isEqualTo(-32603);
  }

  @Test
  void aSchemaNamingDraft07IsValidatedAsDraft07() throws Exception {
    open(
        b ->
            b.tool(
                Tool.builder("sum7")
                    .inputSchema(
                        json(
                            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                                + "\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}"))
                    .build(),
                call -> CallToolResult.text("ok")));
    initialize("2025-11-25");
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"sum7\",\"arguments\":{\"a\":1}}}");
    JsonNode missing = next();
    assertThat(missing.get("error").get("data").get("errors").get(0).get("pointer").stringValue())
        .isEqualTo("/b");
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"sum7\",\"arguments\":{\"a\":1,\"b\":2}}}");
    assertThat(next().get("result").get("content").get(0).get("text").stringValue())
        .isEqualTo("ok");
  }

  @Test
  void unusableToolDefinitionsAreRefusedAtRegistration() {
    assertThatThrownBy(
            () ->
                McpServer.builder()
                    .tool(
                        Tool.builder("bad").inputSchema(json("{\"type\":\"string\"}")).build(),
                        c -> null))
        .isInstanceOf(CallerFaultException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("inputSchema")
        .extracting(e -> ((CallerFaultException) e).code())
        .isEqualTo("MCP_TOOL_SCHEMA_INVALID");
    assertThatThrownBy(
            () ->
                McpServer.builder()
                    .tool(Tool.builder("t").build(), c -> null)
                    .tool(Tool.builder("t").build(), c -> null))
        .isInstanceOf(CallerFaultException.class)
        .hasMessageContaining("already added");
    assertThatThrownBy(() -> McpServer.builder().pageSize(0)).hasMessageContaining("pageSize");
  }

  @Test
  void stdioRefusesAnOversizedLineAndReadsOn() throws Exception {
    McpServer small = TestTools.server(false, b -> b.maxFrameBytes(1024));
    Pipe in = new Pipe();
    Pipe outPipe = new Pipe();
    Thread t = new Thread(() -> small.serveStdio(in.in(), outPipe.out()));
    t.start();
    String big =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(4000)
            + "\"}}\n";
    in.out().write(big.getBytes(StandardCharsets.UTF_8));
    in.out()
        .write(
            "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\r\n"
                .getBytes(StandardCharsets.UTF_8));
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(outPipe.in(), StandardCharsets.UTF_8));
    JsonNode refused = McpJson.mapper().readTree(reader.readLine());
    assertThat(refused.get("error").get("message").stringValue()).contains("limit is 1024 bytes");
    assertThat(refused.get("id").isNull()).isTrue();
    JsonNode pong = McpJson.mapper().readTree(reader.readLine());
    assertThat(pong.get("id").intValue()).isEqualTo(2);
    in.close();
    t.join(TimeUnit.SECONDS.toMillis(20));
    assertThat(t.isAlive()).as("serveStdio returns when its input ends").isFalse();
    small.close();
  }
}
