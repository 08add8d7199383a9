package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionDefinition;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.PolicyException;
import io.github.aiplaybooks.core.policy.RateLimit;
import io.github.aiplaybooks.core.policy.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;

/**
 * {@code playbooks policy eval --policy FILE --action FILE [--history FILE] [--now INSTANT]}:
 * prints the decision as one JSON object.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Decide whether an action may run under a policy, and print the decision as one JSON"
          + " object: {\"decision\": \"ALLOW\" | \"REQUIRE_APPROVAL\" | \"DENY\", \"reasons\":"
          + " [...], \"rule\": \"...\"}, with \"retry_at\" when a rate limit denies, then the"
          + " action, the facts the rules read (trusted and computed) and \"decided_at\".",
      "",
      "The action file is {\"action\": \"restart_pod\", \"target\": {\"kind\": ..., \"namespace\":"
          + " ..., \"name\": ..., \"cluster\": ...}, \"facts\": {...}}. Its facts stand for the"
          + " trusted facts; the computed facts (action, off_hours, namespace and cluster from the"
          + " target, scale_up, scale_down) fill what they lack, and a fact that disagrees with"
          + " them is denied.",
      "The history file is [{\"action\": \"restart_pod\", \"at\": \"2024-01-02T09:30:00Z\","
          + " \"target\": {...}}, ...]: past executions, counted against the rate limits.",
      "",
      "Exit codes: 0 for any decision; 2 when an option, file or value is invalid."
    },
    footer = {
      "",
      "Examples:",
      "  playbooks policy eval --policy examples/policy/seed-policy.json \\",
      "      --action examples/policy/restart-pod.json",
      "  playbooks policy eval --policy examples/policy/seed-policy.json \\",
      "      --action examples/policy/restart-pod.json \\",
      "      --history examples/policy/restart-history.json --now 2024-01-02T10:30:00Z"
    })
final class PolicyEvalCommand implements Callable<Integer> {
  private static final Set<String> ACTION_KEYS =
      Set.of("action", "target", "facts", "idempotency_key");
  private static final Set<String> HISTORY_KEYS = Set.of("action", "at", "target");
  private static final Set<String> TARGET_KEYS = Set.of("kind", "namespace", "name", "cluster");

  /** Two-space indents, one reason a line, {@code "name": value}. */
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator(""))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

  @Spec CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy (JSON), such as examples/policy/seed-policy.json.")
  Path policyFile;

  @Option(
      names = "--action",
      required = true,
      paramLabel = "FILE",
      description = "The action to decide about (JSON); - reads standard input.")
  String actionFile;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "Past executions (JSON list), counted against the rate limits.")
  String historyFile;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      description =
          "The instant to decide at, such as 2024-01-02T10:00:00Z; the system clock"
              + " if not given.")
  String now;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Policy policy = loadPolicy();
      policy.warnings().forEach(w -> err.println("warning: " + policy.source() + ": " + w));
      Instant at = now == null ? Clock.systemUTC().instant() : parseNow(now);
      ActionRequest request = readAction(policy);
      PolicyEngine engine =
          PolicyEngine.builder(policy).clock(Clock.fixed(at, ZoneOffset.UTC)).build();
      if (historyFile != null) {
        replayHistory(engine, policy, at);
      }
      out.println(render(engine.decide(request)));
      return ExitCodes.OK;
    } catch (InvalidInputException e) {
      e.problems().forEach(p -> err.println("error: " + p));
      return ExitCodes.INVALID_INPUT;
    }
  }

  private Policy loadPolicy() throws InvalidInputException {
    try {
      return Policy.load(policyFile);
    } catch (PolicyException e) {
      List<String> problems = new ArrayList<>();
      for (PolicyException.Problem p : e.problems()) {
        problems.add(
            e.source() + (p.pointer().isEmpty() ? "" : " at " + p.pointer()) + ": " + p.message());
      }
      throw new InvalidInputException(problems);
    }
  }

  private static Instant parseNow(String text) throws InvalidInputException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidInputException(
            "--now: '" + text + "' is not an ISO-8601 instant such as 2024-01-02T10:00:00Z");
      }
    }
  }

  private ActionRequest readAction(Policy policy) throws InvalidInputException {
    JsonNode root = JsonInput.read(actionFile, PlaybooksCommand.stdin(spec));
    String file = JsonInput.name(actionFile);
    List<String> problems = new ArrayList<>();
    if (!root.isObject()) {
      throw new InvalidInputException(
          file
              + ": must be a JSON object such as {\"action\": \"restart_pod\", \"target\": {...},"
              + " \"facts\": {...}}, was "
              + JsonInput.kind(root));
    }
    unknownKeys(root, ACTION_KEYS, "", file, "an action", problems);
    String action = null;
    JsonNode a = root.get("action");
    if (a == null) {
      problems.add(file + " at /action: is missing; name the action, such as \"restart_pod\"");
    } else if (!a.isString() || a.stringValue().isBlank()) {
      problems.add(file + " at /action: must be an action name, was " + JsonInput.kind(a));
    } else {
      action = a.stringValue();
    }
    Target target = target(root.get("target"), "/target", file, problems);
    Facts facts = Facts.empty();
    JsonNode f = root.get("facts");
    if (f != null) {
      if (!f.isObject()) {
        problems.add(
            file + " at /facts: must be an object of fact name to value, was " + JsonInput.kind(f));
      } else {
        try {
          facts = Facts.fromJson(f, "/facts");
          for (Map.Entry<String, String> v : policy.factSchema().violations(facts).entrySet()) {
            problems.add(
                file
                    + " at /facts/"
                    + JsonInput.escape(v.getKey())
                    + ": fact "
                    + v.getKey()
                    + " "
                    + v.getValue());
          }
        } catch (ConditionTypeException e) {
          problems.add(file + ": " + e.getMessage());
        }
      }
    }
    String key = null;
    JsonNode k = root.get("idempotency_key");
    if (k != null) {
      if (k.isString() && !k.stringValue().isBlank()) {
        key = k.stringValue();
      } else {
        problems.add(
            file + " at /idempotency_key: must be a non-blank string, was " + JsonInput.kind(k));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return ActionRequest.builder(action).target(target).facts(facts).idempotencyKey(key).build();
  }

  /** One past execution of the history file. */
  private record Execution(ActionRequest request, Instant at) {}

  private void replayHistory(PolicyEngine engine, Policy policy, Instant now)
      throws InvalidInputException {
    JsonNode root = JsonInput.read(historyFile, PlaybooksCommand.stdin(spec));
    String file = JsonInput.name(historyFile);
    if (!root.isArray()) {
      throw new InvalidInputException(
          file
              + ": must be a JSON list of past executions such as [{\"action\": \"restart_pod\","
              + " \"at\": \"2024-01-02T09:30:00Z\"}], was "
              + JsonInput.kind(root));
    }
    List<String> problems = new ArrayList<>();
    List<Execution> executions = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      String p = "/" + i;
      JsonNode e = root.get(i);
      if (!e.isObject()) {
        problems.add(
            file
                + " at "
                + p
                + ": must be an object {\"action\": ..., \"at\": ...,"
                + " \"target\": {...}}, was "
                + JsonInput.kind(e));
        continue;
      }
      int before = problems.size();
      unknownKeys(e, HISTORY_KEYS, p, file, "a past execution", problems);
      Optional<ActionDefinition> action = Optional.empty();
      JsonNode a = e.get("action");
      if (a == null || !a.isString()) {
        problems.add(
            file
                + " at "
                + p
                + "/action: must be an action name, was "
                + (a == null ? "missing" : JsonInput.kind(a)));
      } else {
        action = policy.catalog().resolve(a.stringValue());
        if (action.isEmpty()) {
          problems.add(
              file
                  + " at "
                  + p
                  + "/action: unknown action '"
                  + a.stringValue()
                  + "'"
                  + policy
                      .catalog()
                      .closestName(a.stringValue())
                      .map(s -> " (did you mean '" + s + "'?)")
                      .orElse(""));
        }
      }
      Instant at = null;
      JsonNode t = e.get("at");
      if (t == null || !t.isString()) {
        problems.add(
            file
                + " at "
                + p
                + "/at: must be an ISO-8601 instant such as"
                + " \"2024-01-02T09:30:00Z\", was "
                + (t == null ? "missing" : JsonInput.kind(t)));
      } else {
        try {
          at = parseNow(t.stringValue());
          if (at.isAfter(now)) {
            problems.add(
                file
                    + " at "
                    + p
                    + "/at: "
                    + at
                    + " is after the decision's instant "
                    + now
                    + "; a history holds past executions");
          }
        } catch (InvalidInputException ex) {
          problems.add(
              file
                  + " at "
                  + p
                  + "/at: '"
                  + t.stringValue()
                  + "' is not an ISO-8601 instant such as 2024-01-02T09:30:00Z");
        }
      }
      Target target = target(e.get("target"), p + "/target", file, problems);
      if (action.isPresent() && target.name() == null) {
        Optional<RateLimit> limit = action.get().rateLimitCategory().flatMap(policy::rateLimit);
        if (limit.isPresent() && limit.get().scope() == RateLimit.Scope.TARGET) {
          problems.add(
              file
                  + " at "
                  + p
                  + "/target: the rate limit "
                  + limit.get().category()
                  + " is counted per target, so a past execution needs a target with a name");
        } else if (limit.isPresent()
            && limit.get().scope() == RateLimit.Scope.NAMESPACE
            && target.namespace() == null) {
          problems.add(
              file
                  + " at "
                  + p
                  + "/target: the rate limit "
                  + limit.get().category()
                  + " is counted per namespace, so a past execution needs a target with a"
                  + " namespace");
        }
      }
      if (problems.size() == before) {
        executions.add(
            new Execution(ActionRequest.builder(action.get().name()).target(target).build(), at));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    executions.sort(Comparator.comparing(Execution::at));
    for (Execution x : executions) {
      engine.recordExecution(x.request(), x.at());
    }
  }

  private static Target target(JsonNode t, String pointer, String file, List<String> problems) {
    if (t == null || t.isNull()) {
      return Target.NONE;
    }
    if (!t.isObject()) {
      problems.add(
          file
              + " at "
              + pointer
              + ": must be an object {\"kind\": ..., \"namespace\":"
              + " ..., \"name\": ..., \"cluster\": ...}, was "
              + JsonInput.kind(t));
      return Target.NONE;
    }
    int before = problems.size();
    unknownKeys(t, TARGET_KEYS, pointer, file, "a target", problems);
    String[] parts = new String[4];
    String[] keys = {"kind", "namespace", "name", "cluster"};
    for (int i = 0; i < keys.length; i++) {
      JsonNode v = t.get(keys[i]);
      if (v == null || v.isNull()) {
        continue;
      }
      if (!v.isString() || v.stringValue().isBlank()) {
        problems.add(
            file
                + " at "
                + pointer
                + "/"
                + keys[i]
                + ": must be a non-blank string,"
                + " was "
                + JsonInput.kind(v));
      } else {
        parts[i] = v.stringValue();
      }
    }
    if (problems.size() > before) {
      return Target.NONE;
    }
    return new Target(parts[0], parts[1], parts[2], parts[3]);
  }

  private static void unknownKeys(
      JsonNode object,
      Set<String> known,
      String pointer,
      String file,
      String what,
      List<String> problems) {
    for (String key : object.propertyNames()) {
      if (!known.contains(key)) {
        problems.add(
            file
                + " at "
                + pointer
                + "/"
                + JsonInput.escape(key)
                + ": unknown key '"
                + key
                + "'; "
                + what
                + " has "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  /** The decision's own JSON ({@link Decision#toJson()}), indented. */
  private static String render(Decision d) {
    return JsonInput.JSON
        .writer()
        .with(PRETTY)
        .writeValueAsString(JsonInput.JSON.readTree(d.toJson()));
  }
}
