package io.github.aiplaybooks.mcp.client;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.PlaybooksException;
import io.github.aiplaybooks.mcp.McpErrorException;
import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcError;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.InitializeResult;
import io.github.aiplaybooks.mcp.schema.ListToolsResult;
import io.github.aiplaybooks.mcp.schema.LoggingLevel;
import io.github.aiplaybooks.mcp.schema.LoggingMessageNotificationParams;
import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.Root;
import io.github.aiplaybooks.mcp.schema.TextContent;
import io.github.aiplaybooks.mcp.schema.TextResourceContents;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.testing.TestTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What our client and our server must do together, whatever the transport. Each subclass runs these
 * against a fresh {@link TestTools} server over one transport.
 */
abstract class ClientServerContract {
  private final List<McpClient> clients = new ArrayList<>();

  /** A builder with the transport to a fresh test server chosen. */
  protected abstract McpClient.Builder newClientBuilder();

  protected McpClient connect(Consumer<McpClient.Builder> customizer) {
    McpClient.Builder b = newClientBuilder().requestTimeout(Duration.ofSeconds(30));
    customizer.accept(b);
    McpClient client = b.build();
    clients.add(client);
    client.connect();
    return client;
  }

  protected McpClient connect() {
    return connect(b -> {});
  }

  @AfterEach
  void closeClients() {
    clients.forEach(McpClient::close);
  }

  @Test
  void handshakeNegotiatesTheNewestRevisionAndReportsTheServer() {
    McpClient client = connect();
    InitializeResult init = client.initializeResult();
    assertThat(client.protocolVersion()).isEqualTo(ProtocolVersion.LATEST);
    assertThat(init.serverInfo().name()).isEqualTo("test-tools");
    assertThat(init.instructions()).isEqualTo("Tools for tests");
    assertThat(client.serverCapabilities().tools().listChanged()).isTrue();
    assertThat(client.serverCapabilities().logging()).isNotNull();
    assertThat(client.isConnected()).isTrue();
    client.ping();
  }

  @Test
  void listToolsFollowsEveryPage() {
    McpClient client = connect();
    ListToolsResult first = client.listTools((String) null);
    assertThat(first.tools()).hasSize(TestTools.PAGE_SIZE);
    assertThat(first.nextCursor()).isNotNull();

    List<String> names = client.listTools().stream().map(Tool::name).toList();
    assertThat(names).hasSize(TestTools.NAMED_TOOLS.size() + TestTools.FILLERS + extraTools());
    assertThat(names).containsSubsequence(TestTools.NAMED_TOOLS);
    assertThat(names).contains("filler_00", "filler_24").doesNotHaveDuplicates();
    Tool echo =
        client.listTools().stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
    assertThat(echo.effectiveAnnotations().effectiveReadOnly()).isTrue();
    assertThat(echo.inputSchema().get("required").get(0).stringValue()).isEqualTo("message");
  }

  /** Tools the transport's server has beyond the shared ones. */
  protected int extraTools() {
    return 0;
  }

  @Test
  void callsAToolAndReadsTextAndStructuredContent() {
    McpClient client = connect();
    CallToolResult echo = client.callTool("echo", json("{\"message\":\"hello\"}"));
    assertThat(echo.failed()).isFalse();
    assertThat(echo.content()).containsExactly(TextContent.of("hello"));

    CallToolResult sum = client.callTool("add", json("{\"a\":2,\"b\":40}"));
    assertThat(sum.structuredContent().get("sum").doubleValue()).isEqualTo(42.0);
    assertThat(sum.joinedText()).contains("42");
  }

  @Test
  void aFailingToolIsAnErrorResultTheModelCanRead() {
    McpClient client = connect();
    CallToolResult r = client.callTool("fail", null);
    assertThat(r.failed()).isTrue();
    assertThat(r.joinedText()).isEqualTo("the tool failed on purpose");
  }

  @Test
  void schemaInvalidArgumentsAreRefusedWithMinus32602NamingTheArgument() {
    McpClient client = connect();
    McpErrorException wrongType =
        catchThrowableOfType(
            McpErrorException.class, () -> client.callTool("echo", json("{\"message\":5}")));
    assertThat(wrongType.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(wrongType.errorMessage()).contains("echo").contains("/message");
    assertThat(wrongType.errorData().get("errors").get(0).get("pointer").stringValue())
        .isEqualTo("/message");
    assertThat(wrongType.fault()).isEqualTo(PlaybooksException.Fault.REMOTE);
    assertThat(wrongType.retryable()).isFalse();

    McpErrorException missing =
        catchThrowableOfType(McpErrorException.class, () -> client.callTool("echo", null));
    assertThat(missing.errorData().get("errors").get(0).get("pointer").stringValue())
        .isEqualTo("/message");
    assertThat(missing.errorData().get("errors").get(0).get("keyword").stringValue())
        .isEqualTo("required");

    McpErrorException extra =
        catchThrowableOfType(
            McpErrorException.class,
            () -> client.callTool("echo", json("{\"message\":\"m\",\"sneaky\":true}")));
    assertThat(extra.errorMessage()).contains("/sneaky");
  }

  @Test
  void unknownToolsAndHandlerBugsAreProtocolErrors() {
    McpClient client = connect();
    McpErrorException unknown =
        catchThrowableOfType(McpErrorException.class, () -> client.callTool("nope", null));
    assertThat(unknown.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(unknown.errorMessage()).isEqualTo("Unknown tool: nope");

    McpErrorException bug =
        catchThrowableOfType(McpErrorException.class, () -> client.callTool("boom", null));
    assertThat(bug.errorCode()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
    assertThat(bug.errorMessage()).doesNotContain("secret");
    // The connection is still fine.
    assertThat(client.callTool("echo", json("{\"message\":\"still here\"}")).joinedText())
        .isEqualTo("still here");
  }

  @Test
  void progressNotificationsReachTheListenerInOrderBeforeTheResult() {
    McpClient client = connect();
    List<ProgressNotificationParams> seen = new CopyOnWriteArrayList<>();
    CallToolResult r =
        client.callTool(
            CallToolRequestParams.of("progress", json("{\"steps\":4}")),
            CallOptions.builder().progressListener(seen::add).build());
    assertThat(r.joinedText()).isEqualTo("done");
    assertThat(seen)
        .extracting(ProgressNotificationParams::progress)
        .containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(seen).allSatisfy(p -> assertThat(p.total()).isEqualTo(4.0));
    assertThat(seen.get(0).message()).isEqualTo("step 1");
  }

  @Test
  void aTimeoutCancelsTheCallOnTheServerAndFailsRetryably() throws Exception {
    McpClient client = connect();
    McpTimeoutException e =
        catchThrowableOfType(
            McpTimeoutException.class,
            () ->
                client.callTool(
                    CallToolRequestParams.of("wait_for_cancel", null),
                    CallOptions.timeout(Duration.ofMillis(300))));
    assertThat(e.retryable()).isTrue();
    assertThat(e.code()).isEqualTo("MCP_TIMEOUT");
    assertThat(e.getMessage()).contains("tools/call").contains("300 ms");
    // The server saw notifications/cancelled and stopped the handler.
    assertThat(eventually(() -> client.callTool("cancellations", null).joinedText().equals("1")))
        .isTrue();
  }

  @Test
  void cancellingTheFutureCancelsTheCallOnTheServer() throws Exception {
    McpClient client = connect();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<CallToolResult> call =
        client.callToolAsync(
            CallToolRequestParams.of("wait_for_cancel", null),
            CallOptions.builder().progressListener(p -> started.countDown()).build());
    // Wait until the server runs the handler (it reports "started"), then cancel: a cancellation
    // that arrives before the request may be ignored, as the spec allows.
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    call.cancel(true);
    assertThat(eventually(() -> client.callTool("cancellations", null).joinedText().equals("1")))
        .isTrue();
  }

  @Test
  void answersTheServersPingAndRefusesRequestsItDoesNotSupport() {
    McpClient client = connect();
    assertThat(client.callTool("ask_client", json("{\"method\":\"ping\"}")).joinedText())
        .isEqualTo("{}");
    assertThat(
            client
                .callTool("ask_client", json("{\"method\":\"sampling/createMessage\"}"))
                .joinedText())
        .startsWith("error -32601: Method not found");
    assertThat(client.callTool("ask_client", json("{\"method\":\"roots/list\"}")).joinedText())
        .startsWith("error -32601");
  }

  @Test
  void answersRootsListWhenRootsAreConfigured() {
    McpClient client =
        connect(b -> b.roots(List.of(new Root("file:///srv/playbooks", "playbooks", null))));
    assertThat(client.callTool("ask_client", json("{\"method\":\"roots/list\"}")).joinedText())
        .contains("file:///srv/playbooks");
  }

  @Test
  void hundredConcurrentCallsAreMatchedByTheirIds() {
    McpClient client = connect();
    int n = 100;
    List<CompletableFuture<CallToolResult>> calls =
        IntStream.range(0, n)
            .mapToObj(
                i ->
                    client.callToolAsync(
                        CallToolRequestParams.of(
                            "barrier",
                            json(
                                "{\"group\":\"g\",\"parties\":"
                                    + n
                                    + ",\"token\":\"t"
                                    + i
                                    + "\"}")),
                        CallOptions.defaults()))
            .toList();
    // Every handler waits until all 100 are running at once, so they were truly in flight together.
    for (int i = 0; i < n; i++) {
      assertThat(calls.get(i).join().joinedText()).isEqualTo("t" + i);
    }
  }

  @Test
  void toolListChangesAreAnnounced() throws Exception {
    CountDownLatch changed = new CountDownLatch(1);
    McpClient client = connect(b -> b.onToolsListChanged(changed::countDown));
    client.callTool("add_tool", json("{\"name\":\"brand_new\"}"));
    assertThat(changed.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(client.listTools()).extracting(Tool::name).contains("brand_new");
    assertThat(client.callTool("brand_new", null).joinedText()).isEqualTo("I am brand_new");
  }

  @Test
  void logMessagesRespectTheLevelTheClientSet() throws Exception {
    List<LoggingMessageNotificationParams> messages = new CopyOnWriteArrayList<>();
    CountDownLatch got = new CountDownLatch(1);
    McpClient client =
        connect(
            b ->
                b.onLoggingMessage(
                    m -> {
                      messages.add(m);
                      got.countDown();
                    }));
    client.setLoggingLevel(LoggingLevel.WARNING);
    client.callTool("log", null);
    assertThat(got.await(20, TimeUnit.SECONDS)).isTrue();
    client.ping();
    assertThat(messages)
        .extracting(LoggingMessageNotificationParams::level)
        .containsExactly(LoggingLevel.ERROR);
    assertThat(messages.get(0).data().stringValue()).isEqualTo("error message");
    assertThat(messages.get(0).logger()).isEqualTo("test");
  }

  @Test
  void readsResourcesAndPrompts() {
    McpClient client = connect();
    assertThat(client.listResources()).extracting(r -> r.uri()).containsExactly("memo://readme");
    assertThat(
            ((TextResourceContents) client.readResource("memo://readme").contents().get(0)).text())
        .isEqualTo("Read me.");
    McpErrorException missing =
        catchThrowableOfType(McpErrorException.class, () -> client.readResource("memo://nope"));
    assertThat(missing.errorCode()).isEqualTo(-32002);
    assertThat(client.listPrompts()).extracting(p -> p.name()).containsExactly("summarize");
    assertThat(
            client.getPrompt("summarize", Map.of("topic", "OOMKilled")).messages().get(0).content())
        .isEqualTo(TextContent.of("Summarize OOMKilled"));
    assertThatThrownBy(() -> client.getPrompt("summarize", Map.of()))
        .isInstanceOf(McpErrorException.class)
        .hasMessageContaining("topic");
  }

  @Test
  void answersTheSeedsMethodStyleRequestLikeToolsCall() {
    McpClient client = connect();
    JsonNode result =
        client.request(
            "kubectl/get",
            json("{\"resource\":\"pods\",\"namespace\":\"default\",\"selector\":\"app=api\"}"),
            CallOptions.defaults());
    CallToolResult asTool =
        client.callTool(
            "kubectl_get",
            json("{\"resource\":\"pods\",\"namespace\":\"default\",\"selector\":\"app=api\"}"));
    assertThat(result.get("content").get(0).get("text").stringValue())
        .isEqualTo(asTool.joinedText());
    McpErrorException notFound =
        catchThrowableOfType(
            McpErrorException.class,
            () -> client.request("kubectl/exec", json("{}"), CallOptions.defaults()));
    assertThat(notFound.errorCode()).isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
    McpErrorException invalid =
        catchThrowableOfType(
            McpErrorException.class,
            () ->
                client.request(
                    "kubectl/get", json("{\"namespace\":\"x\"}"), CallOptions.defaults()));
    assertThat(invalid.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(invalid.errorMessage()).contains("/resource");
  }

  @Test
  void callsAfterCloseFailWithoutHanging() {
    McpClient client = connect();
    client.close();
    assertThat(client.isConnected()).isFalse();
    assertThatThrownBy(() -> client.callTool("echo", json("{\"message\":\"x\"}")))
        .isInstanceOf(io.github.aiplaybooks.mcp.McpTransportException.class)
        .hasMessageContaining("closed");
  }

  /** Waits for a condition that becomes true eventually; not a measure of speed. */
  protected static boolean eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
