package io.github.aiplaybooks.mcp.testing;

import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.server.McpServer;

/** Connects our client to our server in the same JVM over in-memory pipes. */
public final class InProcess {
  private InProcess() {}

  /**
   * A connected client named {@code name} of {@code server}; closing the client ends the session.
   */
  public static McpClient connect(McpServer server, String name) {
    Pipe toServer = new Pipe();
    Pipe toClient = new Pipe();
    Thread serving =
        new Thread(() -> server.serveStdio(toServer.in(), toClient.out()), "serve-" + name);
    serving.setDaemon(true);
    serving.start();
    return McpClient.builder().name(name).streams(toClient.in(), toServer.out()).connect();
  }
}
