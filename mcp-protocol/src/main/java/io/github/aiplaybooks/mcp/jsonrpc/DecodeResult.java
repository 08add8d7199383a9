package io.github.aiplaybooks.mcp.jsonrpc;

import java.util.Objects;

/**
 * What {@link JsonRpcCodec#decode(byte[])} made of one frame: a message, or a failure that says
 * which JSON-RPC error to answer with.
 *
 * <pre>{@code
 * DecodeResult r = codec.decode(frame);
 * if (r instanceof DecodeResult.Decoded d) {
 *   handle(d.message());
 * } else if (r instanceof DecodeResult.Failure f && !f.looksLikeResponse()) {
 *   send(f.toErrorResponse());
 * }
 * }</pre>
 */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Failure {

  /**
   * The frame was a valid JSON-RPC message.
   *
   * @param message the message
   */
  record Decoded(JsonRpcMessage message) implements DecodeResult {
    /** Checks the required message. */
    public Decoded {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The frame could not be read as a JSON-RPC message.
   *
   * @param id the id of the request, when it could be read; otherwise {@code null}
   * @param error the error to answer with: {@link JsonRpcError#PARSE_ERROR} for malformed JSON or
   *     an oversized frame, {@link JsonRpcError#INVALID_REQUEST} for valid JSON that is not a
   *     JSON-RPC message
   * @param looksLikeResponse whether the frame carried {@code result} or {@code error} rather than
   *     {@code method}: a peer answers a broken request, never a broken response
   */
  record Failure(JsonRpcId id, JsonRpcError error, boolean looksLikeResponse)
      implements DecodeResult {
    /** Checks the required error. */
    public Failure {
      Objects.requireNonNull(error, "error");
    }

    /** The error response that answers this frame. */
    public JsonRpcErrorResponse toErrorResponse() {
      return new JsonRpcErrorResponse(id, error);
    }
  }
}
