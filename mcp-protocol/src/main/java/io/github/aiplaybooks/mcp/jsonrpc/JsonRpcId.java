package io.github.aiplaybooks.mcp.jsonrpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
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

  /** A number id that is not an integer fitting in a {@code long}; else {@code null}. */
  private final BigDecimal number;

  /** A number id that is an integer fitting in a {@code long} (the usual case). */
  private final long integer;

  private final boolean isInteger;

  private JsonRpcId(String text, BigDecimal number, long integer, boolean isInteger) {
    this.text = text;
    this.number = number;
    this.integer = integer;
    this.isInteger = isInteger;
  }

  /** A numeric id. */
  public static JsonRpcId of(long value) {
    return new JsonRpcId(null, null, value, true);
  }

  /**
   * A string id.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static JsonRpcId of(String value) {
    return new JsonRpcId(Objects.requireNonNull(value, "id"), null, 0, false);
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
      return new JsonRpcId(node.stringValue(), null, 0, false);
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return new JsonRpcId(null, null, node.longValue(), true);
    }
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue();
      // 1e2 and 100 are the same integral id; keep fractional ids exactly as written.
      if (value.scale() < 0) {
        value = value.setScale(0);
      }
      if (value.scale() == 0 && value.unscaledValue().bitLength() < 64) {
        return new JsonRpcId(null, null, value.longValueExact(), true);
      }
      return new JsonRpcId(null, value, 0, false);
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
    if (isInteger) {
      return JsonNodeFactory.instance.numberNode(integer);
    }
    if (number.scale() <= 0) {
      return JsonNodeFactory.instance.numberNode(number.toBigIntegerExact());
    }
    return JsonNodeFactory.instance.numberNode(number);
  }

  /** Writes the id, as {@link #toJson()} would, without making a node. */
  void writeTo(JsonGenerator g) {
    if (text != null) {
      g.writeString(text);
    } else if (isInteger) {
      g.writeNumber(integer);
    } else if (number.scale() <= 0) {
      g.writeNumber(number.toBigIntegerExact());
    } else {
      g.writeNumber(number);
    }
  }

  /**
   * Writes the id as {@link #writeTo(JsonGenerator)} would; {@code false} (nothing written) for a
   * number that is not a {@code long}, which only Jackson writes.
   */
  boolean writeTo(JsonFrameWriter w) {
    if (text != null) {
      return w.string(text);
    }
    if (isInteger) {
      w.number(integer);
      return true;
    }
    return false;
  }

  /** Whether this id is a string. */
  public boolean isString() {
    return text != null;
  }

  /** Whether this id is a number. */
  public boolean isNumber() {
    return text == null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof JsonRpcId other)) {
      return false;
    }
    return isInteger == other.isInteger
        && integer == other.integer
        && Objects.equals(text, other.text)
        && Objects.equals(number, other.number);
  }

  @Override
  public int hashCode() {
    if (isInteger) {
      return Long.hashCode(integer);
    }
    return text != null ? text.hashCode() : number.hashCode();
  }

  /** The id as written in JSON: {@code 7} or {@code "abc"}. */
  @Override
  public String toString() {
    if (text != null) {
      return '"' + text + '"';
    }
    return isInteger ? Long.toString(integer) : number.toString();
  }
}
