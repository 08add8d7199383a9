package io.github.aiplaybooks.mcp.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.client.CallOptions;
import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.schema.BlobResourceContents;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.ContentBlock;
import io.github.aiplaybooks.mcp.schema.ElicitRequestParams;
import io.github.aiplaybooks.mcp.schema.ElicitResult;
import io.github.aiplaybooks.mcp.schema.EmbeddedResource;
import io.github.aiplaybooks.mcp.schema.GetPromptResult;
import io.github.aiplaybooks.mcp.schema.ImageContent;
import io.github.aiplaybooks.mcp.schema.InitializeResult;
import io.github.aiplaybooks.mcp.schema.ListToolsResult;
import io.github.aiplaybooks.mcp.schema.LoggingLevel;
import io.github.aiplaybooks.mcp.schema.LoggingMessageNotificationParams;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;
import io.github.aiplaybooks.mcp.schema.Prompt;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.ReadResourceResult;
import io.github.aiplaybooks.mcp.schema.Resource;
import io.github.aiplaybooks.mcp.schema.ResourceLink;
import io.github.aiplaybooks.mcp.schema.Role;
import io.github.aiplaybooks.mcp.schema.Root;
import io.github.aiplaybooks.mcp.schema.TextContent;
import io.github.aiplaybooks.mcp.schema.TextResourceContents;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our {@link McpClient} against {@code @modelcontextprotocol/server-everything} (the MCP reference
 * test server, from npm), whatever the transport. Each subclass starts the peer once and connects
 * one client for all of its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EverythingServerContract {
  static final Root ROOT = new Root("file:///srv/playbooks", "playbooks", null);
  static final Duration WAIT = Duration.ofSeconds(20);

  /** The connected client, made with {@link #configure}. */
  protected abstract McpClient client();

  /** Every JSON-RPC message the peer received from our client so far, in order. */
  protected abstract List<JsonNode> messagesReceivedByPeer();

  /** The elicitation requests the peer sent; the handler accepts with a name only. */
  static final List<ElicitRequestParams> ELICITATIONS = new CopyOnWriteArrayList<>();

  /**
   * What every subclass's client declares: roots and elicitation, so the server registers the tools
   * that use them.
   */
  static McpClient.Builder configure(McpClient.Builder b) {
    return b.roots(List.of(ROOT))
        .onElicitation(
            request -> {
              ELICITATIONS.add(request);
              return ElicitResult.accept(args("{\"name\":\"Ada Lovelace\",\"check\":true}"));
            })
        .requestTimeout(WAIT);
  }

  static ObjectNode args(String json) {
    return (ObjectNode) McpJson.mapper().readTree(json);
  }

  @Test
  void handshakeNegotiatesTheNewestRevisionAndReadsTheServersAnswer() {
    InitializeResult init = client().initializeResult();
    assertThat(client().protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
    assertThat(init.serverInfo().name()).isEqualTo("mcp-servers/everything");
    assertThat(init.serverInfo().version()).isEqualTo("2.0.0");
    assertThat(init.instructions()).contains("Everything Server");
    assertThat(client().serverCapabilities().tools().listChanged()).isTrue();
    assertThat(client().serverCapabilities().resources().subscribe()).isTrue();
    assertThat(client().serverCapabilities().prompts()).isNotNull();
    assertThat(client().serverCapabilities().logging()).isNotNull();
    client().ping();
  }

  @Test
  void listsEveryToolWithItsSchemasAndAnnotations() {
    ListToolsResult firstPage = client().listTools(null);
    List<Tool> all = client().listTools();
    // The reference server answers in one page; our paging loop must then stop after it.
    assertThat(firstPage.nextCursor()).isNull();
    assertThat(all).containsExactlyElementsOf(firstPage.tools());
    assertThat(all)
        .extracting(Tool::name)
        .contains(
            "echo",
            "get-sum",
            "get-tiny-image",
            "get-structured-content",
            "get-resource-reference",
            "get-resource-links",
            "get-annotated-message",
            "trigger-long-running-operation",
            "toggle-simulated-logging",
            // registered only for clients that declare roots and elicitation, as ours does
            "get-roots-list",
            "trigger-elicitation-request");
    Tool echo = tool(all, "echo");
    assertThat(echo.inputSchema().path("required").get(0).asString()).isEqualTo("message");
    assertThat(echo.annotations().readOnlyHint()).isTrue();
    assertThat(echo.annotations().destructiveHint()).isFalse();
    Tool structured = tool(all, "get-structured-content");
    assertThat(structured.outputSchema().path("properties").has("temperature")).isTrue();
    assertThat(tool(all, "toggle-simulated-logging").annotations().readOnlyHint()).isFalse();
  }

  private static Tool tool(List<Tool> tools, String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void callsEcho() {
    CallToolResult r = client().callTool("echo", args("{\"message\":\"hello from java\"}"));
    assertThat(r.failed()).isFalse();
    assertThat(r.joinedText()).isEqualTo("Echo: hello from java");
  }

  @Test
  void callsAToolWithNumberArguments() {
    CallToolResult r = client().callTool("get-sum", args("{\"a\":2,\"b\":40.5}"));
    assertThat(r.joinedText()).contains("42.5");
  }

  @Test
  void readsStructuredContentThatMatchesTheToolsOutputSchema() {
    // Listing first makes the client check the result against the peer's (draft-07) outputSchema.
    client().listTools();
    CallToolResult r =
        client().callTool("get-structured-content", args("{\"location\":\"Chicago\"}"));
    assertThat(r.structuredContent()).isNotNull();
    assertThat(r.structuredContent().get("temperature").asInt()).isEqualTo(36);
    assertThat(r.structuredContent().get("conditions").asString())
        .isEqualTo("Light rain / drizzle");
    // The text block carries the same object for clients without structured content.
    assertThat(McpJson.mapper().readTree(r.joinedText())).isEqualTo(r.structuredContent());
  }

  @Test
  void readsImageContent() {
    CallToolResult r = client().callTool("get-tiny-image", args("{}"));
    ImageContent image =
        r.content().stream()
            .filter(ImageContent.class::isInstance)
            .map(ImageContent.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(image.mimeType()).isEqualTo("image/png");
    byte[] png = Base64.getDecoder().decode(image.data());
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void readsEmbeddedTextAndBlobResources() {
    CallToolResult text =
        client()
            .callTool(
                "get-resource-reference", args("{\"resourceType\":\"Text\",\"resourceId\":2}"));
    EmbeddedResource embedded = only(text.content(), EmbeddedResource.class);
    assertThat(embedded.resource()).isInstanceOf(TextResourceContents.class);
    assertThat(embedded.resource().uri()).endsWith("/text/2");
    assertThat(((TextResourceContents) embedded.resource()).text()).isNotBlank();

    CallToolResult blob =
        client()
            .callTool(
                "get-resource-reference", args("{\"resourceType\":\"Blob\",\"resourceId\":3}"));
    EmbeddedResource blobResource = only(blob.content(), EmbeddedResource.class);
    assertThat(blobResource.resource()).isInstanceOf(BlobResourceContents.class);
    assertThat(Base64.getDecoder().decode(((BlobResourceContents) blobResource.resource()).blob()))
        .isNotEmpty();
  }

  @Test
  void readsResourceLinks() {
    CallToolResult r = client().callTool("get-resource-links", args("{\"count\":4}"));
    List<ResourceLink> links =
        r.content().stream()
            .filter(ResourceLink.class::isInstance)
            .map(ResourceLink.class::cast)
            .toList();
    assertThat(links).hasSize(4);
    assertThat(links).allSatisfy(l -> assertThat(l.uri()).startsWith("demo://resource/"));
  }

  @Test
  void readsContentAnnotations() {
    CallToolResult r =
        client()
            .callTool(
                "get-annotated-message", args("{\"messageType\":\"error\",\"includeImage\":true}"));
    TextContent text = only(r.content(), TextContent.class);
    assertThat(text.annotations().priority()).isEqualTo(1.0);
    assertThat(text.annotations().audience()).contains(Role.USER, Role.ASSISTANT);
    assertThat(only(r.content(), ImageContent.class).annotations()).isNotNull();
  }

  private static <T extends ContentBlock> T only(List<ContentBlock> content, Class<T> type) {
    List<T> matching = content.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("%s blocks in %s", type.getSimpleName(), content).hasSize(1);
    return matching.get(0);
  }

  @Test
  void deliversIncreasingProgressNotificationsOfALongRunningTool() {
    List<ProgressNotificationParams> progress = new CopyOnWriteArrayList<>();
    CallToolResult r =
        client()
            .callTool(
                CallToolRequestParams.of(
                    "trigger-long-running-operation", args("{\"duration\":0.6,\"steps\":4}")),
                CallOptions.builder().progressListener(progress::add).build());
    assertThat(r.joinedText()).contains("Long running operation completed");
    assertThat(progress)
        .extracting(ProgressNotificationParams::progress)
        .containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(4.0));
  }

  @Test
  void aTimedOutCallIsCancelledAtThePeerAndTheConnectionStaysUsable() {
    // A marker duration, so this test finds its own request among what the peer received.
    ObjectNode longCall = args("{\"duration\":31.5,\"steps\":3}");
    McpTimeoutException e =
        catchThrowableOfType(
            McpTimeoutException.class,
            () ->
                client()
                    .callTool(
                        CallToolRequestParams.of("trigger-long-running-operation", longCall),
                        CallOptions.timeout(Duration.ofMillis(300))));
    assertThat(e.code()).isEqualTo("MCP_TIMEOUT");
    assertThat(e.retryable()).isTrue();
    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));

    assertThat(client().callTool("echo", args("{\"message\":\"still here\"}")).joinedText())
        .isEqualTo("Echo: still here");

    JsonNode request =
        awaitMessage(
            m ->
                "tools/call".equals(m.path("method").asString(""))
                    && m.path("params").path("arguments").path("duration").asDouble() == 31.5);
    JsonNode cancelled =
        awaitMessage(
            m ->
                "notifications/cancelled".equals(m.path("method").asString(""))
                    && m.path("params").path("requestId").equals(request.get("id")));
    assertThat(cancelled.path("params").path("reason").asString()).contains("timed out");
  }

  private JsonNode awaitMessage(java.util.function.Predicate<JsonNode> matching) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode m : messagesReceivedByPeer()) {
        if (matching.test(m)) {
          return m;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError(
        "The peer never received the expected message; it received: " + messagesReceivedByPeer());
  }

  @Test
  void listsAndReadsResources() {
    List<Resource> resources = client().listResources();
    assertThat(resources)
        .extracting(Resource::uri)
        .contains("demo://resource/static/document/architecture.md");
    ReadResourceResult read = client().readResource("demo://resource/static/document/features.md");
    TextResourceContents contents = (TextResourceContents) read.contents().get(0);
    assertThat(contents.uri()).isEqualTo("demo://resource/static/document/features.md");
    assertThat(contents.mimeType()).isEqualTo("text/markdown");
    assertThat(contents.text()).isNotBlank();
  }

  @Test
  void listsAndGetsPrompts() {
    assertThat(client().listPrompts())
        .extracting(Prompt::name)
        .contains("simple-prompt", "args-prompt");
    Prompt args =
        client().listPrompts().stream()
            .filter(p -> p.name().equals("args-prompt"))
            .findFirst()
            .orElseThrow();
    assertThat(args.arguments()).extracting(a -> a.name()).containsExactly("city", "state");
    GetPromptResult prompt = client().getPrompt("args-prompt", Map.of("city", "Lisbon"));
    assertThat(((TextContent) prompt.messages().get(0).content()).text())
        .isEqualTo("What's weather in Lisbon?");
    assertThat(prompt.messages().get(0).role()).isEqualTo(Role.USER);
  }

  @Test
  void receivesLogMessagesAtTheLevelItSet() throws InterruptedException {
    List<LoggingMessageNotificationParams> messages = new CopyOnWriteArrayList<>();
    CountDownLatch received = new CountDownLatch(1);
    try (AutoCloseable listener =
        client()
            .onLoggingMessage(
                m -> {
                  if (m.data().asString("").contains("-level message")
                      || m.data().asString("").contains("level-message")) {
                    messages.add(m);
                    received.countDown();
                  }
                })) {
      client().setLoggingLevel(LoggingLevel.DEBUG);
      CallToolResult on = client().callTool("toggle-simulated-logging", args("{}"));
      assertThat(on.joinedText()).startsWith("Started simulated");
      assertThat(received.await(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("a simulated log message arrived")
          .isTrue();
      CallToolResult off = client().callTool("toggle-simulated-logging", args("{}"));
      assertThat(off.joinedText()).startsWith("Stopped simulated");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(messages.get(0).level()).isNotNull();
  }

  @Test
  void answersThePeersElicitationWithTheDefaultsOfTheFieldsLeftOut() {
    CallToolResult r = client().callTool("trigger-elicitation-request", args("{}"));
    assertThat(r.joinedText())
        .contains("User provided the requested information")
        .contains("- Name: Ada Lovelace")
        .contains("- Agreed to terms: true")
        // defaults of the peer's schema, filled in by our client
        .contains("- Favorite Integer: 42")
        .contains("- Favorite Number: 3.14");
    assertThat(ELICITATIONS)
        .anySatisfy(
            e -> {
              assertThat(e.isForm()).isTrue();
              assertThat(e.requestedSchema().path("required").get(0).asString()).isEqualTo("name");
            });
  }

  @Test
  void answersThePeersRootsRequest() {
    CallToolResult r = client().callTool("get-roots-list", args("{}"));
    assertThat(r.joinedText())
        .contains("Current MCP Roots (1 total)")
        .contains("playbooks")
        .contains(ROOT.uri());
  }
}
