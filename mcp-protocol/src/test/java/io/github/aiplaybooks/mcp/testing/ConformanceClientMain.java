package io.github.aiplaybooks.mcp.testing;

import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.ElicitResult;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our client as a command for the MCP conformance suite: {@code conformance client --command "java
 * -cp <test classpath> io.github.aiplaybooks.mcp.testing.ConformanceClientMain"}. The suite appends
 * the server URL as the last argument and names the scenario in {@code MCP_CONFORMANCE_SCENARIO}.
 *
 * <p>What it does, whatever the scenario: connect over Streamable HTTP, list every tool, call each
 * with arguments made from its input schema (numbers 1, strings "test", booleans true; only the
 * required members), then close (which sends DELETE). It declares form elicitation and accepts
 * every elicitation with an empty form, so the client's defaults are what the server gets. Exit
 * code 0 when all of that worked.
 */
public final class ConformanceClientMain {
  private ConformanceClientMain() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: ConformanceClientMain <server-url>");
      System.exit(2);
    }
    String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
    try {
      List<String> log = run(URI.create(args[args.length - 1]));
      log.forEach(System.err::println);
      System.err.println("scenario " + scenario + ": done");
      System.exit(0);
    } catch (RuntimeException e) {
      System.err.println("scenario " + scenario + " failed: " + e);
      System.exit(1);
    }
  }

  /** Runs the client against {@code url}; returns one line per step. */
  public static List<String> run(URI url) {
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (McpClient client =
        McpClient.builder()
            .name("conformance")
            .streamableHttp(url)
            .onElicitation(
                request -> {
                  log.add("elicitation: " + request.message());
                  return ElicitResult.accept(McpJson.mapper().createObjectNode());
                })
            .requestTimeout(Duration.ofSeconds(30))
            .build()) {
      client.connect();
      log.add(
          "initialized: " + client.serverInfo().name() + " protocol " + client.protocolVersion());
      for (Tool tool : client.listTools()) {
        CallToolResult r = client.callTool(tool.name(), argumentsFor(tool.inputSchema()));
        log.add("called " + tool.name() + ": " + (r.failed() ? "error " : "") + r.joinedText());
      }
    }
    return log;
  }

  /** Arguments that satisfy the required members of a simple object schema. */
  static ObjectNode argumentsFor(ObjectNode schema) {
    ObjectNode args = McpJson.mapper().createObjectNode();
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      String name = required.asString();
      String type = properties.path(name).path("type").asString("string");
      switch (type) {
        case "number", "integer" -> args.put(name, 1);
        case "boolean" -> args.put(name, true);
        case "array" -> args.putArray(name);
        case "object" -> args.putObject(name);
        default -> args.put(name, "test");
      }
    }
    return args;
  }
}
