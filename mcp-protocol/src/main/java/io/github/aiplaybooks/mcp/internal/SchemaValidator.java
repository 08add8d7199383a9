package io.github.aiplaybooks.mcp.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool's JSON Schema compiled once with networknt (dialect 2020-12 unless the schema names
 * another; remote references are never fetched). The server checks arguments against {@code
 * inputSchema} and its own results against {@code outputSchema}; the client checks results against
 * {@code outputSchema}.
 */
public final class SchemaValidator {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b -> b.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  private static final int MAX_REPORTED = 10;

  /**
   * One way the value broke the schema.
   *
   * @param pointer the JSON pointer of the offending argument, such as {@code /namespace}
   * @param keyword the schema keyword that failed, such as {@code type}
   * @param message what is wrong
   */
  public record Violation(String pointer, String keyword, String message) {
    @Override
    public String toString() {
      return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
  }

  private final Schema schema;

  private SchemaValidator(Schema schema) {
    this.schema = schema;
  }

  /**
   * Compiles the schema {@code member} (such as {@code outputSchema}) of tool {@code toolName}.
   *
   * @throws IllegalArgumentException naming the tool and member if the schema is not an object
   *     schema or cannot be compiled
   */
  public static SchemaValidator compile(String toolName, String member, ObjectNode schemaNode) {
    JsonNode type = schemaNode.get("type");
    if (type == null || !type.isString() || !"object".equals(type.stringValue())) {
      throw new IllegalArgumentException(
          "Tool " + toolName + ": " + member + " must have \"type\": \"object\"");
    }
    try {
      return new SchemaValidator(REGISTRY.getSchema(schemaNode));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Tool " + toolName + ": " + member + " is not a usable JSON Schema: " + e.getMessage(),
          e);
    }
  }

  /** The violations, at most ten; empty when the value is valid. */
  public List<Violation> validate(JsonNode value) {
    List<Error> errors;
    try {
      errors = schema.validate(value);
    } catch (RuntimeException e) {
      return List.of(new Violation("", "schema", "could not be checked: " + e.getMessage()));
    }
    List<Violation> out = new ArrayList<>();
    for (Error e : errors) {
      if (out.size() == MAX_REPORTED) {
        break;
      }
      String pointer = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
      if (e.getProperty() != null) {
        pointer = pointer + "/" + e.getProperty().replace("~", "~0").replace("/", "~1");
      }
      out.add(new Violation(pointer, e.getKeyword(), e.getMessage()));
    }
    return out;
  }
}
