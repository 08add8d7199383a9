package io.github.aiplaybooks.dsl.load;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A JSON or YAML document read into a tree, with the line and column of every key and value by JSON
 * pointer. Duplicate keys are errors (Jackson would keep the last one silently).
 */
final class LocatedTree {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<String, Location> keys = new HashMap<>();
  private final Map<String, Location> values = new HashMap<>();
  private JsonNode root;

  private LocatedTree() {}

  /**
   * Reads {@code text}; syntax errors and duplicate keys go to {@code problems}. The tree's root is
   * {@code null} when the text could not be read.
   */
  static LocatedTree read(String text, PlaybookFormat format, Problems problems) {
    LocatedTree tree = new LocatedTree();
    ObjectMapper mapper = format == PlaybookFormat.YAML ? YAML : JSON;
    Reader reader = new Reader(tree, problems);
    try (JsonParser p = mapper.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.at("", Location.START, "the file is empty: expected a playbook object");
        return tree;
      }
      JsonNode root = reader.value(p, "");
      // Whatever follows the document is the document's fault, not its last value's.
      reader.pointer = "";
      TokenStreamLocation end = p.currentLocation();
      if (hasMore(p)) {
        problems.at(
            "",
            location(end),
            "unexpected content after the end of the playbook: a file holds one "
                + (format == PlaybookFormat.YAML ? "YAML document" : "JSON value")
                + ", and the playbook ends here");
        return tree;
      }
      tree.root = root;
    } catch (JacksonException e) {
      // Also covers StreamConstraintsException: too deep, too long, too many.
      TokenStreamLocation at = e.getLocation();
      problems.at(
          reader.pointer,
          at == null ? Location.START : location(at),
          "not valid " + format + ": " + e.getOriginalMessage());
    }
    return tree;
  }

  /** Whether anything but blanks follows the current token, even what is not valid. */
  private static boolean hasMore(JsonParser p) {
    try {
      return p.nextToken() != null;
    } catch (JacksonException e) {
      return true;
    }
  }

  /** The tree, or {@code null} if the text could not be read. */
  JsonNode root() {
    return root;
  }

  Location keyLocation(String pointer) {
    return keys.get(pointer);
  }

  Location valueLocation(String pointer) {
    return values.get(pointer);
  }

  private static Location location(TokenStreamLocation l) {
    return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  /** Builds the tree from tokens, recording where each key and value starts. */
  private static final class Reader {
    private final LocatedTree tree;
    private final Problems problems;
    private String pointer = "";

    Reader(LocatedTree tree, Problems problems) {
      this.tree = tree;
      this.problems = problems;
    }

    JsonNode value(JsonParser p, String at) {
      pointer = at;
      Location here = location(p.currentTokenLocation());
      tree.values.put(at, here);
      JsonToken t = p.currentToken();
      if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
        problems.at(
            at,
            here,
            "YAML aliases (*" + p.getString() + ") are not supported: write the value out in full");
        return NODES.nullNode();
      }
      switch (t) {
        case START_OBJECT:
          return object(p, at);
        case START_ARRAY:
          ArrayNode array = NODES.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(p, Pointers.child(at, i++)));
          }
          return array;
        case VALUE_STRING:
          return NODES.stringNode(p.getString());
        case VALUE_NUMBER_INT:
          switch (p.getNumberType()) {
            case INT:
              return NODES.numberNode(p.getIntValue());
            case LONG:
              return NODES.numberNode(p.getLongValue());
            default:
              return NODES.numberNode(p.getBigIntegerValue());
          }
        case VALUE_NUMBER_FLOAT:
          return NODES.numberNode(p.getDoubleValue());
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          problems.at(at, here, "unsupported value (" + t + "): expected JSON data");
          return NODES.nullNode();
      }
    }

    private ObjectNode object(JsonParser p, String at) {
      ObjectNode object = NODES.objectNode();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        String child = Pointers.child(at, name);
        Location keyAt = location(p.currentTokenLocation());
        p.nextToken();
        if (object.has(name)) {
          problems.at(child, keyAt, "duplicate key '" + name + "': each key may appear once");
          p.skipChildren();
          continue;
        }
        tree.keys.put(child, keyAt);
        object.set(name, value(p, child));
      }
      return object;
    }
  }
}
