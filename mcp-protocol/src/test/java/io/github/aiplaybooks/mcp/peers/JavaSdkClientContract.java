package io.github.aiplaybooks.mcp.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.mcp.testing.TestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official MCP Java SDK's client ({@code io.modelcontextprotocol.sdk:mcp}) against our {@link
 * io.github.aiplaybooks.mcp.server.McpServer} serving {@link TestTools}: their client lists and
 * calls our tools, whatever the transport. Each subclass starts our server once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JavaSdkClientContract {
  static final McpSchema.Root ROOT = new McpSchema.Root("file:///srv/runbooks", "runbooks");

  private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
  private final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
  private McpSyncClient sdk;

  /** The SDK's transport to our server. */
  protected abstract McpClientTransport transport();

  @BeforeAll
  void connectTheSdkClient() {
    sdk =
        McpClient.sync(transport())
            .requestTimeout(Duration.ofSeconds(30))
            .clientInfo(new McpSchema.Implementation("sdk-client", "2.1.0"))
            .capabilities(McpSchema.ClientCapabilities.builder().roots(true).build())
            .roots(ROOT)
            .progressConsumer(progress::add)
            .loggingConsumer(logs::add)
            .build();
    sdk.initialize();
  }

  /** Stops what {@link #transport()} started, after the SDK client closed. */
  protected void stopServer() {}

  @AfterAll
  void closeTheSdkClient() {
    try {
      if (sdk != null) {
        assertThat(sdk.closeGracefully()).as("the SDK client closed in time").isTrue();
      }
    } finally {
      stopServer();
    }
  }

  @Test
  void theSdkInitializesWithOurServer() {
    McpSchema.InitializeResult init = sdk.getCurrentInitializationResult();
    assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(init.serverInfo().name()).isEqualTo("test-tools");
    assertThat(init.instructions()).isEqualTo("Tools for tests");
    assertThat(init.capabilities().tools().listChanged()).isTrue();
    assertThat(init.capabilities().logging()).isNotNull();
    sdk.ping();
  }

  @Test
  void theSdkListsEveryToolAcrossOurPages() {
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      McpSchema.ListToolsResult page = sdk.listTools(cursor);
      all.addAll(page.tools());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);
    assertThat(pages).isGreaterThan(1);
    List<String> expected = new ArrayList<>(TestTools.NAMED_TOOLS);
    IntStream.range(0, TestTools.FILLERS)
        .forEach(i -> expected.add(String.format("filler_%02d", i)));
    assertThat(all).extracting(McpSchema.Tool::name).containsAll(expected).doesNotHaveDuplicates();
    McpSchema.Tool echo =
        all.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
    assertThat(echo.annotations().readOnlyHint()).isTrue();
    assertThat(echo.inputSchema().get("required")).isEqualTo(List.of("message"));
  }

  @Test
  void theSdkCallsOurTools() {
    McpSchema.CallToolResult echo =
        sdk.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "from the sdk")));
    assertThat(((McpSchema.TextContent) echo.content().get(0)).text()).isEqualTo("from the sdk");
    assertThat(echo.isError()).isNotEqualTo(Boolean.TRUE);

    // Their client checks structuredContent against our outputSchema.
    McpSchema.CallToolResult add =
        sdk.callTool(new McpSchema.CallToolRequest("add", Map.of("a", 2, "b", 3)));
    assertThat(add.structuredContent()).isEqualTo(Map.of("sum", 5.0));

    McpSchema.CallToolResult fail = sdk.callTool(new McpSchema.CallToolRequest("fail", Map.of()));
    assertThat(fail.isError()).isTrue();
    assertThat(((McpSchema.TextContent) fail.content().get(0)).text())
        .isEqualTo("the tool failed on purpose");
  }

  @Test
  void theSdkGetsOurInvalidArgumentsError() {
    McpError e =
        catchThrowableOfType(
            McpError.class,
            () -> sdk.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", 7))));
    assertThat(e.getJsonRpcError().code()).isEqualTo(-32602);
    assertThat(e.getJsonRpcError().message()).contains("/message");
  }

  @Test
  void theSdkReceivesOurProgressAndLogNotifications() {
    McpSchema.CallToolResult r =
        sdk.callTool(
            McpSchema.CallToolRequest.builder()
                .name("progress")
                .arguments(Map.of("steps", 3))
                .progressToken("sdk-progress-1")
                .build());
    assertThat(((McpSchema.TextContent) r.content().get(0)).text()).isEqualTo("done");
    awaitSize(progress, 3);
    assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("sdk-progress-1"));
    // The SDK hands notifications to its consumers on a Reactor scheduler, so their order is the
    // SDK's to keep; a full build once saw [1, 3, 2] here. Our server's order is tested in
    // ClientServerContract.
    assertThat(progress)
        .extracting(McpSchema.ProgressNotification::progress)
        .containsExactlyInAnyOrder(1.0, 2.0, 3.0);

    sdk.setLoggingLevel(McpSchema.LoggingLevel.INFO);
    sdk.callTool(new McpSchema.CallToolRequest("log", Map.of()));
    awaitSize(logs, 2);
    assertThat(logs)
        .extracting(McpSchema.LoggingMessageNotification::data)
        .contains("info message", "error message");
  }

  private static void awaitSize(List<?> list, int size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void ourServerAsksTheSdkClientForItsRoots() {
    McpSchema.CallToolResult r =
        sdk.callTool(new McpSchema.CallToolRequest("ask_client", Map.of("method", "roots/list")));
    assertThat(((McpSchema.TextContent) r.content().get(0)).text())
        .contains(ROOT.uri())
        .contains("runbooks");
  }

  @Test
  void theSdkReadsOurResourcesAndPrompts() {
    assertThat(sdk.listResources().resources())
        .extracting(McpSchema.Resource::uri)
        .containsExactly("memo://readme");
    McpSchema.ReadResourceResult read =
        sdk.readResource(new McpSchema.ReadResourceRequest("memo://readme"));
    assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text())
        .isEqualTo("Read me.");
    assertThat(sdk.listPrompts().prompts())
        .extracting(McpSchema.Prompt::name)
        .contains("summarize");
    McpSchema.GetPromptResult prompt =
        sdk.getPrompt(new McpSchema.GetPromptRequest("summarize", Map.of("topic", "incidents")));
    assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text())
        .isEqualTo("Summarize incidents");
  }
}
