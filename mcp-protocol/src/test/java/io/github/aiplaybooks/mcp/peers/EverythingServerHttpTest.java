package io.github.aiplaybooks.mcp.peers;

import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.schema.McpJson;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

/**
 * Our client against the everything server over Streamable HTTP ({@code node .../dist/index.js
 * streamableHttp}, bound to 127.0.0.1 on a free port), through a {@link RecordingHttpProxy} that
 * records what the peer received.
 */
@RequiresPeers
class EverythingServerHttpTest extends EverythingServerContract {
  private PeerProcess server;
  private RecordingHttpProxy proxy;
  private McpClient client;

  @BeforeAll
  void startPeer() {
    Peers peers = Peers.require();
    int port = PeerProcess.freePort();
    ProcessBuilder command =
        new ProcessBuilder(peers.node(), peers.everythingServer().toString(), "streamableHttp");
    command.environment().put("PORT", Integer.toString(port));
    command.environment().put("NODE_OPTIONS", "--require " + peers.bindLoopback());
    server =
        PeerProcess.start("everything-http", command, peers.logDir().resolve("everything-http.log"))
            .awaitPort(port, Duration.ofSeconds(30));
    proxy = RecordingHttpProxy.to(URI.create("http://127.0.0.1:" + port));
    client =
        configure(McpClient.builder().name("everything-http").streamableHttp(proxy.uri("/mcp")))
            .connect();
  }

  @AfterAll
  void stopPeer() {
    if (client != null) {
      client.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected McpClient client() {
    return client;
  }

  @Override
  protected List<JsonNode> messagesReceivedByPeer() {
    return proxy.requests().stream()
        .filter(r -> r.method().equals("POST"))
        .map(r -> McpJson.mapper().readTree(r.body()))
        .toList();
  }
}
