package io.github.aiplaybooks.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.mcp.McpProtocolException;
import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.McpTransportException;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Our client against a scripted Streamable HTTP server that misbehaves on purpose: it drops SSE
 * streams before the response, answers with old revisions, errors and statuses.
 */
class StreamableHttpClientTest {

  /** What the scripted server saw of one HTTP request. */
  record Seen(String method, String body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch callArrived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch answered = new CountDownLatch(1);
  private HttpServer server;
  private String protocolVersion = "2025-11-25";
  private String toolCallMode = "drop-then-resume";
  private volatile JsonNode pendingCall;

  private URI start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/mcp", this::handle);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(new Seen(ex.getRequestMethod(), body, Map.copyOf(ex.getRequestHeaders())));
      switch (ex.getRequestMethod()) {
        case "POST" -> post(ex, McpJson.mapper().readTree(body));
        case "GET" -> get(ex);
        case "DELETE" -> ex.sendResponseHeaders(200, -1);
        default -> ex.sendResponseHeaders(405, -1);
      }
    }
  }

  private void post(HttpExchange ex, JsonNode message) throws IOException {
    String method = message.path("method").asString("");
    if (!message.has("id")) {
      ex.sendResponseHeaders(202, -1);
      return;
    }
    String id = message.get("id").toString();
    switch (method) {
      case "initialize" -> {
        ex.getResponseHeaders().set("Mcp-Session-Id", "scripted-session");
        json(
            ex,
            200,
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"result\":{\"protocolVersion\":\""
                + protocolVersion
                + "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}}");
      }
      case "tools/call" -> {
        switch (toolCallMode) {
          case "drop-then-resume" -> {
            pendingCall = message;
            sse(ex, "id: ev-1\nretry: 20\ndata: \n\n");
          }
          case "drop-without-id" ->
              sse(
                  ex,
                  "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"working\"}}\n\n");
          case "http-500" -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            byte[] b = "database down".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, b.length);
            ex.getResponseBody().write(b);
          }
          case "error-400" ->
              json(
                  ex,
                  400,
                  "{\"jsonrpc\":\"2.0\",\"id\":"
                      + id
                      + ",\"error\":{\"code\":-32602,\"message\":\"Unknown tool: x\"}}");
          case "json-then-late-progress" -> {
            pendingCall = message;
            json(
                ex,
                200,
                "{\"jsonrpc\":\"2.0\",\"id\":"
                    + id
                    + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"answered\"}]}}");
            answered.countDown();
          }
          case "hang" -> {
            // Never answers while the test runs, like a server stuck on a slow backend.
            callArrived.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(503, -1);
          }
          default -> throw new IllegalStateException(toolCallMode);
        }
      }
      default -> json(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");
    }
  }

  private void get(HttpExchange ex) throws IOException {
    if (toolCallMode.equals("json-then-late-progress")) {
      // The GET stream carries the call's progress, and only after its JSON answer went out.
      try {
        answered.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      JsonNode token = pendingCall.path("params").path("_meta").path("progressToken");
      sse(
          ex,
          "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":"
              + token
              + ",\"progress\":1,\"total\":1}}\n\n");
      return;
    }
    String lastEventId = ex.getRequestHeaders().getFirst("Last-Event-ID");
    JsonNode call = pendingCall;
    if ("ev-1".equals(lastEventId) && call != null) {
      sse(
          ex,
          "id: ev-2\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":"
              + call.get("id")
              + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"resumed\"}]}}\n\n");
    } else {
      ex.sendResponseHeaders(405, -1);
    }
  }

  private static void json(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private static void sse(HttpExchange ex, String events) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write(events.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private List<Seen> requests(String httpMethod) {
    return seen.stream().filter(s -> s.method().equals(httpMethod)).toList();
  }

  private McpClient client(URI endpoint) {
    return McpClient.builder()
        .name("scripted")
        .streamableHttp(
            StreamableHttpOptions.builder(endpoint).header("Authorization", "Bearer t0k3n").build())
        .requestTimeout(Duration.ofSeconds(20))
        .connect();
  }

  @Test
  void progressThatTrailsAJsonAnswerOnTheGetStreamStillReachesTheListener() throws Exception {
    // Found by a full build under load: with the answer handled on the caller's thread, progress
    // sent on the GET stream lost the race and was dropped with the finished call's listener.
    toolCallMode = "json-then-late-progress";
    McpClient client = client(start());
    List<ProgressNotificationParams> progress = new CopyOnWriteArrayList<>();
    CallToolResult r =
        client.callTool(
            CallToolRequestParams.of("anything", null),
            CallOptions.builder().progressListener(progress::add).build());
    assertThat(r.joinedText()).isEqualTo("answered");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (progress.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(progress).singleElement().satisfies(p -> assertThat(p.progress()).isEqualTo(1.0));
    client.close();
  }

  @Test
  @Timeout(30) // guards against a hang; the call itself must end after its 300 ms timeout
  void aBlockingCallEndsAtItsTimeoutWhenTheServerNeverAnswers() throws Exception {
    // A blocking call does its POST on the caller's thread; the client must free that thread.
    toolCallMode = "hang";
    McpClient client = client(start());
    McpTimeoutException e =
        catchThrowableOfType(
            McpTimeoutException.class,
            () ->
                client.callTool(
                    CallToolRequestParams.of("anything", null),
                    CallOptions.timeout(Duration.ofMillis(300))));
    assertThat(e.code()).isEqualTo("MCP_TIMEOUT");
    assertThat(Thread.currentThread().isInterrupted())
        .as("the client's own interrupt does not leak to the caller")
        .isFalse();
    client.ping();
    assertThat(requests("POST"))
        .anySatisfy(s -> assertThat(s.body()).contains("notifications/cancelled"));
    client.close();
  }

  @Test
  @Timeout(30)
  void closingTheClientFreesACallBlockedOnAnUnansweredPost() throws Exception {
    toolCallMode = "hang";
    McpClient client = client(start());
    CompletableFuture<Throwable> failure =
        CompletableFuture.supplyAsync(
            () -> catchThrowable(() -> client.callTool("anything", null)),
            Executors.newSingleThreadExecutor());
    assertThat(callArrived.await(20, TimeUnit.SECONDS)).isTrue();
    client.close();
    assertThat(failure.get())
        .isInstanceOf(McpTransportException.class)
        .hasMessageContaining("closed");
  }

  @Test
  @Timeout(30)
  void interruptingTheCallerEndsItsBlockedCallAndKeepsTheInterrupt() throws Exception {
    toolCallMode = "hang";
    McpClient client = client(start());
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              failure.complete(catchThrowable(() -> client.callTool("anything", null)));
              stillInterrupted.complete(Thread.currentThread().isInterrupted());
            });
    caller.start();
    assertThat(callArrived.await(20, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    assertThat(failure.get()).isInstanceOf(CallerFaultException.class);
    assertThat(((CallerFaultException) failure.get()).code()).isEqualTo("MCP_INTERRUPTED");
    assertThat(stillInterrupted.get()).isTrue();
    client.close();
  }

  @Test
  void resumesADroppedSseStreamWithLastEventId() throws Exception {
    McpClient client = client(start());
    assertThat(client.callTool("anything", null).joinedText()).isEqualTo("resumed");
    Seen resume =
        requests("GET").stream()
            .filter(s -> "ev-1".equals(s.header("Last-Event-ID")))
            .findFirst()
            .orElseThrow();
    assertThat(resume.header("Mcp-Session-Id")).isEqualTo("scripted-session");
    assertThat(resume.header("Accept")).contains("text/event-stream");
    client.close();
    assertThat(requests("DELETE"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.header("Mcp-Session-Id")).isEqualTo("scripted-session");
            });
  }

  @Test
  void sendsTheHeadersTheSpecAsksForAfterInitialization() throws Exception {
    McpClient client = client(start());
    client.ping();
    Seen init = requests("POST").get(0);
    assertThat(init.header("Accept")).isEqualTo("application/json, text/event-stream");
    assertThat(init.header("Content-Type")).isEqualTo("application/json");
    assertThat(init.header("Mcp-Session-Id")).isNull();
    assertThat(init.header("MCP-Protocol-Version")).isNull();
    assertThat(init.header("Authorization")).isEqualTo("Bearer t0k3n");
    List<Seen> posts = requests("POST");
    assertThat(posts.get(1).body()).contains("notifications/initialized");
    Seen ping = posts.get(2);
    assertThat(ping.body()).contains("\"ping\"");
    assertThat(ping.header("Mcp-Session-Id")).isEqualTo("scripted-session");
    assertThat(ping.header("MCP-Protocol-Version")).isEqualTo("2025-11-25");
    client.close();
  }

  @Test
  void acceptsAnOlderRevisionAndSendsNoVersionHeaderBefore2025_06_18() throws Exception {
    protocolVersion = "2025-03-26";
    McpClient client = client(start());
    assertThat(client.protocolVersion()).isEqualTo(ProtocolVersion.V2025_03_26);
    client.ping();
    assertThat(requests("POST"))
        .allSatisfy(s -> assertThat(s.header("MCP-Protocol-Version")).isNull());
    assertThat(requests("POST").get(0).body()).contains("\"protocolVersion\":\"2025-11-25\"");
    client.close();
  }

  @Test
  void refusesARevisionItDoesNotSpeak() throws Exception {
    protocolVersion = "2099-01-01";
    URI endpoint = start();
    McpClient client = McpClient.builder().streamableHttp(endpoint).build();
    McpProtocolException e = catchThrowableOfType(McpProtocolException.class, client::connect);
    assertThat(e.getMessage()).contains("2099-01-01").contains("2025-11-25");
    assertThat(e.retryable()).isFalse();
    assertThat(client.isConnected()).isFalse();
  }

  @Test
  void aStreamThatEndsWithoutAnEventIdFailsTheCall() throws Exception {
    toolCallMode = "drop-without-id";
    McpClient client = client(start());
    McpTransportException e =
        catchThrowableOfType(McpTransportException.class, () -> client.callTool("x", null));
    assertThat(e.code()).isEqualTo("MCP_STREAM_ENDED");
    assertThat(e.getMessage()).contains("no event id");
    client.close();
  }

  @Test
  void httpErrorsAreTypedAndAJsonRpcErrorBodyIsTheAnswer() throws Exception {
    toolCallMode = "http-500";
    McpClient client = client(start());
    McpTransportException e =
        catchThrowableOfType(McpTransportException.class, () -> client.callTool("x", null));
    assertThat(e.code()).isEqualTo("MCP_HTTP_STATUS");
    assertThat(e.getMessage())
        .contains("HTTP 500")
        .contains("database down")
        .contains("tools/call");
    assertThat(e.retryable()).isTrue();
    toolCallMode = "error-400";
    io.github.aiplaybooks.mcp.McpErrorException error =
        catchThrowableOfType(
            io.github.aiplaybooks.mcp.McpErrorException.class, () -> client.callTool("x", null));
    assertThat(error.errorCode()).isEqualTo(-32602);
    client.close();
  }
}
