package io.github.aiplaybooks.benchmarks.mcp;

import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.Implementation;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.schema.ToolAnnotations;
import io.github.aiplaybooks.mcp.server.McpHttpServer;
import io.github.aiplaybooks.mcp.server.McpServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client calling {@code echo} over Streamable HTTP on loopback, one call at a time: our {@link
 * McpClient} against our {@link McpServer}, both in this JVM (so the two share the machine's cores,
 * as they would on one host). Each call is a full round trip: POST, the server validates the
 * arguments against the tool's schema, runs the handler, answers, and the client reads the result
 * into a {@link CallToolResult}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class McpHttpRoundTripBenchmark {
  private McpServer server;
  private McpHttpServer http;
  private McpClient client;
  private ObjectNode arguments;

  @Setup(Level.Trial)
  public void start() {
    server =
        McpServer.builder()
            .serverInfo(Implementation.of("bench", "1"))
            .tool(
                Tool.builder("echo")
                    .inputSchema(
                        (ObjectNode)
                            McpJson.mapper()
                                .readTree(
                                    "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}"))
                    .annotations(ToolAnnotations.readOnly())
                    .build(),
                call -> CallToolResult.text(call.arguments().get("message").stringValue()))
            .build();
    http = server.startHttp(0);
    client = McpClient.builder().name("bench").streamableHttp(http.endpoint()).connect();
    arguments = McpJson.mapper().createObjectNode().put("message", "hello");
    if (!"hello".equals(echo().joinedText())) {
      throw new IllegalStateException("echo does not echo");
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    server.close();
  }

  @Benchmark
  public CallToolResult echo() {
    return client.callTool("echo", arguments);
  }
}
