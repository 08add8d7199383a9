package io.github.aiplaybooks.dsl.load;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema (draft 2020-12) of the playbook format, as shipped in this jar at {@value
 * #RESOURCE} and published in the repository as {@code docs/playbook.schema.json}. Editors can use
 * it for completion; the loader validates every file against it before reading typed values.
 *
 * <p>The schema checks structure: keys, types, required keys and, per action, which parameters a
 * step takes. What JSON Schema cannot say is checked by the loader and the model: that conditions,
 * durations, time windows, tool references and templates parse, that facts and variables are
 * declared, and that steps are numbered without gaps.
 *
 * <pre>{@code
 * String schema = PlaybookSchema.text();
 * }</pre>
 */
public final class PlaybookSchema {

  /** Where the schema is on the class path. */
  public static final String RESOURCE = "io/github/aiplaybooks/dsl/playbook.schema.json";

  private static final String TEXT = readResource();
  private static final JsonNode TREE = LocatedTree.JSON.readTree(TEXT);
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(TREE);

  private PlaybookSchema() {}

  /** The schema's text, exactly as shipped. */
  public static String text() {
    return TEXT;
  }

  /** The schema as a tree (a copy). */
  public static JsonNode tree() {
    return TREE.deepCopy();
  }

  static Schema compiled() {
    return SCHEMA;
  }

  static JsonNode sharedTree() {
    return TREE;
  }

  private static String readResource() {
    try (InputStream in = PlaybookSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
