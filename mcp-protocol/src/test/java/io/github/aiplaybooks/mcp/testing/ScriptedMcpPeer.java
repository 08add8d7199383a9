package io.github.aiplaybooks.mcp.testing;

import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.schema.McpJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A scripted MCP server on the other end of in-memory pipes, for client tests that need a peer to
 * misbehave or to send its own requests: it answers {@code initialize} (revision 2025-11-25) and
 * passes every other request to a script that returns the whole response frame (or {@code null} for
 * no answer). It records every message the client sent.
 *
 * <pre>{@code
 * ScriptedMcpPeer peer = ScriptedMcpPeer.start(request -> ScriptedMcpPeer.result(request, "{}"));
 * McpClient client = peer.clientBuilder().connect();
 * }</pre>
 */
public final class ScriptedMcpPeer implements AutoCloseable {
  private final Pipe toPeer = new Pipe();
  private final Pipe toClient = new Pipe();
  private final Function<JsonNode, String> script;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ScriptedMcpPeer(Function<JsonNode, String> script) {
    this.script = script;
    this.reader = new Thread(this::read, "scripted-mcp-peer");
    reader.setDaemon(true);
  }

  /** Starts a peer that answers requests with {@code script}. */
  public static ScriptedMcpPeer start(Function<JsonNode, String> script) {
    ScriptedMcpPeer peer = new ScriptedMcpPeer(script);
    peer.reader.start();
    return peer;
  }

  /** A success response to {@code request} with {@code resultJson} as its result. */
  public static String result(JsonNode request, String resultJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + resultJson + "}";
  }

  /** A client builder wired to this peer. */
  public McpClient.Builder clientBuilder() {
    return McpClient.builder().name("scripted").streams(toClient.in(), toPeer.out());
  }

  /** Sends a frame to the client, such as a request of the peer's own. */
  public void send(String frame) {
    try {
      toClient.out().write((frame + "\n").getBytes(StandardCharsets.UTF_8));
      toClient.out().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every message the client sent so far. */
  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  /** Waits for a message from the client that matches. */
  public JsonNode awaitReceived(Predicate<JsonNode> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode m : received) {
        if (matching.test(m)) {
          return m;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("The client never sent the expected message; it sent " + received);
  }

  private void read() {
    InputStream in = toPeer.in();
    byte[] buffer = new byte[8192];
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            handle(current.toString(StandardCharsets.UTF_8));
            current.reset();
          } else {
            current.write(buffer[i]);
          }
        }
      }
    } catch (IOException e) {
      // The client closed its end.
    }
  }

  private void handle(String frame) {
    if (frame.isBlank()) {
      return;
    }
    JsonNode message = McpJson.mapper().readTree(frame);
    received.add(message);
    if (!message.has("method") || !message.has("id")) {
      return;
    }
    String answer =
        "initialize".equals(message.get("method").asString())
            ? result(
                message,
                "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                    + "\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}")
            : script.apply(message);
    if (answer != null) {
      send(answer);
    }
  }

  @Override
  public void close() {
    toClient.close();
    toPeer.close();
  }
}
