package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.server.McpHttpServer;
import io.github.aiplaybooks.mcp.server.McpServer;
import io.github.aiplaybooks.mcp.testing.TestTools;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Our client and our server over Streamable HTTP on loopback (answers in JSON or SSE). */
class HttpClientServerTest extends ClientServerContract {
  private final List<McpServer> servers = new ArrayList<>();

  @Override
  protected McpClient.Builder newClientBuilder() {
    McpServer server = TestTools.server();
    servers.add(server);
    McpHttpServer http = server.startHttp(0);
    return McpClient.builder().name("http-test").streamableHttp(http.endpoint());
  }

  @AfterEach
  void closeServers() {
    servers.forEach(McpServer::close);
  }
}
