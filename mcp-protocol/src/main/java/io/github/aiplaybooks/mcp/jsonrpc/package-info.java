/**
 * JSON-RPC 2.0 messages as immutable records, and {@link
 * io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec}, which reads frames without ever throwing (a bad
 * frame becomes a {@link io.github.aiplaybooks.mcp.jsonrpc.DecodeResult.Failure} carrying the error
 * to answer with) and refuses frames over a configured size.
 */
package io.github.aiplaybooks.mcp.jsonrpc;
