package io.github.aiplaybooks.mcp.client;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.mcp.McpToolOutputException;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.testing.ScriptedMcpPeer;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The client checks a tool's {@code structuredContent} against the {@code outputSchema} of the tool
 * as it last listed it. The peer is scripted, since our own server never sends a result that breaks
 * its schema.
 */
class ToolOutputSchemaTest {
  private static final String TOOLS =
      "{\"tools\":["
          + "{\"name\":\"weather\",\"inputSchema\":{\"type\":\"object\"},"
          + "\"outputSchema\":{\"type\":\"object\",\"properties\":{\"temperature\":{\"type\":\"number\"}},"
          + "\"required\":[\"temperature\"]}},"
          + "{\"name\":\"broken_schema\",\"inputSchema\":{\"type\":\"object\"},"
          + "\"outputSchema\":{\"type\":\"string\"}},"
          + "{\"name\":\"free\",\"inputSchema\":{\"type\":\"object\"}}]}";

  private final ScriptedMcpPeer peer = ScriptedMcpPeer.start(ToolOutputSchemaTest::answer);
  private final McpClient client = peer.clientBuilder().connect();

  private static String answer(JsonNode request) {
    String method = request.get("method").asString();
    if (method.equals("tools/list")) {
      return ScriptedMcpPeer.result(request, TOOLS);
    }
    String mode = request.path("params").path("arguments").path("mode").asString("");
    String text = "{\"type\":\"text\",\"text\":\"" + mode + "\"}";
    return ScriptedMcpPeer.result(
        request,
        switch (mode) {
          case "good" ->
              "{\"content\":[" + text + "],\"structuredContent\":{\"temperature\":21.5}}";
          case "bad" ->
              "{\"content\":[" + text + "],\"structuredContent\":{\"temperature\":\"hot\"}}";
          case "failed" -> "{\"content\":[" + text + "],\"isError\":true}";
          default -> "{\"content\":[" + text + "]}";
        });
  }

  @AfterEach
  void close() {
    client.close();
    peer.close();
  }

  @Test
  void aResultThatSatisfiesTheSchemaIsReturned() {
    client.listTools();
    CallToolResult r = client.callTool("weather", json("{\"mode\":\"good\"}"));
    assertThat(r.structuredContent().get("temperature").asDouble()).isEqualTo(21.5);
  }

  @Test
  void structuredContentThatBreaksTheSchemaIsATypedErrorNamingTheTool() {
    client.listTools();
    McpToolOutputException e =
        catchThrowableOfType(
            McpToolOutputException.class,
            () -> client.callTool("weather", json("{\"mode\":\"bad\"}")));
    assertThat(e.code()).isEqualTo("MCP_TOOL_OUTPUT_INVALID");
    assertThat(e.toolName()).isEqualTo("weather");
    assertThat(e.remote()).isEqualTo("mcp:scripted");
    assertThat(e.retryable()).isFalse();
    assertThat(e.violations()).singleElement().asString().startsWith("/temperature: ");
    assertThat(e.getMessage())
        .contains("Tool weather of mcp:scripted returned structuredContent that breaks");
  }

  @Test
  void aToolWithAnOutputSchemaMustReturnStructuredContent() {
    client.listTools();
    McpToolOutputException e =
        catchThrowableOfType(
            McpToolOutputException.class,
            () -> client.callTool("weather", json("{\"mode\":\"text-only\"}")));
    assertThat(e.getMessage())
        .contains("declares an outputSchema but returned no structuredContent");
  }

  @Test
  void aFailedResultIsNotChecked() {
    client.listTools();
    assertThat(client.callTool("weather", json("{\"mode\":\"failed\"}")).failed()).isTrue();
  }

  @Test
  void aSchemaTheClientCannotUseRefusesTheResult() {
    client.listTools();
    McpToolOutputException e =
        catchThrowableOfType(
            McpToolOutputException.class,
            () -> client.callTool("broken_schema", json("{\"mode\":\"good\"}")));
    assertThat(e.getMessage()).contains("cannot check").contains("must have \"type\": \"object\"");
  }

  @Test
  void theAsyncCallFailsTheSameWay() {
    client.listTools();
    CompletionException e =
        catchThrowableOfType(
            CompletionException.class,
            () ->
                client
                    .callToolAsync(
                        io.github.aiplaybooks.mcp.schema.CallToolRequestParams.of(
                            "weather", json("{\"mode\":\"bad\"}")),
                        CallOptions.defaults())
                    .join());
    assertThat(e.getCause()).isInstanceOf(McpToolOutputException.class);
  }

  @Test
  void toolsWithoutAnOutputSchemaAndUnlistedToolsAreNotChecked() {
    client.listTools();
    assertThat(client.callTool("free", json("{\"mode\":\"text-only\"}")).joinedText())
        .isEqualTo("text-only");
    // A client that never listed the tools does not know the schema (documented).
    try (ScriptedMcpPeer other = ScriptedMcpPeer.start(ToolOutputSchemaTest::answer);
        McpClient unlisted = other.clientBuilder().connect()) {
      assertThat(unlisted.callTool("weather", json("{\"mode\":\"bad\"}")).structuredContent())
          .isNotNull();
    }
  }

  @Test
  void aToolsListChangedNotificationForgetsTheSchemasUntilTheNextListing() {
    client.listTools();
    peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
    // The notification and the next response travel in order on the same stream.
    client.ping();
    assertThat(client.callTool("weather", json("{\"mode\":\"bad\"}")).structuredContent())
        .isNotNull();
    client.listTools();
    assertThat(
            catchThrowableOfType(
                McpToolOutputException.class,
                () -> client.callTool("weather", json("{\"mode\":\"bad\"}"))))
        .isNotNull();
  }
}
