package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.server.McpServer;
import io.github.aiplaybooks.mcp.testing.Pipe;
import io.github.aiplaybooks.mcp.testing.TestTools;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Our client and our server in one JVM, talking stdio framing over in-memory pipes. */
class InProcessClientServerTest extends ClientServerContract {
  private final List<McpServer> servers = new ArrayList<>();

  @Override
  protected McpClient.Builder newClientBuilder() {
    McpServer server = TestTools.server();
    servers.add(server);
    Pipe toServer = new Pipe();
    Pipe toClient = new Pipe();
    Thread serving =
        new Thread(() -> server.serveStdio(toServer.in(), toClient.out()), "test-server-stdio");
    serving.setDaemon(true);
    serving.start();
    return McpClient.builder().name("in-process").streams(toClient.in(), toServer.out());
  }

  @AfterEach
  void closeServers() {
    servers.forEach(McpServer::close);
  }
}
