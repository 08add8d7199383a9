package io.github.aiplaybooks.benchmarks.mcp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/**
 * The ceiling of {@link McpHttpRoundTripBenchmark} on this machine: the same two JDK HTTP stacks
 * ({@code java.net.http} client, {@code com.sun.net.httpserver} server, keep-alive, Nagle off), one
 * POST of a {@code tools/call} frame answered with a canned result, and no MCP at all: no session,
 * no JSON parsing, no schema check, no handler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Threads(1)
public class JdkHttpBaselineBenchmark {
  private static final byte[] CALL =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
              + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}}")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] RESULT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}}"
          .getBytes(StandardCharsets.UTF_8);

  private HttpServer server;
  private ExecutorService pool;
  private HttpClient client;
  private URI endpoint;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.createContext(
        "/mcp",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, RESULT.length);
            exchange.getResponseBody().write(RESULT);
          }
        });
    server.start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.stop(0);
    pool.shutdownNow();
  }

  @Benchmark
  public byte[] post() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(CALL))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
  }
}
