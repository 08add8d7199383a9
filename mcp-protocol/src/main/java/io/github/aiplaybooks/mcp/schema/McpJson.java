package io.github.aiplaybooks.mcp.schema;

import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between MCP records and JSON trees, turning every Jackson failure into a {@link
 * McpSchemaException} that names the type and member.
 *
 * <pre>{@code
 * CallToolRequestParams p = McpJson.read(request.params(), CallToolRequestParams.class);
 * ObjectNode json = McpJson.write(CallToolResult.text("ok"));
 * }</pre>
 */
public final class McpJson {
  private static final JsonMapper MAPPER = JsonRpcCodec.ofDefaults().mapper();

  private McpJson() {}

  /** The mapper used for MCP records (the default codec's mapper). */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads {@code node} as {@code type}.
   *
   * @throws McpSchemaException if the JSON does not fit the type
   */
  public static <T> T read(JsonNode node, Class<T> type) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new McpSchemaException(
          "Cannot read " + type.getSimpleName() + ": the JSON value is missing", null);
    }
    try {
      T fast = HotRecords.read(node, type);
      return fast != null ? fast : MAPPER.treeToValue(node, type);
    } catch (JacksonException e) {
      throw new McpSchemaException("Cannot read " + type.getSimpleName() + describe(e), e);
    } catch (RuntimeException e) {
      throw new McpSchemaException(
          "Cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code value} (an MCP record) as a JSON object.
   *
   * @throws McpSchemaException if the value does not serialize to an object
   */
  public static ObjectNode write(Object value) {
    ObjectNode fast = HotRecords.write(value);
    if (fast != null) {
      return fast;
    }
    JsonNode node;
    try {
      node = MAPPER.valueToTree(value);
    } catch (JacksonException e) {
      throw new McpSchemaException(
          "Cannot write " + value.getClass().getSimpleName() + describe(e), e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new McpSchemaException(
          "Cannot write " + value.getClass().getSimpleName() + " as a JSON object", null);
    }
    return object;
  }

  private static String describe(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail;
    if (root instanceof NullPointerException && root.getMessage() != null) {
      detail = "required member " + root.getMessage() + " is missing";
    } else if (root != e && root.getMessage() != null) {
      detail = root.getMessage();
    } else {
      detail = e.getOriginalMessage();
    }
    if (detail != null && detail.length() > 300) {
      detail = detail.substring(0, 300) + "...";
    }
    return (path.length() > 0 ? " at '" + path + "'" : "") + ": " + detail;
  }
}
