package io.github.aiplaybooks.mcp.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hand-written conversions of the two records every tool call carries, {@link
 * CallToolRequestParams} and {@link CallToolResult} (with text content), between records and JSON
 * trees. Data binding does the same work several times slower; these run first and give up ({@code
 * null}) on anything but the plain shape, which then goes to data binding, so the result and every
 * error stay exactly what data binding gives.
 */
final class HotRecords {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private HotRecords() {}

  /** Reads {@code node} as {@code type}, or {@code null} to let data binding do it. */
  @SuppressWarnings("unchecked")
  static <T> T read(JsonNode node, Class<T> type) {
    if (!(node instanceof ObjectNode object)) {
      return null;
    }
    if (type == CallToolRequestParams.class) {
      return (T) readParams(object);
    }
    if (type == CallToolResult.class) {
      return (T) readResult(object);
    }
    return null;
  }

  /** Writes {@code value} as a JSON object, or {@code null} to let data binding do it. */
  static ObjectNode write(Object value) {
    if (value instanceof CallToolRequestParams params) {
      return writeParams(params);
    }
    if (value instanceof CallToolResult result) {
      return writeResult(result);
    }
    return null;
  }

  /** A sentinel: the member has a value this class does not convert. */
  private static final ObjectNode UNUSUAL = NODES.objectNode();

  /**
   * An object member: absent is {@code null}; a JSON object is copied; anything else is unusual.
   */
  private static ObjectNode object(ObjectNode parent, String name) {
    JsonNode value = parent.get(name);
    if (value == null) {
      return null;
    }
    return value instanceof ObjectNode o ? o.deepCopy() : UNUSUAL;
  }

  private static CallToolRequestParams readParams(ObjectNode node) {
    JsonNode name = node.get("name");
    if (name == null || !name.isString()) {
      return null;
    }
    ObjectNode arguments = object(node, "arguments");
    ObjectNode task = object(node, "task");
    ObjectNode meta = object(node, "_meta");
    if (arguments == UNUSUAL || task == UNUSUAL || meta == UNUSUAL) {
      return null;
    }
    return new CallToolRequestParams(name.stringValue(), arguments, task, meta);
  }

  private static CallToolResult readResult(ObjectNode node) {
    if (!(node.get("content") instanceof ArrayNode array)) {
      return null;
    }
    List<ContentBlock> content = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      TextContent text = readText(element);
      if (text == null) {
        return null;
      }
      content.add(text);
    }
    ObjectNode structured = object(node, "structuredContent");
    ObjectNode meta = object(node, "_meta");
    JsonNode isError = node.get("isError");
    if (structured == UNUSUAL || meta == UNUSUAL || (isError != null && !isError.isBoolean())) {
      return null;
    }
    return new CallToolResult(
        content, structured, isError == null ? null : isError.booleanValue(), meta);
  }

  /** A text block of type, text and {@code _meta} only; {@code null} for anything else. */
  private static TextContent readText(JsonNode element) {
    if (!(element instanceof ObjectNode block)) {
      return null;
    }
    JsonNode type = block.get("type");
    JsonNode text = block.get("text");
    if (type == null
        || !"text".equals(type.asString(null))
        || text == null
        || !text.isString()
        || block.has("annotations")) {
      return null;
    }
    ObjectNode meta = object(block, "_meta");
    if (meta == UNUSUAL) {
      return null;
    }
    return new TextContent(text.stringValue(), null, meta);
  }

  private static ObjectNode writeParams(CallToolRequestParams params) {
    ObjectNode out = NODES.objectNode();
    out.put("name", params.name());
    putCopy(out, "arguments", params.arguments());
    putCopy(out, "task", params.task());
    putCopy(out, "_meta", params.meta());
    return out;
  }

  private static ObjectNode writeResult(CallToolResult result) {
    ArrayNode content = NODES.arrayNode(result.content().size());
    for (ContentBlock block : result.content()) {
      if (!(block instanceof TextContent text) || text.annotations() != null) {
        return null;
      }
      ObjectNode element = content.addObject();
      element.put("type", "text");
      element.put("text", text.text());
      putCopy(element, "_meta", text.meta());
    }
    ObjectNode out = NODES.objectNode();
    out.set("content", content);
    putCopy(out, "structuredContent", result.structuredContent());
    if (result.isError() != null) {
      out.put("isError", result.isError().booleanValue());
    }
    putCopy(out, "_meta", result.meta());
    return out;
  }

  private static void putCopy(ObjectNode out, String name, ObjectNode value) {
    if (value != null) {
      out.set(name, value.deepCopy());
    }
  }

  /** For tests: the member names each hand-written conversion reads and writes. */
  static Map<Class<?>, List<String>> members() {
    return Map.of(
        CallToolRequestParams.class,
        List.of("name", "arguments", "task", "_meta"),
        CallToolResult.class,
        List.of("content", "structuredContent", "isError", "_meta"),
        TextContent.class,
        List.of("type", "text", "annotations", "_meta"));
  }
}
