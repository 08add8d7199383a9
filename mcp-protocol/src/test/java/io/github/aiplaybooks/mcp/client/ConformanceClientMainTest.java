package io.github.aiplaybooks.mcp.client;

import static io.github.aiplaybooks.mcp.testing.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.Implementation;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.server.McpServer;
import io.github.aiplaybooks.mcp.testing.ConformanceClientMain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformance command works against a server shaped like the suite's tools_call server. */
class ConformanceClientMainTest {
  @Test
  void connectsListsAndCallsEveryTool() {
    try (McpServer server =
        McpServer.builder()
            .serverInfo(Implementation.of("add-numbers-server", "1.0.0"))
            .tool(
                Tool.builder("add_numbers")
                    .inputSchema(
                        json(
                            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}"))
                    .build(),
                call ->
                    CallToolResult.text(
                        "sum "
                            + (call.arguments().get("a").doubleValue()
                                + call.arguments().get("b").doubleValue())))
            .build()) {
      var http = server.startHttp(0);
      List<String> log = ConformanceClientMain.run(http.endpoint());
      assertThat(log)
          .containsExactly(
              "initialized: add-numbers-server protocol 2025-11-25", "called add_numbers: sum 2.0");
      assertThat(http.sessionIds()).as("the client deleted its session").isEmpty();
    }
  }
}
