package io.github.aiplaybooks.mcp.jsonrpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The id of a JSON-RPC request: a string or a number, kept exactly as the peer wrote it.
 *
 * <p>Two ids are equal when they are both strings with the same text, or both numbers with the same
 * value written the same way ({@code 7} and {@code 7} are equal; {@code "7"} and {@code 7} are
 * not). {@code null} is never an id here: MCP forbids it, and a JSON-RPC error answering an
 * unreadable request carries no id at all.
 *
 * <pre>{@code
 * JsonRpcId a = JsonRpcId.of(42);
 * JsonRpcId b = JsonRpcId.of("req-42");
 * }</pre>
 */
public final class JsonRpcId {
  private final String text;
  private final BigDecimal number;

  private JsonRpcId(String text, BigDecimal number) {
    this.text = text;
    this.number = number;
  }

  /** A numeric id. */
  public static JsonRpcId of(long value) {
    return new JsonRpcId(null, BigDecimal.valueOf(value));
  }

  /**
   * A string id.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static JsonRpcId of(String value) {
    return new JsonRpcId(Objects.requireNonNull(value, "id"), null);
  }

  /**
   * Reads an id from a JSON value.
   *
   * @return the id, or {@code null} when the node is neither a string nor a number
   */
  public static JsonRpcId fromJson(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isString()) {
      return new JsonRpcId(node.stringValue(), null);
    }
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue();
      // 1e2 and 100 are the same integral id; keep fractional ids exactly as written.
      return new JsonRpcId(null, value.scale() < 0 ? value.setScale(0) : value);
    }
    return null;
  }

  @JsonCreator
  static JsonRpcId fromJsonValue(JsonNode node) {
    JsonRpcId id = fromJson(node);
    if (id == null) {
      throw new IllegalArgumentException("a JSON-RPC id is a string or a number, not " + node);
    }
    return id;
  }

  /** The id as a JSON value: a string node or a number node, written as it was read. */
  @JsonValue
  public JsonNode toJson() {
    if (text != null) {
      return JsonNodeFactory.instance.stringNode(text);
    }
    if (number.scale() <= 0) {
      BigInteger integral = number.toBigIntegerExact();
      if (integral.bitLength() < 64) {
        return JsonNodeFactory.instance.numberNode(integral.longValue());
      }
      return JsonNodeFactory.instance.numberNode(integral);
    }
    return JsonNodeFactory.instance.numberNode(number);
  }

  /** Whether this id is a string. */
  public boolean isString() {
    return text != null;
  }

  /** Whether this id is a number. */
  public boolean isNumber() {
    return number != null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof JsonRpcId other)) {
      return false;
    }
    return Objects.equals(text, other.text) && Objects.equals(number, other.number);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, number);
  }

  /** The id as written in JSON: {@code 7} or {@code "abc"}. */
  @Override
  public String toString() {
    return text != null ? '"' + text + '"' : number.toString();
  }
}
