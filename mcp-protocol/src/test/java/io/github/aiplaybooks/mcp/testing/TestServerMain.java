package io.github.aiplaybooks.mcp.testing;

import io.github.aiplaybooks.mcp.server.McpServer;

/**
 * Serves {@link TestTools} over stdio, for tests that start a real server process. Logs go to
 * stderr (slf4j-simple), never to stdout, which carries only MCP messages.
 */
public final class TestServerMain {
  private TestServerMain() {}

  public static void main(String[] args) {
    McpServer server = TestTools.server(true, b -> {});
    server.serveStdio(System.in, System.out);
    server.close();
    System.exit(0);
  }
}
