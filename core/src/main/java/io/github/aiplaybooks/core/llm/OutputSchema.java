package io.github.aiplaybooks.core.llm;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.github.aiplaybooks.CallerFaultException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (dialect 2020-12 unless it names another) an answer must conform to, compiled
 * once with networknt, together with the name and description of the single tool {@link
 * StructuredOutput} offers the model to answer with. Remote {@code $ref}s are never fetched.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * OutputSchema schema = OutputSchema.of("record_forecast", "Record the usage forecast", schemaJson);
 * List<SchemaViolation> problems = schema.validate(answer);
 * }</pre>
 */
public final class OutputSchema {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b -> b.schemaLoader(loader -> loader.fetchRemoteResources(false)));

  /** The most violations one validation reports. */
  public static final int MAX_VIOLATIONS = 20;

  private static final int MAX_MESSAGE_CHARS = 300;

  private final ToolSpec tool;
  private final Schema schema;

  private OutputSchema(ToolSpec tool, Schema schema) {
    this.tool = tool;
    this.schema = schema;
  }

  /**
   * Compiles {@code schema}.
   *
   * @param toolName the name of the tool the model answers with: 1 to 64 of {@code [a-zA-Z0-9_-]}
   * @param description what the tool records, a hint for the model
   * @param schema an object schema ({@code "type": "object"})
   * @throws CallerFaultException {@code OUTPUT_SCHEMA_INVALID}, naming the tool, when the schema is
   *     not an object schema or does not compile
   */
  public static OutputSchema of(String toolName, String description, ObjectNode schema) {
    Objects.requireNonNull(schema, "schema");
    JsonNode type = schema.get("type");
    if (type == null || !type.isString() || !"object".equals(type.stringValue())) {
      throw new CallerFaultException(
          "OUTPUT_SCHEMA_INVALID",
          "Output schema " + toolName + " must have \"type\": \"object\" at its root");
    }
    ToolSpec tool = ToolSpec.of(toolName, description, schema.deepCopy());
    try {
      Schema compiled = REGISTRY.getSchema(tool.inputSchema());
      compiled.initializeValidators();
      return new OutputSchema(tool, compiled);
    } catch (RuntimeException e) {
      throw new CallerFaultException(
          "OUTPUT_SCHEMA_INVALID",
          "Output schema " + toolName + " is not a usable JSON Schema: " + e.getMessage(),
          e);
    }
  }

  /**
   * Loads and compiles a schema from the class path.
   *
   * @param resource an absolute resource name, such as {@code /com/acme/forecast.schema.json}
   * @throws CallerFaultException {@code OUTPUT_SCHEMA_INVALID}, naming the resource
   */
  public static OutputSchema fromResource(String toolName, String description, String resource) {
    try (InputStream in = OutputSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CallerFaultException(
            "OUTPUT_SCHEMA_INVALID", "Output schema resource " + resource + " does not exist");
      }
      JsonNode node =
          LlmJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!(node instanceof ObjectNode object)) {
        throw new CallerFaultException(
            "OUTPUT_SCHEMA_INVALID", "Output schema resource " + resource + " is not an object");
      }
      return of(toolName, description, object);
    } catch (IOException | RuntimeException e) {
      if (e instanceof CallerFaultException c) {
        throw c;
      }
      throw new CallerFaultException(
          "OUTPUT_SCHEMA_INVALID",
          "Output schema resource " + resource + " cannot be read: " + e.getMessage(),
          e);
    }
  }

  /** The name of the tool the model answers with. */
  public String toolName() {
    return tool.name();
  }

  /** The tool {@link StructuredOutput} offers: this schema as its input schema. */
  public ToolSpec toolSpec() {
    return tool;
  }

  /** A copy of the schema. */
  public ObjectNode schema() {
    return tool.inputSchema().deepCopy();
  }

  /**
   * Validates {@code answer}.
   *
   * @return the violations, at most {@value #MAX_VIOLATIONS}; empty when the answer conforms
   */
  public List<SchemaViolation> validate(JsonNode answer) {
    List<Error> errors;
    try {
      errors = schema.validate(answer);
    } catch (RuntimeException e) {
      // Fail closed: an answer the validator cannot check is not valid.
      return List.of(new SchemaViolation("", "schema", "could not be checked: " + e.getMessage()));
    }
    List<SchemaViolation> out = new ArrayList<>();
    for (Error e : errors) {
      if (out.size() == MAX_VIOLATIONS) {
        break;
      }
      String pointer = pointer(e.getInstanceLocation());
      if (e.getProperty() != null
          && ("required".equals(e.getKeyword())
              || "additionalProperties".equals(e.getKeyword())
              || "dependentRequired".equals(e.getKeyword()))) {
        pointer = pointer + "/" + escape(e.getProperty());
      }
      out.add(new SchemaViolation(pointer, e.getKeyword(), message(e.getMessage(), pointer)));
    }
    return List.copyOf(out);
  }

  private static String pointer(NodePath path) {
    if (path == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      out.append('/').append(escape(String.valueOf(element)));
    }
    return out.toString();
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String message(String raw, String pointer) {
    String m = raw == null ? "is invalid" : raw;
    // networknt prefixes its messages with the location; the pointer already says where.
    int colon = m.indexOf(": ");
    if (colon > 0 && (m.startsWith("/") || m.startsWith("$") || m.startsWith(pointer))) {
      m = m.substring(colon + 2);
    }
    return m.length() > MAX_MESSAGE_CHARS ? m.substring(0, MAX_MESSAGE_CHARS) + "..." : m;
  }

  @Override
  public String toString() {
    return "OutputSchema[" + tool.name() + "]";
  }
}
