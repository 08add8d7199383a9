package io.github.aiplaybooks.mcp.peers;

import io.github.aiplaybooks.mcp.server.McpHttpServer;
import io.github.aiplaybooks.mcp.server.McpServer;
import io.github.aiplaybooks.mcp.testing.TestTools;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;

/** The SDK's client against our Streamable HTTP server on 127.0.0.1. */
class JavaSdkClientHttpTest extends JavaSdkClientContract {
  private McpServer server;
  private McpHttpServer http;

  @Override
  protected McpClientTransport transport() {
    server = TestTools.server();
    http = server.startHttp(0);
    String base = "http://127.0.0.1:" + http.address().getPort();
    return HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build();
  }

  @Override
  protected void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
