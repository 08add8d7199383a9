package io.github.aiplaybooks.mcp.jsonrpc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The {@code error} member of a JSON-RPC error response.
 *
 * <pre>{@code
 * JsonRpcError e = JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND, "Method not found: kubectl/exec");
 * }</pre>
 *
 * @param code the error code; the standard ones are the constants of this type
 * @param message a short description of the error
 * @param data optional detail defined by the sender, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JsonRpcError(
    @JsonProperty("code") int code,
    @JsonProperty("message") String message,
    @JsonProperty("data") JsonNode data) {

  /** Invalid JSON was received. */
  public static final int PARSE_ERROR = -32700;

  /** The JSON sent is not a valid request object. */
  public static final int INVALID_REQUEST = -32600;

  /** The method does not exist or is not available. */
  public static final int METHOD_NOT_FOUND = -32601;

  /** Invalid method parameters. */
  public static final int INVALID_PARAMS = -32602;

  /** Internal JSON-RPC error. */
  public static final int INTERNAL_ERROR = -32603;

  /** Checks the required message. */
  public JsonRpcError {
    Objects.requireNonNull(message, "JsonRpcError.message");
  }

  /** An error without data. */
  public static JsonRpcError of(int code, String message) {
    return new JsonRpcError(code, message, null);
  }

  /** An error with data. */
  public static JsonRpcError of(int code, String message, JsonNode data) {
    return new JsonRpcError(code, message, data);
  }

  /** The name of a standard code ({@code "parse error"} ...), or {@code "error"} for others. */
  public static String describe(int code) {
    return switch (code) {
      case PARSE_ERROR -> "parse error";
      case INVALID_REQUEST -> "invalid request";
      case METHOD_NOT_FOUND -> "method not found";
      case INVALID_PARAMS -> "invalid params";
      case INTERNAL_ERROR -> "internal error";
      default -> "error";
    };
  }
}
