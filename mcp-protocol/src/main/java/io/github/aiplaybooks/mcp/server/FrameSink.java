package io.github.aiplaybooks.mcp.server;

import java.io.IOException;

/**
 * Where an {@link McpServerConnection} writes the frames it sends: one UTF-8 JSON-RPC message per
 * call, without a newline. Calls are serialized by the connection.
 */
@FunctionalInterface
public interface FrameSink {

  /**
   * Sends one frame.
   *
   * @throws IOException if the peer is gone; the connection then closes
   */
  void send(byte[] frame) throws IOException;
}
