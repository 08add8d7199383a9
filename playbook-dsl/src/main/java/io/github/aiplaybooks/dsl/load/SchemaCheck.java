package io.github.aiplaybooks.dsl.load;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Validates a document against the {@link PlaybookSchema} and turns each schema error into a
 * problem people can act on: at the key or value it concerns, saying what was expected, with the
 * closest known key for a misspelt one.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /** Adds the schema's errors to {@code problems}, except where a syntax error was reported. */
  static void check(JsonNode root, Problems problems) {
    Problems found = new Problems();
    for (Error e : PlaybookSchema.compiled().validate(root)) {
      String eval = e.getEvaluationPath().toString();
      if (eval.contains("/oneOf/") || eval.contains("/anyOf/") || eval.contains("/not/")) {
        // Alternatives that failed are reported once, by the keyword that combines them.
        continue;
      }
      report(e, pointer(e.getInstanceLocation()), found);
    }
    problems.addUncovered(found);
  }

  private static void report(Error e, String at, Problems problems) {
    JsonNode value = e.getInstanceNode();
    JsonNode schema = e.getSchemaNode();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    switch (keyword) {
      case "additionalProperties":
        {
          String key = e.getProperty();
          JsonNode parent = parentSchema(e);
          List<String> known = new ArrayList<>();
          if (parent != null && parent.has("properties")) {
            known.addAll(parent.get("properties").propertyNames());
          }
          boolean extensions = parent != null && parent.path("patternProperties").has("^x-");
          String action =
              value != null && value.path("action").isString()
                  ? " for action '" + value.get("action").asString() + "'"
                  : "";
          problems.add(
              Pointers.child(at, key),
              Problems.Target.KEY,
              "unknown key '"
                  + key
                  + "'"
                  + action
                  + Spelling.didYouMean(key, known)
                  + "; expected one of: "
                  + String.join(", ", known)
                  + (extensions ? ", or x-… for your own data" : ""));
          return;
        }
      case "required":
        {
          String key = e.getProperty();
          JsonNode parent = parentSchema(e);
          String what = parent == null ? "" : description(parent.path("properties").path(key));
          problems.add(
              Pointers.child(at, key),
              Problems.Target.PARENT,
              "missing required key '" + key + "'" + (what.isEmpty() ? "" : " (" + what + ")"));
          return;
        }
      case "propertyNames":
        {
          String key = e.getProperty();
          String what = description(schema);
          problems.add(
              Pointers.child(at, key),
              Problems.Target.KEY,
              "key '" + key + "' is not " + (what.isEmpty() ? "valid here" : what));
          return;
        }
      case "type":
        {
          Object[] args = e.getArguments();
          String found = args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
          String expected = args != null && args.length > 1 ? String.valueOf(args[1]) : "?";
          problems.value(at, "expected " + article(expected) + ", found " + article(found));
          return;
        }
      case "enum":
        {
          List<String> options = new ArrayList<>();
          schema.forEach(o -> options.add(o.isString() ? o.asString() : o.toString()));
          String found = text(value);
          problems.value(
              at,
              "expected one of: "
                  + String.join(", ", options)
                  + "; found "
                  + found
                  + (value != null && value.isString()
                      ? Spelling.didYouMean(value.asString(), options)
                      : ""));
          return;
        }
      case "const":
        problems.value(at, "expected " + text(schema) + ", found " + text(value));
        return;
      case "pattern":
        {
          String what = description(parentSchema(e));
          problems.value(at, text(value) + " is not " + (what.isEmpty() ? "valid here" : what));
          return;
        }
      case "minItems":
        problems.value(at, "expected at least " + schema.asInt() + " item(s); found none");
        return;
      case "minProperties":
        problems.value(at, "expected at least " + schema.asInt() + " entry; found none");
        return;
      case "minLength":
        problems.value(at, "must not be empty");
        return;
      case "minimum":
        problems.value(at, "expected a number of at least " + schema + "; found " + text(value));
        return;
      case "exclusiveMinimum":
        problems.value(at, "expected a number above " + schema + "; found " + text(value));
        return;
      case "maximum":
        problems.value(at, "expected a number of at most " + schema + "; found " + text(value));
        return;
      case "exclusiveMaximum":
        problems.value(at, "expected a number below " + schema + "; found " + text(value));
        return;
      default:
        problems.value(at, e.getMessage());
    }
  }

  /** The schema object that holds the keyword that failed. */
  private static JsonNode parentSchema(Error e) {
    String location = e.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    if (hash < 0) {
      return null;
    }
    String fragment = location.substring(hash + 1);
    int slash = fragment.lastIndexOf('/');
    if (slash < 0) {
      return null;
    }
    JsonNode parent = PlaybookSchema.sharedTree().at(fragment.substring(0, slash));
    return parent.isMissingNode() ? null : parent;
  }

  /** The schema's description as a phrase: "how often to check, such as 30s". */
  private static String description(JsonNode schema) {
    if (schema == null || !schema.path("description").isString()) {
      return "";
    }
    String d = schema.get("description").asString().strip();
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    return d.isEmpty() ? d : Character.toLowerCase(d.charAt(0)) + d.substring(1);
  }

  private static String pointer(NodePath path) {
    String pointer = "";
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer =
          element instanceof Integer
              ? Pointers.child(pointer, (Integer) element)
              : Pointers.child(pointer, String.valueOf(element));
    }
    return pointer;
  }

  private static String article(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return (t.startsWith("a") || t.startsWith("i") || t.startsWith("o") ? "an " : "a ") + t;
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String s = node.isString() ? "'" + node.asString() + "'" : node.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
