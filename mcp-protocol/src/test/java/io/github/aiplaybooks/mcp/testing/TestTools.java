package io.github.aiplaybooks.mcp.testing;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.mcp.McpErrorException;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.GetPromptResult;
import io.github.aiplaybooks.mcp.schema.Implementation;
import io.github.aiplaybooks.mcp.schema.LoggingLevel;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.Prompt;
import io.github.aiplaybooks.mcp.schema.PromptArgument;
import io.github.aiplaybooks.mcp.schema.PromptMessage;
import io.github.aiplaybooks.mcp.schema.ReadResourceResult;
import io.github.aiplaybooks.mcp.schema.Resource;
import io.github.aiplaybooks.mcp.schema.Role;
import io.github.aiplaybooks.mcp.schema.TextContent;
import io.github.aiplaybooks.mcp.schema.TextResourceContents;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.schema.ToolAnnotations;
import io.github.aiplaybooks.mcp.server.McpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/** The tools every client/server test serves, in-process, over stdio and over HTTP. */
public final class TestTools {
  /** Tools other than the fillers. */
  public static final List<String> NAMED_TOOLS =
      List.of(
          "echo",
          "add",
          "fail",
          "boom",
          "progress",
          "wait_for_cancel",
          "cancellations",
          "barrier",
          "ask_client",
          "add_tool",
          "log",
          "kubectl_get");

  /** How many filler tools pad the list so it spans several pages. */
  public static final int FILLERS = 25;

  /** The page size of test servers. */
  public static final int PAGE_SIZE = 10;

  private TestTools() {}

  public static ObjectNode json(String json) {
    return (ObjectNode) McpJson.mapper().readTree(json);
  }

  /** A server with the test tools. */
  public static McpServer server() {
    return server(false, b -> {});
  }

  /**
   * A server with the test tools.
   *
   * @param withCrash whether to add {@code crash}, which halts the JVM (subprocess servers only)
   * @param customizer changes to the builder
   */
  public static McpServer server(boolean withCrash, Consumer<McpServer.Builder> customizer) {
    AtomicInteger cancelled = new AtomicInteger();
    Map<String, CountDownLatch> barriers = new ConcurrentHashMap<>();
    McpServer[] self = new McpServer[1];
    McpServer.Builder b =
        McpServer.builder()
            .serverInfo(Implementation.of("test-tools", "1.0.0"))
            .instructions("Tools for tests")
            .pageSize(PAGE_SIZE)
            .maxConcurrentRequests(160);
    b.tool(
        Tool.builder("echo")
            .description("Echoes the message")
            .inputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"],\"additionalProperties\":false}"))
            .annotations(ToolAnnotations.readOnly())
            .build(),
        call -> CallToolResult.text(call.arguments().get("message").stringValue()));
    b.tool(
        Tool.builder("add")
            .inputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}"))
            .outputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"sum\":{\"type\":\"number\"}},\"required\":[\"sum\"]}"))
            .build(),
        call -> {
          double sum =
              call.arguments().get("a").doubleValue() + call.arguments().get("b").doubleValue();
          return CallToolResult.structured(McpJson.mapper().createObjectNode().put("sum", sum));
        });
    b.tool(
        Tool.builder("fail").build(),
        call -> {
          throw new CallerFaultException("DEMO_FAILURE", "the tool failed on purpose");
        });
    b.tool(
        Tool.builder("boom").build(),
        call -> {
          throw new IllegalStateException("secret internal detail");
        });
    b.tool(
        Tool.builder("progress")
            .inputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"integer\",\"minimum\":1}}}"))
            .build(),
        call -> {
          int steps = call.arguments().path("steps").asInt(3);
          for (int i = 1; i <= steps; i++) {
            call.progress(i, (double) steps, "step " + i);
          }
          return CallToolResult.text("done");
        });
    b.tool(
        Tool.builder("wait_for_cancel").build(),
        call -> {
          call.progress(0, null, "started");
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          try {
            while (!call.isCancelled() && System.nanoTime() < deadline) {
              Thread.sleep(5);
            }
          } catch (InterruptedException e) {
            // Cancellation interrupts the handler thread.
          }
          if (call.isCancelled()) {
            cancelled.incrementAndGet();
          }
          return CallToolResult.text("not cancelled");
        });
    b.tool(
        Tool.builder("cancellations").build(),
        call -> CallToolResult.text(Integer.toString(cancelled.get())));
    b.tool(
        Tool.builder("barrier")
            .inputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"group\":{\"type\":\"string\"},\"parties\":{\"type\":\"integer\"},\"token\":{\"type\":\"string\"}},\"required\":[\"group\",\"parties\",\"token\"]}"))
            .build(),
        call -> {
          ObjectNode args = call.arguments();
          CountDownLatch latch =
              barriers.computeIfAbsent(
                  args.get("group").stringValue(),
                  g -> new CountDownLatch(args.get("parties").intValue()));
          latch.countDown();
          if (!latch.await(60, TimeUnit.SECONDS)) {
            return CallToolResult.error("barrier not reached: " + latch.getCount() + " missing");
          }
          return CallToolResult.text(args.get("token").stringValue());
        });
    b.tool(
        Tool.builder("ask_client")
            .inputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"method\":{\"type\":\"string\"}},\"required\":[\"method\"]}"))
            .build(),
        call -> {
          try {
            return CallToolResult.text(
                call.requestClient(
                        call.arguments().get("method").stringValue(), null, Duration.ofSeconds(20))
                    .toString());
          } catch (McpErrorException e) {
            return CallToolResult.text("error " + e.errorCode() + ": " + e.errorMessage());
          }
        });
    b.tool(
        Tool.builder("add_tool")
            .inputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}"))
            .build(),
        call -> {
          String name = call.arguments().get("name").stringValue();
          self[0].addTool(Tool.builder(name).build(), c -> CallToolResult.text("I am " + name));
          return CallToolResult.text("added " + name);
        });
    b.tool(
        Tool.builder("log").build(),
        call -> {
          call.log(
              LoggingLevel.INFO,
              "test",
              McpJson.mapper().getNodeFactory().stringNode("info message"));
          call.log(
              LoggingLevel.ERROR,
              "test",
              McpJson.mapper().getNodeFactory().stringNode("error message"));
          return CallToolResult.text("logged");
        });
    b.tool(
        Tool.builder("kubectl_get")
            .inputSchema(
                json(
                    "{\"type\":\"object\",\"properties\":{\"resource\":{\"type\":\"string\"},\"namespace\":{\"type\":\"string\"},\"selector\":{\"type\":\"string\"}},\"required\":[\"resource\"]}"))
            .annotations(ToolAnnotations.readOnly())
            .build(),
        call -> CallToolResult.text("kubectl_get " + call.arguments()));
    for (int i = 0; i < FILLERS; i++) {
      String name = String.format("filler_%02d", i);
      b.tool(Tool.builder(name).build(), call -> CallToolResult.text(name));
    }
    if (withCrash) {
      b.tool(
          Tool.builder("crash")
              .inputSchema(
                  json("{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"integer\"}}}"))
              .build(),
          call -> {
            Runtime.getRuntime().halt(call.arguments().path("code").asInt(3));
            return CallToolResult.text("unreachable");
          });
    }
    b.resource(
        new Resource(
            "memo://readme", "readme", null, "A memo", "text/plain", null, null, null, null),
        uri ->
            new ReadResourceResult(
                List.of(new TextResourceContents(uri, "text/plain", "Read me.", null)), null));
    b.prompt(
        new Prompt(
            "summarize",
            null,
            "Summarize a topic",
            List.of(new PromptArgument("topic", null, "What to summarize", true)),
            null,
            null),
        args ->
            new GetPromptResult(
                null,
                List.of(
                    new PromptMessage(Role.USER, TextContent.of("Summarize " + args.get("topic")))),
                null));
    customizer.accept(b);
    self[0] = b.build();
    return self[0];
  }
}
