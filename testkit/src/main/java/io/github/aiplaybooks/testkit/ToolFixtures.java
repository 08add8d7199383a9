package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.JsonPointers;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.ActionOutcome;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.FactSource;
import io.github.aiplaybooks.core.tool.MutationPermit;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.Preparation;
import io.github.aiplaybooks.core.tool.ToolDescriptor;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canned tools, facts and actions from one JSON file, for offline runs of a playbook ({@code
 * playbooks run ... --tools fixtures:FILE}) and for tests: the tools the model and the collect
 * steps call ({@link #tools()}), the trusted facts conditions and verification read ({@link
 * #facts()}), and the action adapters that give each change its trusted facts and inverse and
 * "apply" it ({@link #adapters()}).
 *
 * <pre>{@code
 * ToolFixtures fixtures = ToolFixtures.fromFile(Path.of("examples/run/tools.json"));
 * PlaybookEngine engine = PlaybookEngine.builder()
 *     .tools(fixtures.tools())
 *     .factSource(fixtures.facts())
 *     .actionAdapters(fixtures.adapters())
 *     ...
 * }</pre>
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * {
 *   "description": "what the scenario is",                       // optional
 *   "tools": {                                                    // optional
 *     "kubectl_logs": {
 *       "effect": "read",                // required: read, mutate or destructive
 *       "action": "logs",                // optional: the catalog action the tool performs
 *       "description": "...",            // optional, shown to the model
 *       "supports_dry_run": false,       // optional
 *       "results": [                     // tried in order: the first whose "when" matches answers
 *         {"when": {"pod": "api-service-abc123"}, "text": "java.lang.OutOfMemoryError ..."},
 *         {"json": {"value": 0.35}},
 *         {"error": "connection refused"},
 *         {"sequence": [{"json": {"value": 0.35}}, {"json": {"value": 0.01}}]}
 *       ]
 *     }
 *   },
 *   "facts": {                                                    // optional
 *     "error_rate": 0.35,
 *     "alert_cleared": {"sequence": [false, true]}
 *   },
 *   "actions": {                                                  // optional
 *     "add_resource_limits": {
 *       "facts": {"blast_radius": 3, "replicas": 3},
 *       "inverse": {"action": "add_resource_limits", "parameters": {"memory": "256Mi"}},
 *       "description": "raise the memory limit of deployment default/api-service",
 *       "fail": "the API server refused the patch"              // optional: applying fails
 *     }
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Tool results</b>: each has at most one {@code when} (every member given must equal the
 *       call's argument of that name, as JSON) and exactly one of {@code text} (a string result),
 *       {@code json} (a structured result), {@code error} (an error result with that message) and
 *       {@code sequence} (successive matching calls take the next result; the last repeats). A call
 *       no result matches answers an error naming the call.
 *   <li><b>Facts</b> are what trusted code reads from the system ({@link FactSource}): the standard
 *       facts conditions read ({@code api_latency}, {@code error_rate}) and the verification checks
 *       ({@code alert_cleared}, {@code metrics_normalized}, {@code no_new_errors}). A value is a
 *       fact value (number, string such as {@code "350ms"}, boolean, list); {@code {"sequence":
 *       [...]}} gives one value per read, the last repeating, for a check that verification polls
 *       until it holds. A fact not listed is unknown (fail closed).
 *   <li><b>Actions</b> are catalog actions carried out by an adapter: before the change it gives
 *       the trusted {@code facts} the policy decides on and the {@code inverse} that undoes it
 *       ({@code action}, optional {@code parameters} and {@code target}, by default the action's
 *       target), or {@code restores_itself} (why the change needs no inverse, such as a pod
 *       restart); neither means no rollback plan, which the engine sends to a human. Applying
 *       changes nothing but is recorded ({@link #operations()}); a dry run answers what would
 *       happen; {@code fail} makes applying it fail.
 * </ul>
 *
 * <p>Unknown members are errors. Every error is a {@link ToolFixturesException} naming the file and
 * the JSON pointer. Thread-safe.
 */
public final class ToolFixtures {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> ROOT = Set.of("description", "tools", "facts", "actions");
  private static final Set<String> TOOL =
      Set.of("effect", "action", "description", "supports_dry_run", "results");
  private static final Set<String> RESULT = Set.of("when", "text", "json", "error", "sequence");
  private static final Set<String> ACTION =
      Set.of("facts", "inverse", "restores_itself", "description", "fail");
  private static final Set<String> INVERSE = Set.of("action", "parameters", "target");
  private static final Set<String> TARGET = Set.of("kind", "namespace", "name", "cluster");

  private final String description;
  private final FakeToolProvider tools;
  private final Map<String, List<JsonNode>> facts;
  private final Map<String, Integer> factReads = new LinkedHashMap<>();
  private final Map<String, ActionFixture> actions;
  private final List<String> operations = new ArrayList<>();

  private record ActionFixture(
      Facts facts, JsonNode inverse, String restoresItself, String description, String fail) {}

  private ToolFixtures(
      String description,
      FakeToolProvider tools,
      Map<String, List<JsonNode>> facts,
      Map<String, ActionFixture> actions) {
    this.description = description;
    this.tools = tools;
    this.facts = facts;
    this.actions = actions;
  }

  /**
   * Reads a fixture file.
   *
   * @throws ToolFixturesException if the file is missing, is not JSON (with line and column) or not
   *     in the format
   */
  public static ToolFixtures fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ToolFixturesException(file.toString(), "", "does not exist");
    } catch (IOException e) {
      throw new ToolFixturesException(file.toString(), "", "cannot be read: " + e.getMessage());
    }
    return fromJson(json, file.toString());
  }

  /**
   * Reads fixtures from JSON text; {@code source} names it in errors.
   *
   * @throws ToolFixturesException if the text is not JSON or not in the format
   */
  public static ToolFixtures fromJson(String json, String source) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new ToolFixturesException(
          source,
          "",
          "is not valid JSON: "
              + e.getOriginalMessage()
              + (at == null || at.getLineNr() < 1
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    return new Reader(source).read(root);
  }

  /** The fixture's description, if it has one. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The canned tools. */
  public FakeToolProvider tools() {
    return tools;
  }

  /** The canned trusted facts, read fresh on every call (a sequence advances). */
  public FactSource facts() {
    return query -> {
      Facts.Builder b = Facts.builder();
      for (String name : query.names()) {
        JsonNode v = nextFact(name);
        if (v != null) {
          ObjectNode one = JsonNodeFactory.instance.objectNode();
          one.set(name, v);
          b.putAll(Facts.fromJson(one));
        }
      }
      return b.build();
    };
  }

  private synchronized JsonNode nextFact(String name) {
    List<JsonNode> values = facts.get(name);
    if (values == null) {
      return null;
    }
    int i = factReads.getOrDefault(name, 0);
    factReads.put(name, i + 1);
    return values.get(Math.min(i, values.size() - 1));
  }

  /**
   * One adapter for every action of the fixtures (and the actions of their inverses); empty when
   * the fixtures have no actions.
   */
  public List<ActionAdapter> adapters() {
    if (actions.isEmpty()) {
      return List.of();
    }
    return List.of(new FixtureAdapter());
  }

  /**
   * Every change the adapters were asked to apply, in order: {@code APPLY add_resource_limits on
   * deployment default/api-service (LIVE)}, rollbacks as {@code ROLLBACK ...}.
   */
  public synchronized List<String> operations() {
    return List.copyOf(operations);
  }

  private final class FixtureAdapter implements ActionAdapter {
    private final Set<String> names;

    FixtureAdapter() {
      Set<String> all = new LinkedHashSet<>(actions.keySet());
      for (ActionFixture a : actions.values()) {
        if (a.inverse != null) {
          all.add(a.inverse.get("action").stringValue());
        }
      }
      this.names = Collections.unmodifiableSet(all);
    }

    @Override
    public Set<String> actions() {
      return names;
    }

    @Override
    public Preparation prepare(PlannedAction action) {
      ActionFixture f = actions.get(action.action());
      Preparation.Builder b = Preparation.builder();
      if (f == null) {
        // Only an inverse's action: nothing to read, nothing to undo it with.
        return b.description(action.describe()).build();
      }
      b.facts(f.facts).description(f.description == null ? action.describe() : f.description);
      if (f.inverse != null) {
        JsonNode params = f.inverse.get("parameters");
        JsonNode target = f.inverse.get("target");
        b.inverse(
            PlannedAction.of(
                f.inverse.get("action").stringValue(),
                target == null ? action.target() : target(target),
                params == null ? null : (ObjectNode) params.deepCopy()));
      } else if (f.restoresItself != null) {
        b.restoresItself(f.restoresItself);
      }
      return b.build();
    }

    @Override
    public ActionOutcome apply(MutationPermit permit) {
      PlannedAction a = permit.planned();
      ActionFixture f = actions.get(a.action());
      String what = a.action() + (a.target().isNone() ? "" : " on " + a.target());
      synchronized (ToolFixtures.this) {
        operations.add(
            (permit.kind() == MutationPermit.Kind.ROLLBACK ? "ROLLBACK " : "APPLY ")
                + what
                + " ("
                + permit.mode()
                + ")");
      }
      if (permit.mode() == ExecutionMode.DRY_RUN) {
        return ActionOutcome.dryRun("fixture: would " + what);
      }
      if (f != null && f.fail != null && permit.kind() != MutationPermit.Kind.ROLLBACK) {
        throw new IllegalStateException(f.fail);
      }
      return ActionOutcome.applied("fixture: " + what);
    }

    @Override
    public boolean supportsDryRun() {
      return true;
    }

    @Override
    public String toString() {
      return "ToolFixtures adapter " + names;
    }
  }

  private static Target target(JsonNode t) {
    return new Target(text(t, "kind"), text(t, "namespace"), text(t, "name"), text(t, "cluster"));
  }

  private static String text(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v == null || v.isNull() ? null : v.stringValue();
  }

  /** Reads and checks one document. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    ToolFixtures read(JsonNode root) {
      if (root == null || root.isMissingNode() || !root.isObject()) {
        throw invalid(
            "", "must be a JSON object with \"tools\", \"facts\" and \"actions\" (each optional)");
      }
      known(root, "", ROOT);
      String description = null;
      if (root.has("description")) {
        description = string(root.get("description"), "/description");
      }
      FakeToolProvider.Builder tools = FakeToolProvider.builder();
      JsonNode t = root.get("tools");
      if (t != null) {
        object(t, "/tools", "an object of tool name to tool");
        for (Map.Entry<String, JsonNode> e : t.properties()) {
          tool(tools, e.getKey(), e.getValue(), "/tools/" + JsonPointers.escape(e.getKey()));
        }
      }
      Map<String, List<JsonNode>> facts = new LinkedHashMap<>();
      JsonNode f = root.get("facts");
      if (f != null) {
        object(f, "/facts", "an object of fact name to value");
        for (Map.Entry<String, JsonNode> e : f.properties()) {
          String at = "/facts/" + JsonPointers.escape(e.getKey());
          facts.put(e.getKey(), factValues(e.getKey(), e.getValue(), at));
        }
      }
      Map<String, ActionFixture> actions = new LinkedHashMap<>();
      JsonNode a = root.get("actions");
      if (a != null) {
        object(a, "/actions", "an object of action name to action");
        for (Map.Entry<String, JsonNode> e : a.properties()) {
          String at = "/actions/" + JsonPointers.escape(e.getKey());
          actions.put(e.getKey(), action(e.getValue(), at));
        }
      }
      return new ToolFixtures(description, tools.build(), facts, actions);
    }

    private void tool(FakeToolProvider.Builder b, String name, JsonNode t, String at) {
      object(t, at, "a tool: {\"effect\": \"read\", \"results\": [...]}");
      known(t, at, TOOL);
      if (name.isBlank()) {
        throw invalid(at, "a tool needs a name");
      }
      ToolDescriptor.Builder d = ToolDescriptor.builder(name);
      JsonNode effect = t.get("effect");
      if (effect == null) {
        throw invalid(
            at + "/effect",
            "is missing: say what a call does, read, mutate or destructive (nothing is read-only"
                + " unless it says so)");
      }
      String e = string(effect, at + "/effect");
      try {
        d.effect(Effect.valueOf(e.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException ex) {
        throw invalid(at + "/effect", "'" + e + "' is not one of read, mutate, destructive");
      }
      if (t.has("action")) {
        d.action(string(t.get("action"), at + "/action"));
      }
      if (t.has("description")) {
        d.description(string(t.get("description"), at + "/description"));
      } else {
        d.description("Fixture tool " + name);
      }
      if (t.has("supports_dry_run")) {
        JsonNode v = t.get("supports_dry_run");
        if (!v.isBoolean()) {
          throw invalid(at + "/supports_dry_run", "must be true or false");
        }
        d.supportsDryRun(v.booleanValue());
      }
      b.tool(d.build());
      JsonNode results = t.get("results");
      if (results == null) {
        return;
      }
      if (!results.isArray()) {
        throw invalid(at + "/results", "must be a list of results");
      }
      for (int i = 0; i < results.size(); i++) {
        String r = at + "/results/" + i;
        JsonNode result = results.get(i);
        object(
            result,
            r,
            "a result: {\"when\": {...}, \"text\" | \"json\" | \"error\" | \"sequence\"}");
        known(result, r, RESULT);
        Predicate<ObjectNode> when = when(result.get("when"), r + "/when");
        List<ToolResult> answers = new ArrayList<>();
        if (result.has("sequence")) {
          if (kinds(result) != 1) {
            throw invalid(r, "needs exactly one of \"text\", \"json\", \"error\", \"sequence\"");
          }
          JsonNode seq = result.get("sequence");
          if (!seq.isArray() || seq.isEmpty()) {
            throw invalid(r + "/sequence", "must be a non-empty list of results");
          }
          for (int j = 0; j < seq.size(); j++) {
            String s = r + "/sequence/" + j;
            object(seq.get(j), s, "a result: {\"text\" | \"json\" | \"error\"}");
            for (String k : seq.get(j).propertyNames()) {
              if (!Set.of("text", "json", "error").contains(k)) {
                throw invalid(s + "/" + k, "is not a known member [error, json, text]");
              }
            }
            answers.add(result(seq.get(j), s));
          }
        } else {
          answers.add(result(result, r));
        }
        b.sequenceWhen(name, when, answers);
      }
    }

    private static int kinds(JsonNode r) {
      int n = 0;
      for (String k : List.of("text", "json", "error", "sequence")) {
        if (r.has(k)) {
          n++;
        }
      }
      return n;
    }

    private ToolResult result(JsonNode r, String at) {
      List<String> kinds = new ArrayList<>();
      for (String k : List.of("text", "json", "error", "sequence")) {
        if (r.has(k)) {
          kinds.add(k);
        }
      }
      if (kinds.size() != 1 || kinds.get(0).equals("sequence")) {
        throw invalid(at, "needs exactly one of \"text\", \"json\", \"error\"; has " + kinds);
      }
      switch (kinds.get(0)) {
        case "text":
          return ToolResult.text(string(r.get("text"), at + "/text"));
        case "json":
          JsonNode j = r.get("json");
          if (j.isNull()) {
            throw invalid(at + "/json", "must be a JSON value, not null");
          }
          return ToolResult.json(j);
        default:
          return ToolResult.error(string(r.get("error"), at + "/error"));
      }
    }

    private Predicate<ObjectNode> when(JsonNode w, String at) {
      if (w == null) {
        return args -> true;
      }
      object(w, at, "an object of argument name to value");
      Map<String, JsonNode> wanted = new LinkedHashMap<>();
      w.properties().forEach(e -> wanted.put(e.getKey(), e.getValue()));
      return args -> {
        for (Map.Entry<String, JsonNode> e : wanted.entrySet()) {
          JsonNode v = args.get(e.getKey());
          if (v == null || !same(v, e.getValue())) {
            return false;
          }
        }
        return true;
      };
    }

    /** JSON equality, numbers by value ({@code 200} equals {@code 200.0}). */
    private static boolean same(JsonNode a, JsonNode b) {
      if (a.isNumber() && b.isNumber()) {
        return a.decimalValue().compareTo(b.decimalValue()) == 0;
      }
      return a.equals(b);
    }

    private List<JsonNode> factValues(String name, JsonNode v, String at) {
      List<JsonNode> values = new ArrayList<>();
      if (v.isObject()) {
        known(v, at, Set.of("sequence"));
        JsonNode seq = v.get("sequence");
        if (seq == null || !seq.isArray() || seq.isEmpty()) {
          throw invalid(
              at, "must be a fact value, or {\"sequence\": [value, ...]} with at least one value");
        }
        for (int i = 0; i < seq.size(); i++) {
          values.add(factValue(name, seq.get(i), at + "/sequence/" + i));
        }
      } else {
        values.add(factValue(name, v, at));
      }
      return List.copyOf(values);
    }

    private JsonNode factValue(String name, JsonNode v, String at) {
      if (v.isNull()) {
        throw invalid(at, "must be a value; leave a fact out to make it unknown");
      }
      ObjectNode one = JsonNodeFactory.instance.objectNode();
      one.set(name, v);
      try {
        Facts.fromJson(one);
      } catch (ConditionTypeException e) {
        throw invalid(at, "is not a fact value: " + e.getMessage());
      }
      return v.deepCopy();
    }

    private ActionFixture action(JsonNode a, String at) {
      object(a, at, "an action: {\"facts\": {...}, \"inverse\": {...}}");
      known(a, at, ACTION);
      Facts facts = Facts.empty();
      JsonNode f = a.get("facts");
      if (f != null) {
        object(f, at + "/facts", "an object of fact name to value");
        try {
          facts = Facts.fromJson(f, at + "/facts");
        } catch (ConditionTypeException e) {
          throw invalid(at + "/facts", e.getMessage());
        }
      }
      JsonNode inverse = a.get("inverse");
      if (inverse != null) {
        object(
            inverse,
            at + "/inverse",
            "{\"action\": ..., \"parameters\": {...}, \"target\": {...}}");
        known(inverse, at + "/inverse", INVERSE);
        JsonNode action = inverse.get("action");
        if (action == null) {
          throw invalid(at + "/inverse/action", "is missing: name the action that undoes this one");
        }
        string(action, at + "/inverse/action");
        if (inverse.has("parameters")) {
          object(inverse.get("parameters"), at + "/inverse/parameters", "an object");
        }
        if (inverse.has("target")) {
          JsonNode t = inverse.get("target");
          object(
              t,
              at + "/inverse/target",
              "a target {\"kind\", \"namespace\", \"name\", \"cluster\"}");
          known(t, at + "/inverse/target", TARGET);
          for (Map.Entry<String, JsonNode> e : t.properties()) {
            string(e.getValue(), at + "/inverse/target/" + e.getKey());
          }
        }
      }
      String restores = null;
      if (a.has("restores_itself")) {
        if (inverse != null) {
          throw invalid(at, "has both \"inverse\" and \"restores_itself\"; give one or the other");
        }
        restores = string(a.get("restores_itself"), at + "/restores_itself");
      }
      String description =
          a.has("description") ? string(a.get("description"), at + "/description") : null;
      String fail = a.has("fail") ? string(a.get("fail"), at + "/fail") : null;
      return new ActionFixture(
          facts, inverse == null ? null : inverse.deepCopy(), restores, description, fail);
    }

    private void object(JsonNode v, String at, String what) {
      if (v == null || !v.isObject()) {
        throw invalid(at, "must be " + what + ", was " + kind(v));
      }
    }

    private String string(JsonNode v, String at) {
      if (v == null || !v.isString() || v.stringValue().isBlank()) {
        throw invalid(at, "must be a non-blank string, was " + kind(v));
      }
      return v.stringValue();
    }

    private void known(JsonNode o, String at, Set<String> names) {
      for (String name : o.propertyNames()) {
        if (!names.contains(name)) {
          List<String> sorted = new ArrayList<>(names);
          sorted.sort(null);
          throw invalid(at + "/" + JsonPointers.escape(name), "is not a known member " + sorted);
        }
      }
    }

    private static String kind(JsonNode v) {
      if (v == null) {
        return "missing";
      }
      if (v.isString()) {
        return "a string";
      }
      if (v.isNumber()) {
        return "a number";
      }
      if (v.isBoolean()) {
        return "a boolean";
      }
      if (v.isArray()) {
        return "a list";
      }
      if (v.isObject()) {
        return "an object";
      }
      return "null";
    }

    private ToolFixturesException invalid(String pointer, String problem) {
      return new ToolFixturesException(source, pointer, problem);
    }
  }
}
