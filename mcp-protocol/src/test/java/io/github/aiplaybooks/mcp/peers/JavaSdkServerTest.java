package io.github.aiplaybooks.mcp.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.mcp.McpErrorException;
import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.client.CallOptions;
import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.client.StdioServerCommand;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.ImageContent;
import io.github.aiplaybooks.mcp.schema.LoggingLevel;
import io.github.aiplaybooks.mcp.schema.LoggingMessageNotificationParams;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;
import io.github.aiplaybooks.mcp.schema.Prompt;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.Resource;
import io.github.aiplaybooks.mcp.schema.Root;
import io.github.aiplaybooks.mcp.schema.TextContent;
import io.github.aiplaybooks.mcp.schema.TextResourceContents;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our client against a server made with the official MCP Java SDK ({@link SdkServerMain}, in a
 * child JVM over stdio). A {@code tee} in front of its stdin records what it received.
 *
 * <p>The SDK's only HTTP server transports are servlets ({@code
 * HttpServletStreamableServerTransportProvider}), which need a servlet container this project does
 * not depend on; so their server is tested over stdio only. Over HTTP our client is proven against
 * the everything server and the conformance suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledOnOs({OS.LINUX, OS.MAC})
class JavaSdkServerTest {
  private static final Root ROOT = new Root("file:///srv/incidents", "incidents", null);
  private final List<LoggingMessageNotificationParams> logs = new CopyOnWriteArrayList<>();
  private final CountDownLatch logged = new CountDownLatch(1);
  private Path received;
  private McpClient client;

  @BeforeAll
  void start(@org.junit.jupiter.api.io.TempDir Path dir) {
    received = dir.resolve("received.jsonl");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    client =
        McpClient.builder()
            .name("java-sdk")
            .stdio(
                StdioServerCommand.builder("sh")
                    .args(
                        "-c",
                        "tee -a \"$0\" | exec \"$@\"",
                        received.toString(),
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classpath,
                        SdkServerMain.class.getName())
                    .shutdownTimeout(Duration.ofMillis(500))
                    .build())
            .roots(List.of(ROOT))
            .onLoggingMessage(
                m -> {
                  logs.add(m);
                  logged.countDown();
                })
            .requestTimeout(Duration.ofSeconds(30))
            .connect();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
  }

  private static ObjectNode args(String json) {
    return (ObjectNode) McpJson.mapper().readTree(json);
  }

  @Test
  void handshakeReadsTheSdkServersAnswer() {
    assertThat(client.serverInfo().name()).isEqualTo("sdk-test-server");
    assertThat(client.serverInfo().version()).isEqualTo("2.1.0");
    assertThat(client.initializeResult().instructions()).contains("official MCP Java SDK");
    assertThat(client.protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
    assertThat(client.serverCapabilities().tools()).isNotNull();
    client.ping();
  }

  @Test
  void listsTheSdkServersTools() {
    List<Tool> tools = client.listTools();
    assertThat(tools)
        .extracting(Tool::name)
        .containsExactlyInAnyOrder("echo", "add", "image", "count", "slow", "log", "roots", "fail");
    Tool add = tools.stream().filter(t -> t.name().equals("add")).findFirst().orElseThrow();
    assertThat(add.outputSchema().path("required").get(0).asString()).isEqualTo("sum");
  }

  @Test
  void callsToolsAndReadsTextStructuredAndImageContent() {
    client.listTools();
    assertThat(client.callTool("echo", args("{\"message\":\"hi\"}")).joinedText())
        .isEqualTo("echo: hi");
    CallToolResult sum = client.callTool("add", args("{\"a\":1.5,\"b\":2}"));
    assertThat(sum.structuredContent().get("sum").asDouble()).isEqualTo(3.5);
    ImageContent image = (ImageContent) client.callTool("image", args("{}")).content().get(0);
    assertThat(image.mimeType()).isEqualTo("image/png");
    assertThat(image.data()).isEqualTo(SdkServerMain.TINY_PNG);
  }

  @Test
  void aToolThatThrowsIsAJsonRpcErrorOfTheSdk() {
    // The SDK answers an exception in a tool handler with -32603, not an isError result.
    McpErrorException e =
        catchThrowableOfType(McpErrorException.class, () -> client.callTool("fail", args("{}")));
    assertThat(e.errorCode()).isEqualTo(-32603);
    assertThat(e.errorMessage()).isEqualTo("failed on purpose");
    assertThat(e.remote()).isEqualTo("mcp:java-sdk");
  }

  @Test
  void deliversTheSdkServersProgressNotifications() {
    List<ProgressNotificationParams> progress = new CopyOnWriteArrayList<>();
    CallToolResult r =
        client.callTool(
            CallToolRequestParams.of("count", args("{\"steps\":3}")),
            CallOptions.builder().progressListener(progress::add).build());
    assertThat(r.joinedText()).isEqualTo("counted 3");
    // Notifications and the response share one ordered stream: all progress came first.
    assertThat(progress)
        .extracting(ProgressNotificationParams::progress)
        .containsExactly(1.0, 2.0, 3.0);
  }

  @Test
  void aTimedOutCallIsCancelledAndTheConnectionStaysUsable() throws IOException {
    McpTimeoutException e =
        catchThrowableOfType(
            McpTimeoutException.class,
            () ->
                client.callTool(
                    CallToolRequestParams.of("slow", args("{}")),
                    CallOptions.timeout(Duration.ofMillis(200))));
    assertThat(e.code()).isEqualTo("MCP_TIMEOUT");
    assertThat(client.callTool("echo", args("{\"message\":\"after\"}")).joinedText())
        .isEqualTo("echo: after");
    List<JsonNode> sent =
        Files.readAllLines(received, StandardCharsets.UTF_8).stream()
            .map(l -> McpJson.mapper().readTree(l))
            .toList();
    JsonNode slow =
        sent.stream()
            .filter(m -> m.path("params").path("name").asString("").equals("slow"))
            .findFirst()
            .orElseThrow();
    assertThat(sent)
        .anySatisfy(
            m -> {
              assertThat(m.path("method").asString("")).isEqualTo("notifications/cancelled");
              assertThat(m.path("params").path("requestId")).isEqualTo(slow.get("id"));
            });
  }

  @Test
  void receivesLogMessages() throws InterruptedException {
    client.setLoggingLevel(LoggingLevel.DEBUG);
    client.callTool("log", args("{}"));
    assertThat(logged.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(logs.get(0).level()).isEqualTo(LoggingLevel.WARNING);
    assertThat(logs.get(0).logger()).isEqualTo("sdk");
    assertThat(logs.get(0).data().asString()).isEqualTo("a warning from the SDK");
  }

  @Test
  void answersTheSdkServersRootsRequest() {
    assertThat(client.callTool("roots", args("{}")).joinedText()).isEqualTo(ROOT.uri());
  }

  @Test
  void readsResourcesAndPrompts() {
    assertThat(client.listResources())
        .extracting(Resource::uri)
        .containsExactly("sdk://notes/hello");
    TextResourceContents text =
        (TextResourceContents) client.readResource("sdk://notes/hello").contents().get(0);
    assertThat(text.text()).isEqualTo("Hello from the SDK");
    assertThat(client.listPrompts()).extracting(Prompt::name).containsExactly("greet");
    assertThat(
            ((TextContent)
                    client.getPrompt("greet", Map.of("name", "Ada")).messages().get(0).content())
                .text())
        .isEqualTo("Say hello to Ada");
  }
}
