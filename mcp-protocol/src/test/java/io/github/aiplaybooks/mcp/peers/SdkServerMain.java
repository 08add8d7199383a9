package io.github.aiplaybooks.mcp.peers;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A server built with the official MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp}), served
 * over stdio, for tests of our client against a server no one here wrote. The tools are plain uses
 * of the SDK's API: text, structured content with an output schema, an image, progress, a slow
 * tool, logging, and a call back to the client for its roots.
 */
public final class SdkServerMain {
  static final String TINY_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghbLEgAAAABJRU5ErkJggg==";

  private SdkServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    McpJsonMapper json = McpJsonDefaults.getMapper();
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(json))
            .serverInfo("sdk-test-server", "2.1.0")
            .instructions("A server made with the official MCP Java SDK")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .tools(true)
                    .logging()
                    .resources(false, false)
                    .prompts(false)
                    .build())
            .tools(tools(json))
            .resources(
                new McpServerFeatures.SyncResourceSpecification(
                    McpSchema.Resource.builder()
                        .uri("sdk://notes/hello")
                        .name("hello")
                        .mimeType("text/plain")
                        .build(),
                    (exchange, request) ->
                        new McpSchema.ReadResourceResult(
                            List.of(
                                new McpSchema.TextResourceContents(
                                    request.uri(), "text/plain", "Hello from the SDK")))))
            .prompts(
                new McpServerFeatures.SyncPromptSpecification(
                    new McpSchema.Prompt(
                        "greet",
                        "Greets someone",
                        List.of(new McpSchema.PromptArgument("name", "Who to greet", true))),
                    (exchange, request) ->
                        new McpSchema.GetPromptResult(
                            "A greeting",
                            List.of(
                                new McpSchema.PromptMessage(
                                    McpSchema.Role.USER,
                                    new McpSchema.TextContent(
                                        "Say hello to " + request.arguments().get("name")))))))
            .build();
    // The transport serves until stdin ends; keep the JVM up meanwhile.
    new CountDownLatch(1).await();
    server.close();
  }

  private static List<McpServerFeatures.SyncToolSpecification> tools(McpJsonMapper json) {
    return List.of(
        tool(
            McpSchema.Tool.builder()
                .name("echo")
                .description("Echoes the message")
                .inputSchema(
                    json,
                    "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}")
                .build(),
            (exchange, request) ->
                McpSchema.CallToolResult.builder()
                    .addTextContent("echo: " + request.arguments().get("message"))
                    .build()),
        tool(
            McpSchema.Tool.builder()
                .name("add")
                .inputSchema(
                    json,
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}")
                .outputSchema(
                    json,
                    "{\"type\":\"object\",\"properties\":{\"sum\":{\"type\":\"number\"}},\"required\":[\"sum\"]}")
                .build(),
            (exchange, request) -> {
              double sum =
                  ((Number) request.arguments().get("a")).doubleValue()
                      + ((Number) request.arguments().get("b")).doubleValue();
              return McpSchema.CallToolResult.builder()
                  .addTextContent("{\"sum\":" + sum + "}")
                  .structuredContent(Map.of("sum", sum))
                  .build();
            }),
        tool(
            McpSchema.Tool.builder()
                .name("image")
                .inputSchema(json, "{\"type\":\"object\"}")
                .build(),
            (exchange, request) ->
                McpSchema.CallToolResult.builder()
                    .addContent(new McpSchema.ImageContent(null, TINY_PNG, "image/png"))
                    .build()),
        tool(
            McpSchema.Tool.builder()
                .name("count")
                .description("Reports progress for each step, then answers")
                .inputSchema(
                    json, "{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"integer\"}}}")
                .build(),
            (exchange, request) -> {
              int steps = ((Number) request.arguments().getOrDefault("steps", 3)).intValue();
              Object token = request.meta() == null ? null : request.meta().get("progressToken");
              for (int i = 1; i <= steps; i++) {
                if (token != null) {
                  exchange.progressNotification(
                      new McpSchema.ProgressNotification(
                          token, (double) i, (double) steps, "step " + i));
                }
              }
              return McpSchema.CallToolResult.builder().addTextContent("counted " + steps).build();
            }),
        tool(
            McpSchema.Tool.builder()
                .name("slow")
                .inputSchema(json, "{\"type\":\"object\"}")
                .build(),
            (exchange, request) -> {
              try {
                Thread.sleep(30_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return McpSchema.CallToolResult.builder().addTextContent("slept").build();
            }),
        tool(
            McpSchema.Tool.builder().name("log").inputSchema(json, "{\"type\":\"object\"}").build(),
            (exchange, request) -> {
              exchange.loggingNotification(
                  McpSchema.LoggingMessageNotification.builder()
                      .level(McpSchema.LoggingLevel.WARNING)
                      .logger("sdk")
                      .data("a warning from the SDK")
                      .build());
              return McpSchema.CallToolResult.builder().addTextContent("logged").build();
            }),
        tool(
            McpSchema.Tool.builder()
                .name("roots")
                .inputSchema(json, "{\"type\":\"object\"}")
                .build(),
            (exchange, request) -> {
              McpSchema.ListRootsResult roots = exchange.listRoots();
              return McpSchema.CallToolResult.builder()
                  .addTextContent(
                      String.join(",", roots.roots().stream().map(McpSchema.Root::uri).toList()))
                  .build();
            }),
        tool(
            McpSchema.Tool.builder()
                .name("fail")
                .inputSchema(json, "{\"type\":\"object\"}")
                .build(),
            (exchange, request) -> {
              throw new IllegalStateException("failed on purpose");
            }));
  }

  private static McpServerFeatures.SyncToolSpecification tool(
      McpSchema.Tool tool,
      java.util.function.BiFunction<
              io.modelcontextprotocol.server.McpSyncServerExchange,
              McpSchema.CallToolRequest,
              McpSchema.CallToolResult>
          handler) {
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(handler)
        .build();
  }
}
