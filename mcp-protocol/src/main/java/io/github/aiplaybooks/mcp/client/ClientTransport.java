package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.McpTransportException;
import io.github.aiplaybooks.mcp.jsonrpc.DecodeResult;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcId;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcMessage;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcRequest;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;

/** Moves JSON-RPC messages between an {@link McpClient} and one server. */
interface ClientTransport {

  /** What the transport reports to the client; called from transport threads. */
  interface Listener {
    void onMessage(JsonRpcMessage message);

    void onDecodeFailure(DecodeResult.Failure failure);

    /** The request {@code id} cannot get a response over this transport. */
    void onRequestFailed(JsonRpcId id, McpTransportException cause);

    /** The server no longer knows the session the request {@code id} was sent in. */
    void onSessionExpired(JsonRpcId id);

    /** Whether the client still waits for the response to {@code id}. */
    boolean isAwaiting(JsonRpcId id);

    /** The transport is gone for good. */
    void onClosed(McpTransportException cause);
  }

  /** Connects; messages flow to {@code listener} from now on. */
  void start(Listener listener);

  /**
   * Sends a message. Failures that concern one request are reported with {@link
   * Listener#onRequestFailed}.
   *
   * @throws McpTransportException if the transport cannot send at all
   */
  void send(JsonRpcMessage message);

  /**
   * Sends a request for a caller that blocks until its answer: a transport may do the exchange on
   * the calling thread, delivering the answer before it returns. The client interrupts the thread
   * when the request times out or the client closes; an implementation must then return promptly,
   * keeping the interrupt status set.
   *
   * @throws McpTransportException as {@link #send}
   */
  default void sendAndAwait(JsonRpcRequest request) {
    send(request);
  }

  /** The protocol revision was negotiated. */
  default void negotiated(ProtocolVersion version) {}

  /** The handshake is complete. */
  default void initialized() {}

  /** Whether a fresh {@code initialize} is needed (the server dropped the session). */
  default boolean needsSession() {
    return false;
  }

  /** Closes the transport; no listener call follows except {@link Listener#onClosed}. */
  void close();

  /** A name for the server, such as the command or host, used in errors. */
  String describe();
}
