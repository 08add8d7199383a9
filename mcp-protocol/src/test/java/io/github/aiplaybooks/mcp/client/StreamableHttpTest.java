package io.github.aiplaybooks.mcp.client;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.server.HttpServerOptions;
import io.github.aiplaybooks.mcp.server.McpHttpServer;
import io.github.aiplaybooks.mcp.server.McpServer;
import io.github.aiplaybooks.mcp.testing.TestTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Streamable HTTP rules, checked on the wire against our server and with our client. */
class StreamableHttpTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
  private static final String TOOLS_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

  private final HttpClient raw =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private McpServer server;
  private McpHttpServer http;

  private void start(HttpServerOptions options) {
    server = TestTools.server(false, b -> {});
    http = server.startHttp(options);
  }

  private void start() {
    start(HttpServerOptions.ofDefaults());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(http.endpoint())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return raw.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String initializeRaw() throws Exception {
    HttpResponse<String> r = post(INITIALIZE);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  @Test
  void theServerTurnsNaglesAlgorithmOffForItsConnections() {
    // Found by the HTTP round-trip benchmark: the JDK server wrote headers and body as two packets
    // and the body waited ~40 ms for the client's delayed ACK, so one client made 20 calls/s.
    start();
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }

  @Test
  void initializeIssuesASessionAndCloseDeletesIt() {
    start();
    McpClient client = McpClient.builder().streamableHttp(http.endpoint()).connect();
    assertThat(http.sessionIds()).hasSize(1);
    String id = http.sessionIds().iterator().next();
    assertThat(id).matches("[0-9a-f]{32}");
    client.close();
    assertThat(http.sessionIds()).isEmpty();
  }

  @Test
  void theWireFollowsTheTransportRules() throws Exception {
    start();
    String session = initializeRaw();
    assertThat(post(TOOLS_LIST).statusCode()).as("no session").isEqualTo(400);
    assertThat(post(TOOLS_LIST, "Mcp-Session-Id", "unknown").statusCode())
        .as("unknown session")
        .isEqualTo(404);
    HttpResponse<String> ok =
        post(TOOLS_LIST, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(ok.body()).contains("\"tools\"");
    assertThat(
            post(TOOLS_LIST, "Mcp-Session-Id", session, "MCP-Protocol-Version", "1999-01-01")
                .statusCode())
        .as("unsupported protocol version header")
        .isEqualTo(400);
    assertThat(
            post(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "Mcp-Session-Id",
                    session)
                .statusCode())
        .as("notification")
        .isEqualTo(202);
    HttpResponse<String> malformed = post("{not json", "Mcp-Session-Id", session);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("-32700");

    HttpResponse<String> badAccept =
        raw.send(
            HttpRequest.newBuilder(http.endpoint())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TOOLS_LIST))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badAccept.statusCode()).isEqualTo(406);
    HttpResponse<String> put =
        raw.send(
            HttpRequest.newBuilder(http.endpoint())
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
    HttpResponse<String> delete =
        raw.send(
            HttpRequest.newBuilder(http.endpoint())
                .header("Mcp-Session-Id", session)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(200);
    assertThat(post(TOOLS_LIST, "Mcp-Session-Id", session).statusCode())
        .as("deleted session")
        .isEqualTo(404);
  }

  @Test
  void aForeignOriginIsRefusedWith403() throws Exception {
    start(
        HttpServerOptions.builder().allowedOrigins(Set.of("https://console.example.com")).build());
    HttpResponse<String> evil = post(INITIALIZE, "Origin", "https://evil.example");
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(evil.body()).contains("\"error\"").contains("evil.example");
    assertThat(http.sessionIds()).isEmpty();
    assertThat(post(INITIALIZE, "Origin", "http://localhost:6274").statusCode()).isEqualTo(200);
    assertThat(post(INITIALIZE, "Origin", "https://console.example.com").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aForeignHostIsRefusedAgainstDnsRebinding() throws Exception {
    start();
    // java.net.http will not let us set Host, so speak HTTP/1.1 by hand.
    try (Socket socket = new Socket(http.address().getAddress(), http.address().getPort())) {
      byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /mcp HTTP/1.1\r\nHost: attacker.example:"
              + http.address().getPort()
              + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 403");
    }
    assertThat(http.sessionIds()).isEmpty();
  }

  @Test
  void theClientStartsANewSessionWhenTheServerForgetsItsSession() {
    start();
    McpClient client = McpClient.builder().streamableHttp(http.endpoint()).connect();
    String first = http.sessionIds().iterator().next();
    http.closeSession(first);
    assertThat(client.callTool("echo", json("{\"message\":\"after 404\"}")).joinedText())
        .isEqualTo("after 404");
    assertThat(http.sessionIds()).hasSize(1).doesNotContain(first);
    client.close();
  }

  @Test
  void sseAnswersCarryProgressThenTheResponse() throws Exception {
    start(HttpServerOptions.builder().responseMode(HttpServerOptions.ResponseMode.SSE).build());
    String session = initializeRaw();
    HttpResponse<String> sse =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
                + "\"arguments\":{\"steps\":2},\"_meta\":{\"progressToken\":\"tok\"}}}",
            "Mcp-Session-Id",
            session);
    assertThat(sse.headers().firstValue("Content-Type")).contains("text/event-stream");
    List<String> data =
        sse.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    assertThat(data).hasSize(3);
    assertThat(data.get(0)).contains("notifications/progress").contains("\"tok\"");
    assertThat(data.get(2)).contains("\"id\":9").contains("done");

    McpClient client = McpClient.builder().streamableHttp(http.endpoint()).connect();
    List<ProgressNotificationParams> seen = new CopyOnWriteArrayList<>();
    assertThat(
            client
                .callTool(
                    CallToolRequestParams.of("progress", json("{\"steps\":3}")),
                    CallOptions.builder().progressListener(seen::add).build())
                .joinedText())
        .isEqualTo("done");
    assertThat(seen).hasSize(3);
    assertThat(client.callTool("echo", json("{\"message\":\"sse\"}")).joinedText())
        .isEqualTo("sse");
    client.close();
  }

  @Test
  void aNewGetStreamTakesOverFromAnOlderOneAndNoMessageIsLost() throws Exception {
    // A client whose GET stream dropped opens another while the server's handler of the old one
    // still waits for a message: the new stream takes over, and messages go to it.
    start(HttpServerOptions.builder().responseMode(HttpServerOptions.ResponseMode.JSON).build());
    String session = initializeRaw();
    HttpRequest get =
        HttpRequest.newBuilder(http.endpoint())
            .header("Accept", "text/event-stream")
            .header("Mcp-Session-Id", session)
            .GET()
            .build();
    HttpResponse<InputStream> first =
        raw.sendAsync(get, HttpResponse.BodyHandlers.ofInputStream()).get(20, TimeUnit.SECONDS);
    assertThat(first.statusCode()).isEqualTo(200);
    HttpResponse<InputStream> second =
        raw.sendAsync(get, HttpResponse.BodyHandlers.ofInputStream()).get(20, TimeUnit.SECONDS);
    assertThat(second.statusCode()).isEqualTo(200);

    // In JSON mode a call's progress travels on the GET stream.
    HttpResponse<String> answer =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
                + "\"arguments\":{\"steps\":3},\"_meta\":{\"progressToken\":\"tok\"}}}",
            "Mcp-Session-Id",
            session);
    assertThat(answer.body()).contains("done");

    List<String> events = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(second.body(), StandardCharsets.UTF_8))) {
                String line;
                while (events.size() < 3 && (line = in.readLine()) != null) {
                  if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                  }
                }
              } catch (IOException e) {
                // the stream ended: the assertion below says what was missing
              }
            });
    reader.start();
    reader.join(20_000);
    assertThat(events)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e).contains("notifications/progress").contains("\"tok\""));
    assertThat(events.get(0)).contains("\"progress\":1");
    assertThat(events.get(2)).contains("\"progress\":3");
    first.body().close();
    second.body().close();
  }

  @Test
  void inJsonModeNotificationsTravelOnTheGetStream() throws Exception {
    start(HttpServerOptions.builder().responseMode(HttpServerOptions.ResponseMode.JSON).build());
    McpClient client = McpClient.builder().streamableHttp(http.endpoint()).connect();
    // The server's own messages can only travel on the GET stream, which the client opens in the
    // background; until it is open they wait on the server. So the server's ping is answered
    // whenever the stream opens, and its answer proves the stream is there.
    assertThat(client.callTool("ask_client", json("{\"method\":\"ping\"}")).joinedText())
        .isEqualTo("{}");
    List<ProgressNotificationParams> seen = new CopyOnWriteArrayList<>();
    assertThat(
            client
                .callTool(
                    CallToolRequestParams.of("progress", json("{\"steps\":2}")),
                    CallOptions.builder().progressListener(seen::add).build())
                .joinedText())
        .isEqualTo("done");
    // The progress comes on the other stream, so it may be read after the answer: the client keeps
    // a finished call's listener for it. The server queues its next ping behind that progress on
    // the same stream, and the client handles what it reads in order, so once the ping is
    // answered the progress has reached the listener, however slow the machine.
    assertThat(client.callTool("ask_client", json("{\"method\":\"ping\"}")).joinedText())
        .isEqualTo("{}");
    assertThat(seen).extracting(ProgressNotificationParams::progress).containsExactly(1.0, 2.0);
    client.close();
  }

  @Test
  void aDowngradedSessionWorksOverHttp() {
    server = TestTools.server(false, b -> b.supportedProtocolVersions(ProtocolVersion.V2025_03_26));
    http = server.startHttp(0);
    McpClient client = McpClient.builder().streamableHttp(http.endpoint()).connect();
    assertThat(client.protocolVersion()).isEqualTo(ProtocolVersion.V2025_03_26);
    assertThat(client.callTool("add", json("{\"a\":1,\"b\":2}")).structuredContent()).isNull();
    client.close();
  }

  @Test
  void idleSessionsAreClosedByTheInjectedClock() throws Exception {
    MutableClock clock = new MutableClock();
    start(
        HttpServerOptions.builder()
            .sessionIdleTimeout(java.time.Duration.ofMinutes(5))
            .clock(clock)
            .build());
    String session = initializeRaw();
    assertThat(http.sessionIds()).containsExactly(session);
    clock.advance(java.time.Duration.ofMinutes(4));
    assertThat(post(TOOLS_LIST, "Mcp-Session-Id", session).statusCode())
        .as("4 minutes idle")
        .isEqualTo(200);
    clock.advance(java.time.Duration.ofMinutes(6));
    assertThat(post(TOOLS_LIST, "Mcp-Session-Id", session).statusCode())
        .as("6 minutes idle")
        .isEqualTo(404);
    assertThat(http.sessionIds()).isEmpty();
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

    void advance(java.time.Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void aServerThatIsGoneFailsTheCallRetryably() {
    start();
    URI endpoint = http.endpoint();
    server.close();
    server = null;
    McpClient client = McpClient.builder().streamableHttp(endpoint).build();
    io.github.aiplaybooks.mcp.McpTransportException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.github.aiplaybooks.mcp.McpTransportException.class, client::connect);
    assertThat(e.code()).isEqualTo("MCP_CONNECTION_FAILED");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains(endpoint.toString());
    client.close();
  }
}
