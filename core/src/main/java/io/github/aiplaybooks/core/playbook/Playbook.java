package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A validated playbook: a name, the agent and model that run it, a trigger, ordered steps, declared
 * inputs and an optional routing tree. The JSON loader and the fluent DSL (module {@code
 * playbooks-dsl}) both build it through {@link Builder}, so both are checked by the same rules.
 *
 * <pre>{@code
 * Playbook p = Playbook.builder()
 *     .name("automated-rollback")
 *     .agent("eks-sre-agent")
 *     .step(new Step(1, "detect", "health_check", new HealthCheckSpec(Duration.ofSeconds(30),
 *         List.of(Condition.compile("pod_ready_rate > 80%")))))
 *     .build();
 * p.trigger();   // a HealthCheckTrigger, from the first step
 * }</pre>
 *
 * <p>{@link Builder#build()} checks everything it can before a run and reports every problem at
 * once ({@link InvalidPlaybookException}), each at the JSON pointer the format gives it:
 *
 * <ul>
 *   <li>names: the playbook's, each step's, inputs, {@code extract} fields and {@code output}s;
 *   <li>steps numbered 1, 2, 3, … without gaps or duplicates;
 *   <li>each action known to the {@link StepKindRegistry}, with parameters of its kind's type;
 *   <li>every condition reads only facts it may read (see {@link StandardFacts} and {@link Scope}):
 *       a misspelt fact is an error with the closest name; a step's output never stands in for a
 *       standard fact, a name of the trigger's context or an input (it is read as {@code
 *       step.name}); the conditions are then kept compiled against what they read;
 *   <li>every {@code ${variable}} in tool references and templates comes from the trigger's
 *       context, the inputs or an earlier step's outputs (not from the standard facts: those exist
 *       only when an action is decided);
 *   <li>time windows point the right way, confidences lie in (0, 1], savings are money, timeouts
 *       and intervals are positive, recipients are e-mail addresses or channels;
 *   <li>routing runbooks and savings opportunities name {@link KnownActions}.
 * </ul>
 *
 * <p>A playbook without a trigger gets one from its first step: {@code receive_alert} gives an
 * {@link AlertTrigger} for its sources; {@code health_check} a {@link HealthCheckTrigger} with its
 * interval and checks; anything else a {@link ManualTrigger}.
 *
 * <p>Immutable and thread-safe. Two playbooks are equal when their name, agent, model, trigger,
 * inputs, steps, routing and extensions are (conditions by their normalized syntax tree); the
 * registries used to check them are not part of the value.
 */
public final class Playbook {
  private final String name;
  private final String agent;
  private final String model;
  private final Trigger trigger;
  private final Map<String, FactType> inputs;
  private final List<Step> steps;
  private final Routing routing;
  private final Map<String, JsonNode> extensions;
  private final Map<String, JsonNode> triggerExtensions;
  private final StepKindRegistry stepKinds;
  private final KnownActions knownActions;
  private final PlaybookValidator.Scopes scopes;

  private Playbook(
      Builder b,
      Trigger trigger,
      List<Step> steps,
      Routing routing,
      PlaybookValidator.Scopes scopes) {
    this.name = b.name;
    this.agent = b.agent;
    this.model = b.model;
    this.trigger = trigger;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
    this.steps = List.copyOf(steps);
    this.routing = routing;
    this.extensions = Step.copy(b.extensions);
    this.triggerExtensions = Step.copy(b.triggerExtensions);
    this.stepKinds = b.stepKinds;
    this.knownActions = b.knownActions;
    this.scopes = scopes;
  }

  /**
   * A new builder that checks with {@link StepKindRegistry#defaults()} and {@link
   * KnownActions#seedCatalog()}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this playbook's values and registries. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .name(name)
            .agent(agent)
            .model(model)
            .trigger(trigger)
            .routing(routing)
            .stepKinds(stepKinds)
            .knownActions(knownActions);
    b.inputs.putAll(inputs);
    b.steps.addAll(steps);
    b.extensions.putAll(extensions);
    b.triggerExtensions.putAll(triggerExtensions);
    return b;
  }

  /** The name ({@code playbook}), such as {@code automated-rollback}. */
  public String name() {
    return name;
  }

  /** The agent that runs it ({@code agent}), such as {@code eks-sre-agent}. */
  public Optional<String> agent() {
    return Optional.ofNullable(agent);
  }

  /** The model id ({@code model}), such as {@code anthropic.claude-3-sonnet-20240229-v1:0}. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** What starts a run: as declared, or derived from the first step. */
  public Trigger trigger() {
    return trigger;
  }

  /** The declared inputs ({@code inputs}): names a run is given, with their types. */
  public Map<String, FactType> inputs() {
    return inputs;
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** The step called {@code name} (without its number), if there is one. */
  public Optional<Step> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The routing tree ({@code routing}), if there is one. */
  public Optional<Routing> routing() {
    return Optional.ofNullable(routing);
  }

  /**
   * The trigger the first step implies, which a playbook without a declared trigger gets: an {@link
   * AlertTrigger} for {@code receive_alert}, a {@link HealthCheckTrigger} for {@code health_check},
   * else a {@link ManualTrigger}. A writer can leave out a trigger equal to it.
   */
  public Trigger impliedTrigger() {
    return Builder.impliedTrigger(steps);
  }

  /** The playbook's {@code x-} keys, each value a copy. */
  public Map<String, JsonNode> extensions() {
    return Step.copy(extensions);
  }

  /**
   * The {@code trigger} object's {@code x-} keys, each value a copy. They belong to the playbook
   * rather than to the {@link Trigger}, which is a plain value shared with the implied trigger.
   */
  public Map<String, JsonNode> triggerExtensions() {
    return Step.copy(triggerExtensions);
  }

  /** The step kinds this playbook was checked with. */
  public StepKindRegistry stepKinds() {
    return stepKinds;
  }

  /** The known actions this playbook was checked with. */
  public KnownActions knownActions() {
    return knownActions;
  }

  /** The kind of {@code step}'s action. */
  public StepKind kind(Step step) {
    return stepKinds.kind(step.action());
  }

  /** The names {@code step} makes available to later steps. */
  public Set<String> outputs(Step step) {
    return kind(step).outputs(step.spec());
  }

  /**
   * What {@code step} may read and where each name's value comes from (trusted code or a step's
   * output, the model's or not): see {@link Scope}. The step's conditions are compiled against
   * {@code scope(step).facts()}.
   *
   * @throws IllegalArgumentException if the step is not one of this playbook's
   */
  public Scope scope(Step step) {
    Scope s = scopes.steps().get(step.key());
    if (s == null || !steps.contains(step)) {
      throw new IllegalArgumentException("step: " + step.key() + " is not a step of " + name);
    }
    return s;
  }

  /**
   * What routing conditions may read: the standard facts, the trigger's context, the inputs and
   * every step's outputs (by qualified name, and by bare name where that is not a trusted name).
   */
  public Scope routingScope() {
    return scopes.routing();
  }

  /**
   * The facts {@code step}'s conditions may read, with their types: {@code scope(step).facts()}.
   * The step's conditions are already compiled against it.
   *
   * @throws IllegalArgumentException if the step is not one of this playbook's
   */
  public FactSchema facts(Step step) {
    return scope(step).facts();
  }

  /** The facts routing conditions may read: {@code routingScope().facts()}. */
  public FactSchema routingFacts() {
    return scopes.routing().facts();
  }

  /**
   * The {@code ${variables}} {@code step} may read: the trigger's context, the inputs and the
   * outputs of earlier steps ({@code scope(step).variables()}).
   *
   * @throws IllegalArgumentException if the step is not one of this playbook's
   */
  public Set<String> variables(Step step) {
    return scope(step).variables();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Playbook)) {
      return false;
    }
    Playbook p = (Playbook) o;
    return name.equals(p.name)
        && Objects.equals(agent, p.agent)
        && Objects.equals(model, p.model)
        && trigger.equals(p.trigger)
        && inputs.equals(p.inputs)
        && steps.equals(p.steps)
        && Objects.equals(routing, p.routing)
        && extensions.equals(p.extensions)
        && triggerExtensions.equals(p.triggerExtensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, agent, model, trigger, inputs, steps, routing, extensions, triggerExtensions);
  }

  /**
   * The name, trigger and step keys: {@code Playbook{automated-rollback, health_check, [1_detect,
   * ...]}}.
   */
  @Override
  public String toString() {
    List<String> keys = new ArrayList<>();
    steps.forEach(s -> keys.add(s.key()));
    return "Playbook{" + name + ", " + trigger.type() + ", " + keys + "}";
  }

  /**
   * Collects a playbook's parts; {@link #build()} checks them all. Setters replace; {@code null}
   * clears an optional value. Not thread-safe.
   */
  public static final class Builder {
    private String name;
    private String agent;
    private String model;
    private Trigger trigger;
    private final Map<String, FactType> inputs = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private Routing routing;
    private final Map<String, JsonNode> extensions = new LinkedHashMap<>();
    private final Map<String, JsonNode> triggerExtensions = new LinkedHashMap<>();
    private StepKindRegistry stepKinds = StepKindRegistry.defaults();
    private KnownActions knownActions = KnownActions.seedCatalog();

    private Builder() {}

    /** The playbook's name; required. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The agent that runs it. */
    public Builder agent(String agent) {
      this.agent = agent;
      return this;
    }

    /** The model id. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** What starts a run; {@code null} to derive it from the first step. */
    public Builder trigger(Trigger trigger) {
      this.trigger = trigger;
      return this;
    }

    /** Declares an input a run is given, such as {@code service} of {@link FactType#STRING}. */
    public Builder input(String name, FactType type) {
      inputs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"));
      return this;
    }

    /** Adds a step; steps may be added in any order (their numbers order them). */
    public Builder step(Step step) {
      steps.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /** Replaces the steps. */
    public Builder steps(List<Step> steps) {
      this.steps.clear();
      this.steps.addAll(Checks.copy(steps, "steps"));
      return this;
    }

    /** The routing tree; {@code null} for none. */
    public Builder routing(Routing routing) {
      this.routing = routing;
      return this;
    }

    /** Adds an {@code x-} key with users' own data. */
    public Builder extension(String key, JsonNode value) {
      extensions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds an {@code x-} key with users' own data to the {@code trigger} object. */
    public Builder triggerExtension(String key, JsonNode value) {
      triggerExtensions.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The step kinds to check actions with; {@link StepKindRegistry#defaults()} unless set. */
    public Builder stepKinds(StepKindRegistry stepKinds) {
      this.stepKinds = Objects.requireNonNull(stepKinds, "stepKinds");
      return this;
    }

    /**
     * The actions runbooks and opportunities may name; {@link KnownActions#seedCatalog()} unless
     * set.
     */
    public Builder knownActions(KnownActions knownActions) {
      this.knownActions = Objects.requireNonNull(knownActions, "knownActions");
      return this;
    }

    /**
     * Checks everything and builds the playbook.
     *
     * @throws InvalidPlaybookException with every problem found, each at its JSON pointer
     */
    public Playbook build() {
      List<Step> ordered = new ArrayList<>(steps);
      ordered.sort(Comparator.comparingInt(Step::order));
      Trigger t = trigger != null ? trigger : impliedTrigger(ordered);
      PlaybookValidator v =
          new PlaybookValidator(
              name,
              agent,
              model,
              t,
              trigger == null,
              inputs,
              ordered,
              routing,
              extensions,
              triggerExtensions,
              stepKinds,
              knownActions);
      List<PlaybookProblem> problems = v.validate();
      if (!problems.isEmpty()) {
        throw new InvalidPlaybookException(name == null ? "" : name, problems);
      }
      // Keep the conditions as validated: compiled against what each may read.
      PlaybookValidator.Scopes scopes = v.scopes();
      List<Step> bound = new ArrayList<>(ordered.size());
      for (Step s : ordered) {
        bound.add(ConditionBinding.bind(s, scopes.steps().get(s.key())));
      }
      Trigger boundTrigger =
          trigger != null ? ConditionBinding.bind(t, scopes.start()) : impliedTrigger(bound);
      Routing boundRouting =
          routing == null ? null : ConditionBinding.bind(routing, scopes.routing());
      return new Playbook(this, boundTrigger, bound, boundRouting, scopes);
    }

    static Trigger impliedTrigger(List<Step> ordered) {
      if (!ordered.isEmpty()) {
        StepSpec first = ordered.get(0).spec();
        if (first instanceof ReceiveSpec) {
          return new AlertTrigger(((ReceiveSpec) first).sources(), List.of());
        }
        if (first instanceof HealthCheckSpec) {
          HealthCheckSpec h = (HealthCheckSpec) first;
          return new HealthCheckTrigger(h.interval(), h.checks());
        }
      }
      return new ManualTrigger();
    }
  }
}
