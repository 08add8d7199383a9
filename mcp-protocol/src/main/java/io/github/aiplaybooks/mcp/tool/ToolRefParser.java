package io.github.aiplaybooks.mcp.tool;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads the three forms of {@link ToolRef}. */
final class ToolRefParser {
  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");
  private static final Pattern QUERY_KEY = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Set<String> MCP_METHOD_PREFIXES =
      Set.of(
          "tools",
          "resources",
          "prompts",
          "notifications",
          "logging",
          "completion",
          "roots",
          "sampling",
          "elicitation",
          "tasks");

  private enum Type {
    STRING,
    INTEGER,
    BOOLEAN
  }

  private record Flag(String key, Type type) {}

  private record Verb(List<String> positionals, Map<String, Flag> flags) {}

  private static final Map<String, Flag> COMMON =
      Map.of(
          "-n",
          new Flag("namespace", Type.STRING),
          "--namespace",
          new Flag("namespace", Type.STRING));

  private static final Map<String, Verb> VERBS = verbs();

  private static Map<String, Verb> verbs() {
    Map<String, Flag> list = new LinkedHashMap<>();
    list.put("-A", new Flag("all_namespaces", Type.BOOLEAN));
    list.put("--all-namespaces", new Flag("all_namespaces", Type.BOOLEAN));
    list.put("-l", new Flag("selector", Type.STRING));
    list.put("--selector", new Flag("selector", Type.STRING));
    list.put("--field-selector", new Flag("field_selector", Type.STRING));
    list.put("-o", new Flag("output", Type.STRING));
    list.put("--output", new Flag("output", Type.STRING));
    list.put("--sort-by", new Flag("sort_by", Type.STRING));

    Map<String, Flag> logs = new LinkedHashMap<>();
    logs.put("-c", new Flag("container", Type.STRING));
    logs.put("--container", new Flag("container", Type.STRING));
    logs.put("--tail", new Flag("tail", Type.INTEGER));
    logs.put("--since", new Flag("since", Type.STRING));
    logs.put("-p", new Flag("previous", Type.BOOLEAN));
    logs.put("--previous", new Flag("previous", Type.BOOLEAN));
    logs.put("--timestamps", new Flag("timestamps", Type.BOOLEAN));
    logs.put("-l", new Flag("selector", Type.STRING));
    logs.put("--selector", new Flag("selector", Type.STRING));

    Map<String, Flag> patch = new LinkedHashMap<>();
    patch.put("-p", new Flag("patch", Type.STRING));
    patch.put("--patch", new Flag("patch", Type.STRING));
    patch.put("--type", new Flag("patch_type", Type.STRING));

    Map<String, Flag> drain = new LinkedHashMap<>();
    drain.put("--ignore-daemonsets", new Flag("ignore_daemonsets", Type.BOOLEAN));
    drain.put("--delete-emptydir-data", new Flag("delete_emptydir_data", Type.BOOLEAN));
    drain.put("--grace-period", new Flag("grace_period", Type.INTEGER));

    List<String> resourceName = List.of("resource", "name");
    Map<String, Verb> verbs = new LinkedHashMap<>();
    verbs.put("get", new Verb(resourceName, list));
    verbs.put(
        "describe",
        new Verb(resourceName, pick(list, "-A", "--all-namespaces", "-l", "--selector")));
    verbs.put("logs", new Verb(List.of("pod", "container"), logs));
    verbs.put("patch", new Verb(resourceName, patch));
    verbs.put(
        "delete",
        new Verb(
            resourceName,
            merge(
                pick(list, "-l", "--selector"),
                Map.of("--grace-period", new Flag("grace_period", Type.INTEGER)))));
    verbs.put(
        "scale", new Verb(resourceName, Map.of("--replicas", new Flag("replicas", Type.INTEGER))));
    verbs.put(
        "rollout",
        new Verb(
            List.of("action", "resource", "name"),
            Map.of("--to-revision", new Flag("to_revision", Type.INTEGER))));
    verbs.put(
        "top", new Verb(resourceName, pick(list, "-A", "--all-namespaces", "-l", "--selector")));
    verbs.put("cordon", new Verb(List.of("node"), Map.of()));
    verbs.put("uncordon", new Verb(List.of("node"), Map.of()));
    verbs.put("drain", new Verb(List.of("node"), drain));
    return Map.copyOf(verbs);
  }

  private static Map<String, Flag> pick(Map<String, Flag> from, String... names) {
    Map<String, Flag> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, from.get(n));
    }
    return out;
  }

  private static Map<String, Flag> merge(Map<String, Flag> a, Map<String, Flag> b) {
    Map<String, Flag> out = new LinkedHashMap<>(a);
    out.putAll(b);
    return out;
  }

  private ToolRefParser() {}

  static ToolRef parse(String reference, ObjectNode extra) {
    int scheme = reference.indexOf("://");
    if (scheme >= 0) {
      return parseUri(reference, scheme, extra);
    }
    if (reference.indexOf('/') >= 0) {
      return parseMethod(reference, extra);
    }
    if (!TOOL_NAME.matcher(reference).matches()) {
      throw new ToolRefException(
          reference,
          ToolRef.Form.NAME,
          -1,
          "a tool name is 1 to 128 of the characters A-Z a-z 0-9 _ . -");
    }
    ObjectNode args = copyOf(extra);
    return new ToolRef(ToolRef.Form.NAME, reference, reference, args, variablesIn(args));
  }

  private static ToolRef parseMethod(String reference, ObjectNode params) {
    int slash = reference.indexOf('/');
    String service = reference.substring(0, slash);
    String operation = reference.substring(slash + 1);
    if (!SEGMENT.matcher(service).matches()) {
      throw new ToolRefException(
          reference, ToolRef.Form.METHOD, 0, "expected service/operation, such as kubectl/get");
    }
    if (!SEGMENT.matcher(operation).matches()) {
      throw new ToolRefException(
          reference,
          ToolRef.Form.METHOD,
          slash + 1,
          "expected one operation of letters, digits, '_' or '-' after '/'");
    }
    if (MCP_METHOD_PREFIXES.contains(service)) {
      throw new ToolRefException(
          reference, ToolRef.Form.METHOD, 0, "'" + reference + "' is an MCP method, not a tool");
    }
    ObjectNode args = copyOf(params);
    return new ToolRef(
        ToolRef.Form.METHOD, reference, toolName(service, operation), args, variablesIn(args));
  }

  static String toolName(String service, String operation) {
    return service.replace("-", "").toLowerCase(java.util.Locale.ROOT)
        + "_"
        + operation.replace('-', '_').toLowerCase(java.util.Locale.ROOT);
  }

  private static ToolRef parseUri(String reference, int schemeEnd, ObjectNode extra) {
    String scheme = reference.substring(0, schemeEnd);
    int bodyStart = schemeEnd + 3;
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    String name;
    if (scheme.equals("kubectl")) {
      name = parseKubectl(reference, bodyStart, args);
    } else if (scheme.equals("aws")) {
      name = parseAws(reference, bodyStart, args);
    } else {
      throw new ToolRefException(
          reference, ToolRef.Form.URI, 0, "unknown scheme '" + scheme + "'; known: kubectl, aws");
    }
    if (extra != null) {
      for (Map.Entry<String, JsonNode> e : extra.properties()) {
        if (args.has(e.getKey())) {
          throw new ToolRefException(
              reference,
              ToolRef.Form.URI,
              -1,
              "argument '" + e.getKey() + "' is given both in the URI and as an argument");
        }
        args.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return new ToolRef(ToolRef.Form.URI, reference, name, args, variablesIn(reference, args));
  }

  private static String parseAws(String reference, int start, ObjectNode args) {
    int queryStart = reference.indexOf('?', start);
    String path = reference.substring(start, queryStart < 0 ? reference.length() : queryStart);
    int slash = path.indexOf('/');
    if (slash < 0) {
      throw new ToolRefException(
          reference, ToolRef.Form.URI, start + path.length(), "expected aws://service/operation");
    }
    String service = path.substring(0, slash);
    String operation = path.substring(slash + 1);
    if (!SEGMENT.matcher(service).matches()) {
      throw new ToolRefException(
          reference, ToolRef.Form.URI, start, "expected a service name, such as cloudwatch");
    }
    if (!SEGMENT.matcher(operation).matches()) {
      throw new ToolRefException(
          reference,
          ToolRef.Form.URI,
          start + slash + 1,
          "expected one operation, such as get-metric-data");
    }
    if (queryStart >= 0) {
      int pos = queryStart + 1;
      for (String pair : reference.substring(queryStart + 1).split("&", -1)) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if (!QUERY_KEY.matcher(key).matches()) {
          throw new ToolRefException(
              reference, ToolRef.Form.URI, pos, "expected key=value in the query");
        }
        if (args.has(key)) {
          throw new ToolRefException(
              reference, ToolRef.Form.URI, pos, "query key '" + key + "' is given twice");
        }
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          args.put(key, URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new ToolRefException(
              reference, ToolRef.Form.URI, pos, "bad %-escape in the value of '" + key + "'");
        }
        pos += pair.length() + 1;
      }
    }
    return toolName(service, operation);
  }

  private record Token(String text, int start) {}

  private static String parseKubectl(String reference, int start, ObjectNode args) {
    List<Token> tokens = tokenize(reference, start);
    if (tokens.isEmpty()) {
      throw new ToolRefException(
          reference, ToolRef.Form.URI, start, "expected a kubectl verb, such as get");
    }
    Token verbToken = tokens.get(0);
    Verb verb = VERBS.get(verbToken.text());
    if (verb == null) {
      throw new ToolRefException(
          reference,
          ToolRef.Form.URI,
          verbToken.start(),
          "unknown kubectl verb '"
              + verbToken.text()
              + "'; known: "
              + String.join(", ", new java.util.TreeSet<>(VERBS.keySet())));
    }
    List<Token> positionals = new ArrayList<>();
    ObjectNode flags = JsonNodeFactory.instance.objectNode();
    for (int i = 1; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      String text = t.text();
      if (text.startsWith("-") && text.length() > 1) {
        int eq = text.indexOf('=');
        String flagName = eq < 0 ? text : text.substring(0, eq);
        Flag flag = verb.flags().get(flagName);
        if (flag == null) {
          flag = COMMON.get(flagName);
        }
        if (flag == null) {
          throw new ToolRefException(
              reference,
              ToolRef.Form.URI,
              t.start(),
              "unknown flag "
                  + flagName
                  + " for kubectl "
                  + verbToken.text()
                  + "; known: "
                  + String.join(", ", knownFlags(verb)));
        }
        if (flags.has(flag.key())) {
          throw new ToolRefException(
              reference, ToolRef.Form.URI, t.start(), "flag " + flagName + " is given twice");
        }
        String value;
        int valueStart;
        if (eq >= 0) {
          value = text.substring(eq + 1);
          valueStart = t.start() + eq + 1;
        } else if (flag.type() == Type.BOOLEAN) {
          value = "true";
          valueStart = t.start();
        } else if (i + 1 < tokens.size()) {
          Token next = tokens.get(++i);
          value = next.text();
          valueStart = next.start();
        } else {
          throw new ToolRefException(
              reference,
              ToolRef.Form.URI,
              t.start() + text.length(),
              "flag " + flagName + " needs a value");
        }
        putTyped(reference, flags, flag, flagName, value, valueStart);
      } else {
        positionals.add(t);
      }
    }
    // Positionals first, then flags in the order written: the arguments read like the command.
    assignPositionals(reference, verbToken.text(), verb, positionals, args);
    args.setAll(flags);
    return "kubectl_" + verbToken.text();
  }

  private static List<String> knownFlags(Verb verb) {
    Set<String> names = new java.util.TreeSet<>(COMMON.keySet());
    names.addAll(verb.flags().keySet());
    return List.copyOf(names);
  }

  private static void putTyped(
      String reference, ObjectNode args, Flag flag, String flagName, String value, int pos) {
    switch (flag.type()) {
      case STRING -> {
        if (value.isEmpty()) {
          throw new ToolRefException(
              reference, ToolRef.Form.URI, pos, "flag " + flagName + " needs a value");
        }
        args.put(flag.key(), value);
      }
      case INTEGER -> {
        if (isPlaceholder(value)) {
          args.put(flag.key(), value);
        } else {
          try {
            long number = Long.parseLong(value);
            // Match what a JSON parser makes of the same digits: an int when it fits.
            if (number == (int) number) {
              args.put(flag.key(), (int) number);
            } else {
              args.put(flag.key(), number);
            }
          } catch (NumberFormatException e) {
            throw new ToolRefException(
                reference,
                ToolRef.Form.URI,
                pos,
                "flag " + flagName + " needs an integer, not '" + value + "'");
          }
        }
      }
      case BOOLEAN -> {
        if (value.equals("true") || value.equals("false")) {
          args.put(flag.key(), Boolean.parseBoolean(value));
        } else {
          throw new ToolRefException(
              reference,
              ToolRef.Form.URI,
              pos,
              "flag " + flagName + " is true or false, not '" + value + "'");
        }
      }
    }
  }

  private static void assignPositionals(
      String reference, String verbName, Verb verb, List<Token> positionals, ObjectNode args) {
    List<String> names = verb.positionals();
    List<Token> expanded = new ArrayList<>();
    for (Token t : positionals) {
      // kubectl accepts resource/name as one argument: split it where a resource comes first.
      int slash = t.text().indexOf('/');
      int resourceIndex = names.indexOf("resource");
      if (slash > 0
          && resourceIndex == expanded.size()
          && resourceIndex + 1 < names.size()
          && slash < t.text().length() - 1) {
        expanded.add(new Token(t.text().substring(0, slash), t.start()));
        expanded.add(new Token(t.text().substring(slash + 1), t.start() + slash + 1));
      } else {
        expanded.add(t);
      }
    }
    if (expanded.size() > names.size()) {
      Token extra = expanded.get(names.size());
      throw new ToolRefException(
          reference,
          ToolRef.Form.URI,
          extra.start(),
          "unexpected argument '"
              + extra.text()
              + "': kubectl "
              + verbName
              + " takes "
              + String.join(", ", names));
    }
    for (int i = 0; i < expanded.size(); i++) {
      args.put(names.get(i), expanded.get(i).text());
    }
  }

  private static List<Token> tokenize(String s, int start) {
    List<Token> tokens = new ArrayList<>();
    int i = start;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int tokenStart = i;
      StringBuilder text = new StringBuilder();
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        char ch = s.charAt(i);
        if (ch == '\'') {
          int close = s.indexOf('\'', i + 1);
          if (close < 0) {
            throw new ToolRefException(s, ToolRef.Form.URI, i, "unterminated single quote");
          }
          text.append(s, i + 1, close);
          i = close + 1;
        } else if (ch == '"') {
          int j = i + 1;
          boolean closed = false;
          while (j < n) {
            char d = s.charAt(j);
            if (d == '\\' && j + 1 < n && (s.charAt(j + 1) == '"' || s.charAt(j + 1) == '\\')) {
              text.append(s.charAt(j + 1));
              j += 2;
            } else if (d == '"') {
              closed = true;
              break;
            } else {
              text.append(d);
              j++;
            }
          }
          if (!closed) {
            throw new ToolRefException(s, ToolRef.Form.URI, i, "unterminated double quote");
          }
          i = j + 1;
        } else if (ch == '\\' && i + 1 < n) {
          text.append(s.charAt(i + 1));
          i += 2;
        } else {
          text.append(ch);
          i++;
        }
      }
      tokens.add(new Token(text.toString(), tokenStart));
    }
    return tokens;
  }

  private static boolean isPlaceholder(String value) {
    return PLACEHOLDER.matcher(value).matches();
  }

  private static ObjectNode copyOf(ObjectNode node) {
    return node == null ? JsonNodeFactory.instance.objectNode() : node.deepCopy();
  }

  /** The placeholders in the reference text (checked for termination) and in the arguments. */
  private static List<String> variablesIn(String reference, ObjectNode args) {
    Set<String> names = new LinkedHashSet<>();
    collect(reference, reference, names);
    collectTree(reference, args, names);
    return List.copyOf(names);
  }

  static List<String> variablesIn(ObjectNode args) {
    Set<String> names = new LinkedHashSet<>();
    collectTree(null, args, names);
    return List.copyOf(names);
  }

  private static void collectTree(String reference, JsonNode node, Set<String> names) {
    if (node.isString()) {
      collect(reference, node.stringValue(), names);
    } else if (node.isContainer()) {
      for (JsonNode child : node.values()) {
        collectTree(reference, child, names);
      }
    }
  }

  private static void collect(String reference, String text, Set<String> names) {
    Matcher m = PLACEHOLDER.matcher(text);
    int from = 0;
    while (true) {
      int open = text.indexOf("${", from);
      if (open < 0) {
        return;
      }
      if (!m.find(open) || m.start() != open) {
        if (reference != null && text.equals(reference)) {
          throw new ToolRefException(
              reference, ToolRef.Form.URI, open, "unterminated or malformed placeholder");
        }
        // A malformed placeholder inside argument values is data, not a variable.
        from = open + 2;
        continue;
      }
      names.add(m.group(1));
      from = m.end();
    }
  }
}
