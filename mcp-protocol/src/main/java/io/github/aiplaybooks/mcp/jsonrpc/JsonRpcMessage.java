package io.github.aiplaybooks.mcp.jsonrpc;

/**
 * One JSON-RPC 2.0 message: a {@link JsonRpcRequest}, a {@link JsonRpcNotification} or a {@link
 * JsonRpcResponse}.
 *
 * <p>Messages are plain immutable values; {@link JsonRpcCodec} turns them into frames and back.
 */
public sealed interface JsonRpcMessage
    permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse {

  /** The JSON-RPC version every message carries. */
  String VERSION = "2.0";
}
