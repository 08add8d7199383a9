package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.condition.TimeWindow;
import io.github.aiplaybooks.core.condition.UnknownFactException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The one set of rules every playbook is checked against, whether built by the loader, the DSL or
 * by hand: see {@link Playbook}. Collects every problem rather than stopping at the first, and
 * computes what each step may read.
 */
final class PlaybookValidator {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern CHANNEL =
      Pattern.compile("#[a-z0-9][a-z0-9._-]*|[a-z][a-z0-9_-]*(:[#@A-Za-z0-9._/-]+)?");
  private static final String RECIPIENT_EXPECTED =
      "expected an e-mail address such as security-team@example.com or a channel such as slack,"
          + " #sre-oncall or pagerduty:platform";

  /** What each step may read, by step key, what routing may read, and the trigger's checks. */
  record Scopes(Map<String, Scope> steps, Scope routing, Scope start) {}

  private final String name;
  private final String agent;
  private final String model;
  private final Trigger trigger;
  private final boolean triggerDerived;
  private final Map<String, FactType> inputs;
  private final List<Step> steps;
  private final Routing routing;
  private final Map<String, JsonNode> extensions;
  private final Map<String, JsonNode> triggerExtensions;
  private final StepKindRegistry stepKinds;
  private final KnownActions knownActions;

  /** The standard facts, POLICY (with {@code action} typed by the known actions) then HEALTH. */
  private final FactSchema standard;

  /** The names a step's output never takes over: standard facts, trigger context, inputs. */
  private final Set<String> reserved = new HashSet<>();

  private final List<PlaybookProblem> problems = new ArrayList<>();
  private final Map<String, Scope> stepScopes = new HashMap<>();
  private Scope startScope;
  private Scope routingScope;
  private boolean complete = true;

  PlaybookValidator(
      String name,
      String agent,
      String model,
      Trigger trigger,
      boolean triggerDerived,
      Map<String, FactType> inputs,
      List<Step> orderedSteps,
      Routing routing,
      Map<String, JsonNode> extensions,
      Map<String, JsonNode> triggerExtensions,
      StepKindRegistry stepKinds,
      KnownActions knownActions) {
    this.name = name;
    this.agent = agent;
    this.model = model;
    this.trigger = trigger;
    this.triggerDerived = triggerDerived;
    this.inputs = inputs;
    this.steps = orderedSteps;
    this.routing = routing;
    this.extensions = extensions;
    this.triggerExtensions = triggerExtensions;
    this.stepKinds = stepKinds;
    this.knownActions = knownActions;
    FactSchema.Builder b = StandardFacts.policy(knownActions).toBuilder();
    StandardFacts.declareAll(b, StandardFacts.HEALTH);
    this.standard = b.build();
    reserved.addAll(StandardFacts.names());
    reserved.addAll(trigger.context());
    reserved.addAll(inputs.keySet());
  }

  /** Every problem, in the order of the format. */
  List<PlaybookProblem> validate() {
    if (name == null || name.isBlank()) {
      problem("/playbook", "missing: a playbook needs a name, such as automated-rollback");
    } else if (!Names.isPlaybookName(name)) {
      problem(
          "/playbook",
          "'"
              + name
              + "' is not a playbook name: expected lower-case letters, digits, '-', '_' and"
              + " '.', such as automated-rollback");
    }
    notBlank("/agent", agent);
    notBlank("/model", model);
    checkExtensions("", extensions);
    checkExtensions("/trigger", triggerExtensions);
    checkInputs();
    startScope = scope(startNames(), false);
    checkTrigger();
    checkSteps();
    checkRouting();
    return problems;
  }

  Scopes scopes() {
    return new Scopes(Collections.unmodifiableMap(stepScopes), routingScope, startScope);
  }

  // ---------------------------------------------------------------------------------------------

  private void checkInputs() {
    inputs.forEach(
        (input, type) -> {
          String at = "/inputs/" + escape(input);
          if (!Names.isIdentifier(input)) {
            problem(at, "'" + input + "' is not a name (a letter or _, then letters, digits, _)");
          } else if (!type.values().isEmpty()) {
            problem(at, "one-of types cannot be written in a playbook; declare it as string");
          }
        });
  }

  private void checkTrigger() {
    String at = "/trigger";
    if (trigger instanceof AlertTrigger) {
      AlertTrigger a = (AlertTrigger) trigger;
      notBlank(at + "/sources", a.sources());
      notBlank(at + "/severities", a.severities());
    } else if (trigger instanceof HealthCheckTrigger && !triggerDerived) {
      // A derived trigger is the first step's check, reported there.
      HealthCheckTrigger h = (HealthCheckTrigger) trigger;
      positive(at + "/interval", h.interval());
      if (h.checks().isEmpty()) {
        problem(at + "/checks", "a health check needs at least one check");
      }
      for (int i = 0; i < h.checks().size(); i++) {
        checkCondition(at + "/checks/" + i, h.checks().get(i), startScope.facts());
      }
    }
  }

  /** What a run has before any step: the trigger's context, then the inputs. */
  private Map<String, FactOrigin> startNames() {
    Map<String, FactOrigin> names = new LinkedHashMap<>();
    trigger.context().forEach(n -> names.put(n, FactOrigin.triggerContext()));
    inputs.keySet().forEach(n -> names.putIfAbsent(n, FactOrigin.input()));
    return names;
  }

  private void checkSteps() {
    if (steps.isEmpty()) {
      problem("/workflow", "a playbook needs at least one step, such as \"1_detect\"");
    }
    Map<String, FactOrigin> available = startNames();
    // After a step whose action is unknown, what later steps may read is unknown too: do not
    // report names they read as undeclared (the unknown action is the error to fix first).
    complete = !(triggerDerived && !steps.isEmpty() && !resolves(steps.get(0)));
    int previous = 0;
    String previousKey = null;
    Map<String, String> keyByName = new HashMap<>();
    for (Step step : steps) {
      String at = step.pointer();
      int order = step.order();
      if (order < 1) {
        problem(at, "step numbers start at 1, found " + order);
      } else if (order == previous) {
        problem(at, "duplicate step number " + order + ": " + previousKey + " and " + step.key());
      } else if (order != previous + 1) {
        problem(
            at,
            previous == 0
                ? "steps are numbered from 1: expected 1_" + step.name() + ", found " + step.key()
                : "step number "
                    + order
                    + " follows "
                    + previous
                    + ": steps are numbered 1, 2, 3, … without gaps; expected "
                    + (previous + 1)
                    + "_"
                    + step.name());
      }
      previous = Math.max(previous, order);
      previousKey = step.key();
      if (!Names.isStepName(step.name())) {
        problem(
            at,
            "step name '"
                + step.name()
                + "' must be lower-case letters, digits and _, starting with a letter");
      }
      String other = keyByName.putIfAbsent(step.name(), step.key());
      if (other != null) {
        problem(at, "step name '" + step.name() + "' is also used by " + other);
      }
      checkExtensions(at, step.extensions());

      Scope scope = scope(available, step.spec() instanceof VerifySpec);
      Set<String> variables = scope.variables();
      FactSchema facts = scope.facts();
      stepScopes.put(step.key(), scope);

      StepKind kind = kindOf(step);
      checkSpec(at, step, kind);
      for (ConditionGroup g : step.spec().conditionGroups()) {
        for (int i = 0; i < g.conditions().size(); i++) {
          checkCondition(at + "/" + g.pointer(i), g.conditions().get(i), facts);
        }
      }
      for (VariableUse use : variableUses(step.spec())) {
        for (String v : use.variables()) {
          if (complete && !variables.contains(v)) {
            problem(
                at + "/" + use.path(),
                "undeclared variable '${"
                    + v
                    + "}'"
                    + Names.didYouMean(v, variables)
                    + ": a template may read the trigger's context ("
                    + String.join(", ", trigger.context())
                    + "), the inputs and outputs of earlier steps; declare it under \"inputs\"");
          }
        }
      }
      if (kind != null && kind.specType().isInstance(step.spec())) {
        addOutputs(available, step, kind);
      } else {
        complete = false;
      }
    }
    routingScope = scope(available, false);
  }

  /**
   * Makes {@code step}'s outputs available to later steps: each as {@code step.name}, and by its
   * bare name unless that is reserved for a trusted value (a standard fact, the trigger's context,
   * an input), which a step's output never stands in for.
   */
  private void addOutputs(Map<String, FactOrigin> available, Step step, StepKind kind) {
    FactOrigin origin = FactOrigin.stepOutput(step.key(), kind.modelProduced(step.spec()));
    for (String out : kind.outputs(step.spec())) {
      if (!Names.isIdentifier(out)) {
        continue;
      }
      available.put(qualified(step, out), origin);
      if (!reserved.contains(out)) {
        // A later step's output of the same name replaces an earlier one's.
        available.remove(out);
        available.put(out, origin);
      }
    }
  }

  /** The name later steps read {@code step}'s output {@code out} by: {@code classify.severity}. */
  static String qualified(Step step, String out) {
    return step.name() + "." + out;
  }

  private static List<VariableUse> variableUses(StepSpec spec) {
    if (spec instanceof CollectSpec) {
      return ((CollectSpec) spec).variableUses();
    }
    if (spec instanceof NotifySpec) {
      return ((NotifySpec) spec).variableUses();
    }
    return List.of();
  }

  private boolean resolves(Step step) {
    try {
      return stepKinds.kind(step.action()).specType().isInstance(step.spec());
    } catch (StepKindException e) {
      return false;
    }
  }

  private StepKind kindOf(Step step) {
    String at = step.pointer() + "/action";
    StepKind kind;
    try {
      kind = stepKinds.kind(step.action());
    } catch (StepKindException e) {
      problem(at, e.getMessage());
      return null;
    }
    if (!kind.specType().isInstance(step.spec())) {
      problem(
          step.pointer(),
          "action '"
              + step.action()
              + "' takes "
              + kind.specType().getSimpleName()
              + " parameters, not "
              + step.spec().getClass().getSimpleName());
    }
    return kind;
  }

  private void checkSpec(String at, Step step, StepKind kind) {
    StepSpec spec = step.spec();
    if (spec instanceof LlmSpec) {
      LlmSpec llm = (LlmSpec) spec;
      llm.reasoning().ifPresent(r -> notBlank(at + "/reasoning", r));
      llm.output().ifPresent(o -> name(at + "/output", o));
    }
    if (spec instanceof ReceiveSpec) {
      notBlank(at + "/sources", ((ReceiveSpec) spec).sources());
    } else if (spec instanceof HealthCheckSpec) {
      HealthCheckSpec h = (HealthCheckSpec) spec;
      positive(at + "/interval", h.interval());
      if (h.checks().isEmpty()) {
        problem(at + "/checks", "a health check needs at least one check");
      }
    } else if (spec instanceof CollectSpec) {
      CollectSpec c = (CollectSpec) spec;
      c.timeframe()
          .filter(w -> w.direction() != TimeWindow.Direction.PAST)
          .ifPresent(
              w ->
                  problem(
                      at + "/timeframe",
                      "a timeframe looks back: expected a window such as last_7_days, found " + w));
      names(at + "/metrics", c.metrics());
      notBlank(at + "/breakdown", c.breakdown());
    } else if (spec instanceof ReasonSpec) {
      ReasonSpec r = (ReasonSpec) spec;
      names(at + "/extract", r.extract());
      notBlank(at + "/gather", r.gather());
    } else if (spec instanceof ForecastSpec) {
      ForecastSpec f = (ForecastSpec) spec;
      f.horizon()
          .filter(w -> w.direction() != TimeWindow.Direction.FUTURE)
          .ifPresent(
              w ->
                  problem(
                      at + "/horizon",
                      "a horizon looks ahead: expected a window such as next_4_hours, found " + w));
      f.confidence()
          .ifPresent(
              c -> {
                if (!(c > 0 && c <= 1)) {
                  problem(
                      at + "/confidence",
                      "expected a confidence above 0 and at most 1, such as 0.85; found " + c);
                }
              });
    } else if (spec instanceof PlanSpec) {
      List<Opportunity> ops = ((PlanSpec) spec).opportunities();
      for (int i = 0; i < ops.size(); i++) {
        Opportunity o = ops.get(i);
        knownAction(at + "/opportunities/" + i + "/type", o.type());
        Quantity s = o.savings();
        if (s.dimension() != Quantity.Dimension.MONEY || s.amount().signum() < 0) {
          problem(
              at + "/opportunities/" + i + "/savings",
              "expected an amount of money saved, such as $120/month; found " + s);
        }
      }
    } else if (spec instanceof AssessSpec) {
      AssessSpec a = (AssessSpec) spec;
      notBlank(at + "/categories", a.categories());
      notBlank(at + "/criteria", a.criteria());
      for (int i = 0; i < a.patterns().size(); i++) {
        DetectionPattern p = a.patterns().get(i);
        if (!p.wellFormed()) {
          problem(
              at + "/patterns/" + i,
              "expected a name, then optionally a criterion in parentheses, such as idle_pods"
                  + " (cpu < 5% for 7 days); found '"
                  + p.text()
                  + "'");
        }
      }
    } else if (spec instanceof CompareSpec) {
      CompareSpec c = (CompareSpec) spec;
      c.current().ifPresent(v -> notBlank(at + "/current", v));
      c.previous().ifPresent(v -> notBlank(at + "/previous", v));
      names(at + "/metrics", c.metrics());
    } else if (spec instanceof ExecuteSpec) {
      ExecuteSpec e = (ExecuteSpec) spec;
      e.timeout().ifPresent(t -> positive(at + "/timeout", t));
      e.method().ifPresent(m -> notBlank(at + "/method", m));
    } else if (spec instanceof ReportSpec) {
      ReportSpec r = (ReportSpec) spec;
      notBlank(at + "/include", r.include());
      for (int i = 0; i < r.recipients().size(); i++) {
        String to = r.recipients().get(i);
        if (!EMAIL.matcher(to).matches() && !CHANNEL.matcher(to).matches()) {
          problem(at + "/recipients/" + i, RECIPIENT_EXPECTED + "; found '" + to + "'");
        }
      }
    } else if (spec instanceof NotifySpec) {
      NotifySpec n = (NotifySpec) spec;
      if (n.channels().isEmpty()) {
        problem(at + "/channels", "a notification needs at least one channel, such as slack");
      }
      for (int i = 0; i < n.channels().size(); i++) {
        String c = n.channels().get(i);
        if (!CHANNEL.matcher(c).matches()) {
          problem(
              at + "/channels/" + i,
              "expected a channel such as slack, #sre-oncall or pagerduty:platform; found '"
                  + c
                  + "'");
        }
      }
    } else if (spec instanceof CustomSpec && kind != null) {
      Set<String> accepted = kind.parameters();
      ((CustomSpec) spec)
          .params()
          .propertyNames()
          .forEach(
              key -> {
                if (!accepted.contains(key) && !key.startsWith("x-")) {
                  problem(
                      at + "/" + escape(key),
                      "unknown key '"
                          + key
                          + "' for action '"
                          + step.action()
                          + "'"
                          + Names.didYouMean(key, accepted)
                          + "; expected one of: action, "
                          + Names.list(accepted));
                }
              });
      if (kind.specType() == CustomSpec.class) {
        for (String p : kind.check((CustomSpec) spec)) {
          problem(at, p);
        }
      }
    }
  }

  private void checkRouting() {
    if (routing == null) {
      return;
    }
    checkExtensions("/routing", routing.extensions());
    if (routing.routes().isEmpty()) {
      problem("/routing/routes", "routing needs at least one route");
    }
    checkRoutes("/routing/routes", routing.routes());
    if (routing.fallback().isEmpty()) {
      problem("/routing/default", "the default route needs at least one action, such as escalate");
    }
    for (int i = 0; i < routing.fallback().size(); i++) {
      knownAction("/routing/default/" + i, routing.fallback().get(i));
    }
  }

  private void checkRoutes(String at, List<Route> routes) {
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      String here = at + "/" + i;
      checkExtensions(here, r.extensions());
      checkCondition(here + "/when", r.when(), routingScope.facts());
      if (r.routes().isEmpty() == r.runbook().isEmpty()) {
        problem(
            here,
            r.routes().isEmpty()
                ? "a route needs either \"routes\" (a branch) or a \"runbook\" (a leaf)"
                : "a route has either \"routes\" (a branch) or a \"runbook\" (a leaf), not both");
      }
      for (int j = 0; j < r.runbook().size(); j++) {
        knownAction(here + "/runbook/" + j, r.runbook().get(j));
      }
      checkRoutes(here + "/routes", r.routes());
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void checkCondition(String at, Condition c, FactSchema scope) {
    try {
      Condition.compile(c.source(), scope);
    } catch (UnknownFactException e) {
      if (!complete) {
        return;
      }
      problem(
          at,
          "unknown fact '"
              + e.factName()
              + "' in '"
              + c.source()
              + "'"
              + e.suggestion().map(s -> " (did you mean '" + s + "'?)").orElse("")
              + ": a condition may read the standard facts, the inputs, the trigger's context and"
              + " outputs of earlier steps; declare it under \"inputs\"");
    } catch (ConditionException e) {
      String reason = e.reason();
      problem(at, reason.contains(c.source()) ? reason : reason + " in '" + c.source() + "'");
    }
  }

  /**
   * What a step may read given {@code available} (the context, inputs and earlier steps' outputs,
   * with their origins): as variables, all of them; as facts, those of any type, the inputs with
   * their declared types, then the standard facts with theirs and their trusted origin (a standard
   * fact is never a step's output).
   */
  private Scope scope(Map<String, FactOrigin> available, boolean verify) {
    FactSchema.Builder b = FactSchema.builder();
    Map<String, FactOrigin> origins = new LinkedHashMap<>(available);
    for (String n : available.keySet()) {
      if (Names.isQualified(n)) {
        b.fact(n);
      }
    }
    inputs.forEach(
        (n, t) -> {
          if (Names.isIdentifier(n) && t.values().isEmpty()) {
            b.fact(n, t);
          }
        });
    FactSchema.Builder withStandard = b;
    for (String n : standard.names()) {
      withStandard.fact(n, standard.type(n).orElseThrow());
      origins.put(n, FactOrigin.standardFact());
    }
    if (verify) {
      for (String n : StandardFacts.VERIFICATION.names()) {
        withStandard.fact(n, StandardFacts.VERIFICATION.type(n).orElseThrow());
        origins.put(n, FactOrigin.standardFact());
      }
    }
    return new Scope(withStandard.build(), available.keySet(), origins);
  }

  private void knownAction(String at, String action) {
    if (knownActions.canonical(action).isEmpty()) {
      problem(
          at,
          "unknown action '"
              + action
              + "'"
              + didYouMeanAction(action)
              + "; known actions: "
              + Names.list(knownActions.spellings()));
    }
  }

  /** The closest spelling, also of actions that are no identifier ({@code get-metric-data}). */
  private String didYouMeanAction(String action) {
    return knownActions
        .actionType()
        .closestValue(action)
        .map(c -> " (did you mean '" + c + "'?)")
        .orElseGet(() -> Names.didYouMean(action, knownActions.spellings()));
  }

  private void name(String at, String value) {
    if (!Names.isIdentifier(value)) {
      problem(
          at,
          "'"
              + value
              + "' is not a name later steps can read: expected a letter or _, then letters,"
              + " digits and _");
    }
  }

  private void names(String at, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      name(at + "/" + i, values.get(i));
    }
  }

  private void notBlank(String at, String value) {
    if (value != null && value.isBlank()) {
      problem(at, "must not be empty");
    }
  }

  private void notBlank(String at, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      notBlank(at + "/" + i, values.get(i));
    }
  }

  private void positive(String at, Duration d) {
    if (d.isNegative() || d.isZero()) {
      problem(at, "expected a positive duration such as 30s or 10m; found " + d);
    }
  }

  private void checkExtensions(String at, Map<String, JsonNode> ext) {
    for (String key : ext.keySet()) {
      if (!key.startsWith("x-")) {
        problem(at + "/" + escape(key), "extension keys start with 'x-'; found '" + key + "'");
      }
    }
  }

  private void problem(String pointer, String message) {
    problems.add(new PlaybookProblem(pointer, message));
  }

  /** Escapes a key for a JSON pointer (RFC 6901). */
  static String escape(String key) {
    return io.github.aiplaybooks.core.condition.JsonPointers.escape(key);
  }
}
