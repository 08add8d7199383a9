package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.Explanation;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.condition.Truth;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an action may run: the gate every action passes, with a {@link Policy}, a clock,
 * rate-limit state and emergency stops.
 *
 * <p>{@link #decide(ActionRequest)} applies these rules in this order; the first that applies
 * decides:
 *
 * <ol>
 *   <li>the action is not in the policy's {@link ActionCatalog} → {@code DENY} (rule {@code
 *       catalog});
 *   <li>an {@link EmergencyStop} is engaged and the action is not {@link Effect#READ} → {@code
 *       DENY} (rule {@code emergency_stop});
 *   <li>the trusted facts are invalid (a value of the wrong type, or an {@code action} fact that
 *       names another action) → {@code DENY} (rule {@code facts});
 *   <li>the action's rate limit is reached → {@code DENY} with {@link Decision#retryAt()} (rule
 *       {@code rate_limits.CATEGORY});
 *   <li>a rule that requires a human holds, <em>or cannot be decided because a fact it reads is
 *       missing</em> → {@code REQUIRE_APPROVAL};
 *   <li>a rule that allows without a human holds (a missing fact means it does not) → {@code
 *       ALLOW};
 *   <li>otherwise a {@link Effect#READ} action → {@code ALLOW} (rule {@code default.read}), any
 *       other → {@code REQUIRE_APPROVAL} (rule {@code default.approval}).
 * </ol>
 *
 * <p>So a rule that requires a human always beats one that allows, and a missing fact never allows
 * anything. Rules read the request's trusted facts plus the computed facts those lack: {@code
 * action} (the canonical name), {@code off_hours} (from the policy's {@link BusinessHours} and the
 * clock), {@code scale_up}/{@code scale_down} (from {@code replicas} and {@code target_replicas}
 * for an action that {@linkplain ActionDefinition#changesReplicas() changes replicas}, and missing
 * when those are not given; 0 for any other action), and {@code blast_radius} 0 for a {@link
 * Effect#READ} action. Nothing the model says is a fact unless trusted code puts it in the request.
 * A rule that reads {@code scale_up} or {@code scale_down} applies only to a request that scales in
 * that direction (see {@link Policy}), so {@code scale_up < 2x} never allows a drain or a
 * scale-down.
 *
 * <p>Deciding counts nothing: it says whether the rate limit <em>would</em> be exceeded. Count an
 * execution with {@link #reserve(ActionRequest)} when the action runs.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder(Policy.seed()).clock(clock).build();
 * ActionRequest restart = ActionRequest.builder("restart_pod")
 *     .target(Target.of("pod", "default", "api-service-abc123"))
 *     .facts(Facts.builder().put("severity", "P1").put("blast_radius", 1).build())
 *     .build();
 * Decision d = engine.decide(restart);          // ALLOW by auto_approve[0]: restart_pod
 * if (d.isAllowed()) {
 *   try (RateLimitReservation slot = engine.reserve(restart).orElseThrow()) {
 *     restartPod();
 *     slot.confirm();
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; deciding takes no lock but the rate-limit key's.
 */
public final class PolicyEngine {
  private final Policy policy;
  private final Clock clock;
  private final RateLimitStore store;
  private final EmergencyStop[] stops;
  private final Map<String, ActionPlan> plans;

  private PolicyEngine(Builder b) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.store = b.store != null ? b.store : new InMemoryRateLimitStore();
    List<EmergencyStop> all = new ArrayList<>();
    if (policy.emergencyStop()) {
      all.add(EmergencyStop.of("policy " + Policy.EMERGENCY_STOP, () -> true));
    }
    all.addAll(b.stops);
    this.stops = all.toArray(new EmergencyStop[0]);
    Map<String, ActionPlan> byName = new HashMap<>();
    for (ActionDefinition d : policy.catalog().actions()) {
      ActionPlan plan = new ActionPlan(d, policy, store, clock);
      byName.put(d.name(), plan);
      d.aliases().forEach(alias -> byName.put(alias, plan));
    }
    this.plans = byName;
  }

  /** A builder for an engine that applies {@code policy}. */
  public static Builder builder(Policy policy) {
    return new Builder(policy);
  }

  /** The policy applied. */
  public Policy policy() {
    return policy;
  }

  /**
   * Decides about {@code request} now, by the engine's clock, in the order described on this class.
   * Counts nothing. Never throws for what the request holds: anything wrong with it is a {@code
   * DENY} that says what.
   */
  public Decision decide(ActionRequest request) {
    Objects.requireNonNull(request, "request");
    Instant now = clock.instant();
    Facts trusted = request.facts();
    ActionPlan plan = plans.get(request.action());
    if (plan == null) {
      return new Decision(
          Decision.Outcome.DENY,
          List.of(
              "unknown action '"
                  + request.action()
                  + "'"
                  + policy.catalog().didYouMean(request.action())
                  + ": an action that is not in the action catalog is refused"),
          RuleRef.fixed(RuleRef.CATALOG, request.action()),
          null,
          request.action(),
          trusted,
          now);
    }
    if (plan.effect != Effect.READ && stops.length > 0) {
      Decision stopped = emergencyStop(plan, trusted, now);
      if (stopped != null) {
        return stopped;
      }
    }
    Facts facts;
    try {
      facts = plan.facts(trusted, now);
    } catch (InvalidFactsException e) {
      return invalidFacts(plan, trusted, now, e.getMessage());
    }
    if (plan.limit != null) {
      Decision limited = rateLimit(plan, request.target(), facts, now);
      if (limited != null) {
        return limited;
      }
    }
    try {
      return rules(plan, facts, now);
    } catch (ConditionTypeException e) {
      return invalidFacts(plan, facts, now, e.reason());
    }
  }

  /**
   * Takes a rate-limit slot for executing {@code request} now: call it when the action is about to
   * run (after it was allowed or approved), then {@link RateLimitReservation#confirm() confirm} or
   * {@link RateLimitReservation#release() release} the slot. For an action that no rate limit
   * counts, the reservation counts nothing.
   *
   * @return the slot, or empty if the limit is reached now, the action is unknown, or the limit is
   *     counted per target or namespace and the request does not name one
   */
  public Optional<RateLimitReservation> reserve(ActionRequest request) {
    Objects.requireNonNull(request, "request");
    Instant now = clock.instant();
    ActionPlan plan = plans.get(request.action());
    if (plan == null) {
      return Optional.empty();
    }
    if (plan.limit == null) {
      return Optional.of(RateLimitReservation.unlimited(now));
    }
    String key = plan.key(request.target());
    if (key == null) {
      return Optional.empty();
    }
    return plan.limiter.tryReserve(key, now);
  }

  /**
   * Counts an execution of {@code request} that already happened at {@code at}, such as one read
   * from a history, whether or not its rate limit had room. Does nothing for an action that no rate
   * limit counts.
   *
   * @throws IllegalArgumentException if the action is unknown, or its limit is counted per target
   *     or namespace and the request does not name one
   */
  public void recordExecution(ActionRequest request, Instant at) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(at, "at");
    ActionPlan plan = plans.get(request.action());
    if (plan == null) {
      throw new IllegalArgumentException(
          "request: unknown action '"
              + request.action()
              + "'"
              + policy.catalog().didYouMean(request.action()));
    }
    if (plan.limit == null) {
      return;
    }
    String key = plan.key(request.target());
    if (key == null) {
      throw new IllegalArgumentException(
          "request: the rate limit "
              + plan.limit.category()
              + " is counted per "
              + scopeWord(plan.limit)
              + ", and the request names none");
    }
    plan.limiter.record(key, at);
  }

  private Decision emergencyStop(ActionPlan plan, Facts facts, Instant now) {
    List<String> reasons = null;
    for (EmergencyStop stop : stops) {
      String why;
      try {
        why = stop.engaged() ? "emergency stop '" + stop.name() + "' is engaged" : null;
      } catch (RuntimeException e) {
        why =
            "emergency stop '"
                + stop.name()
                + "' could not be read ("
                + e
                + "), so it counts"
                + " as engaged";
      }
      if (why != null) {
        if (reasons == null) {
          reasons = new ArrayList<>();
        }
        reasons.add(why + ": only READ actions run, and " + plan.name + " is " + plan.effect);
      }
    }
    if (reasons == null) {
      return null;
    }
    return new Decision(
        Decision.Outcome.DENY,
        reasons,
        RuleRef.fixed(RuleRef.EMERGENCY_STOP, "engaged"),
        null,
        plan.name,
        facts,
        now);
  }

  private static Decision invalidFacts(ActionPlan plan, Facts facts, Instant now, String why) {
    return new Decision(
        Decision.Outcome.DENY,
        List.of("invalid trusted facts: " + why),
        RuleRef.fixed(RuleRef.FACTS, why),
        null,
        plan.name,
        facts,
        now);
  }

  private static Decision rateLimit(ActionPlan plan, Target target, Facts facts, Instant now) {
    RateLimit limit = plan.limit;
    RuleRef rule = plan.limitRule;
    String key = plan.key(target);
    if (key == null) {
      return new Decision(
          Decision.Outcome.DENY,
          List.of(
              "the rate limit "
                  + limit.category()
                  + " ("
                  + limit
                  + ") is counted per "
                  + scopeWord(limit)
                  + ", and the request names no "
                  + scopeWord(limit)),
          rule,
          null,
          plan.name,
          facts,
          now);
    }
    Instant available = plan.limiter.availableAt(key, now);
    if (!available.isAfter(now)) {
      return null;
    }
    boolean never = available.equals(Instant.MAX);
    String reason =
        "rate limit "
            + limit.category()
            + " ("
            + limit
            + ") reached"
            + (limit.scope() == RateLimit.Scope.CATEGORY ? "" : " for " + key)
            + ": "
            + plan.limiter.held(key, now)
            + " executions in the last "
            + window(limit)
            + (never ? "; a limit of zero never admits" : "; a slot frees up at " + available);
    return new Decision(
        Decision.Outcome.DENY,
        List.of(reason),
        rule,
        never ? null : available,
        plan.name,
        facts,
        now);
  }

  private Decision rules(ActionPlan plan, Facts facts, Instant now) {
    Rule.ScaleDirection direction = plan.direction(facts);
    List<Rule> require = policy.compiledRequireRules();
    Rule firstRequire = null;
    List<String> reasons = null;
    for (int i : plan.requireToCheck) {
      Rule r = require.get(i);
      if (!r.appliesTo(direction)) {
        continue;
      }
      Truth t =
          plan.requireConstant[i] != null ? plan.requireConstant[i] : r.condition.evaluate(facts);
      if (t != Truth.FALSE) {
        if (reasons == null) {
          reasons = new ArrayList<>();
          firstRequire = r;
        }
        reasons.add(requireReason(r, t, facts));
      }
    }
    List<Rule> auto = policy.compiledAutoRules();
    if (firstRequire != null) {
      for (int i : plan.autoToCheck) {
        Rule r = auto.get(i);
        if (r.appliesTo(direction) && autoTruth(plan, i, r, facts) == Truth.TRUE) {
          reasons.add(
              r.ref.id()
                  + " ("
                  + r.ref.text()
                  + ") also holds, but a rule that requires approval wins");
        }
      }
      return new Decision(
          Decision.Outcome.REQUIRE_APPROVAL,
          reasons,
          firstRequire.ref,
          null,
          plan.name,
          facts,
          now);
    }
    Rule firstAuto = null;
    long unknownAutos = 0;
    for (int i : plan.autoToCheck) {
      Rule r = auto.get(i);
      if (!r.appliesTo(direction)) {
        continue;
      }
      Truth t = autoTruth(plan, i, r, facts);
      if (t == Truth.TRUE) {
        if (reasons == null) {
          reasons = new ArrayList<>(4);
          firstAuto = r;
        }
        reasons.add(r.holdsReason);
      } else if (t == Truth.UNKNOWN && i < 64) {
        unknownAutos |= 1L << i;
      }
    }
    if (firstAuto != null) {
      return new Decision(
          Decision.Outcome.ALLOW, reasons, firstAuto.ref, null, plan.name, facts, now);
    }
    reasons = new ArrayList<>();
    boolean read = plan.effect == Effect.READ;
    reasons.add(
        read
            ? "no rule matched, and " + plan.name + " only reads"
            : "no rule matched, and "
                + plan.name
                + " is "
                + plan.effect
                + ": an action that changes something needs a rule that allows it, or a human");
    for (int i = 0; i < auto.size() && i < 64; i++) {
      if ((unknownAutos & (1L << i)) != 0) {
        Rule r = auto.get(i);
        reasons.add(
            r.ref.id()
                + " ("
                + r.condition.normalized()
                + ") cannot be decided: "
                + missing(r, facts)
                + ", so it does not allow (fail closed)");
      }
    }
    return new Decision(
        read ? Decision.Outcome.ALLOW : Decision.Outcome.REQUIRE_APPROVAL,
        reasons,
        plan.defaultRule,
        null,
        plan.name,
        facts,
        now);
  }

  private static Truth autoTruth(ActionPlan plan, int i, Rule r, Facts facts) {
    Truth constant = plan.autoConstant[i];
    return constant != null ? constant : r.condition.evaluate(facts);
  }

  private static String requireReason(Rule r, Truth t, Facts facts) {
    if (r.action != null) {
      return r.holdsReason;
    }
    if (t == Truth.TRUE) {
      return r.ref.id() + ": " + r.condition.explain(facts).text();
    }
    return r.ref.id()
        + ": "
        + r.condition.normalized()
        + " cannot be decided: "
        + missing(r, facts)
        + ", so it requires approval (fail closed)";
  }

  private static String missing(Rule r, Facts facts) {
    Explanation e = r.condition.explain(facts);
    List<String> names = new ArrayList<>(e.missingFacts());
    return (names.size() == 1 ? "fact " : "facts ")
        + String.join(", ", names)
        + (names.size() == 1 ? " is missing" : " are missing");
  }

  private static String scopeWord(RateLimit limit) {
    return limit.scope() == RateLimit.Scope.NAMESPACE ? "namespace" : "target";
  }

  private static String window(RateLimit limit) {
    String rate = limit.rate().toString();
    return rate.substring(rate.indexOf(" per ") + " per ".length());
  }

  /** Trusted facts that cannot be used: the action fact names another action. */
  static final class InvalidFactsException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidFactsException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Everything about one action that does not depend on the request: its computed facts for either
   * value of {@code off_hours}, its rate limiter, and the results of the rules that read only
   * {@code action}, worked out once so that a decision evaluates only the rules that read other
   * facts.
   */
  private static final class ActionPlan {
    final String name;
    final java.util.Set<String> spellings;
    final Effect effect;
    final boolean changesReplicas;
    final BusinessHours hours;
    final FactSchema schema;
    final RateLimit limit;
    final RuleRef limitRule;
    final SlidingWindowRateLimiter limiter;
    final RuleRef defaultRule;

    /** The computed facts when the trusted facts give none of them, by {@code off_hours}. */
    final Facts computedOffHours;

    final Facts computedBusinessHours;

    /** Per rule: its result if it reads only the action, else {@code null}. */
    final Truth[] requireConstant;

    final Truth[] autoConstant;

    /** The rules that may hold for this action: the constant true ones and the others. */
    final int[] requireToCheck;

    final int[] autoToCheck;

    ActionPlan(ActionDefinition d, Policy policy, RateLimitStore store, Clock clock) {
      this.name = d.name();
      java.util.Set<String> names = new java.util.HashSet<>(d.aliases());
      names.add(name);
      this.spellings = names;
      this.effect = d.effect();
      this.changesReplicas = d.changesReplicas();
      this.hours = policy.businessHours();
      this.schema = policy.factSchema();
      this.limit = d.rateLimitCategory().flatMap(policy::rateLimit).orElse(null);
      this.limitRule =
          limit == null
              ? null
              : RuleRef.fixed(RuleRef.RATE_LIMITS + "." + limit.category(), limit.toString());
      this.limiter =
          limit == null
              ? null
              : SlidingWindowRateLimiter.builder(limit.rate()).store(store).clock(clock).build();
      this.defaultRule =
          effect == Effect.READ
              ? RuleRef.fixed(RuleRef.DEFAULT_READ, "")
              : RuleRef.fixed(RuleRef.DEFAULT_APPROVAL, "");
      this.computedOffHours = computed(true);
      this.computedBusinessHours = computed(false);
      Facts actionOnly = Facts.builder().put(PolicyFacts.ACTION, name).build();
      List<Rule> require = policy.compiledRequireRules();
      List<Rule> auto = policy.compiledAutoRules();
      this.requireConstant = constants(require, actionOnly, changesReplicas);
      this.autoConstant = constants(auto, actionOnly, changesReplicas);
      this.requireToCheck = toCheck(requireConstant);
      this.autoToCheck = toCheck(autoConstant);
    }

    private Facts computed(boolean offHours) {
      Facts.Builder b =
          Facts.builder().put(PolicyFacts.ACTION, name).put(PolicyFacts.OFF_HOURS, offHours);
      if (!changesReplicas) {
        b.put(PolicyFacts.SCALE_UP, 0).put(PolicyFacts.SCALE_DOWN, 0);
      }
      if (effect == Effect.READ) {
        // A read changes no pod.
        b.put(PolicyFacts.BLAST_RADIUS, 0);
      }
      return b.build();
    }

    private static Truth[] constants(List<Rule> rules, Facts actionOnly, boolean changesReplicas) {
      Truth[] out = new Truth[rules.size()];
      for (int i = 0; i < out.length; i++) {
        Rule r = rules.get(i);
        if (!changesReplicas && r.readsScale()) {
          // A rule about scaling never applies to an action that scales nothing.
          out[i] = Truth.FALSE;
        } else if (r.readsOnlyAction()) {
          out[i] = r.condition.evaluate(actionOnly);
        }
      }
      return out;
    }

    private static int[] toCheck(Truth[] constants) {
      return java.util.stream.IntStream.range(0, constants.length)
          .filter(i -> constants[i] != Truth.FALSE)
          .toArray();
    }

    /** Which way the request with these (complete) facts changes a replica count. */
    Rule.ScaleDirection direction(Facts facts) {
      if (!changesReplicas) {
        return Rule.ScaleDirection.NONE;
      }
      double up = ratio(facts, PolicyFacts.SCALE_UP);
      double down = ratio(facts, PolicyFacts.SCALE_DOWN);
      if (up > 0) {
        return Rule.ScaleDirection.UP;
      }
      if (down > 0) {
        return Rule.ScaleDirection.DOWN;
      }
      return up == 0 && down == 0 ? Rule.ScaleDirection.NONE : Rule.ScaleDirection.UNKNOWN;
    }

    private static double ratio(Facts facts, String name) {
      Object v = facts.get(name).orElse(null);
      return v instanceof Quantity ? ((Quantity) v).baseValue() : Double.NaN;
    }

    /** The rate-limit key of an execution on {@code target}, or {@code null} if it has none. */
    String key(Target target) {
      switch (limit.scope()) {
        case NAMESPACE:
          return target.namespace() == null
              ? null
              : limit.category() + "|namespace:" + target.namespace();
        case TARGET:
          return target.name() == null ? null : limit.category() + "|target:" + target.key();
        default:
          return limit.category();
      }
    }

    /** The trusted facts with the computed facts they lack. */
    Facts facts(Facts trusted, Instant now) throws InvalidFactsException {
      if (!schema.conforms(trusted)) {
        Map.Entry<String, String> bad = schema.violations(trusted).entrySet().iterator().next();
        throw new InvalidFactsException("fact " + bad.getKey() + " " + bad.getValue());
      }
      if (trusted.contains(PolicyFacts.ACTION)) {
        Object given = trusted.get(PolicyFacts.ACTION).orElseThrow();
        if (!(given instanceof String)) {
          throw new InvalidFactsException(
              "fact action is " + given + ", not the name of an action");
        }
        if (!spellings.contains(given)) {
          throw new InvalidFactsException(
              "fact action is '" + given + "', but the request is for " + name);
        }
      }
      // A trusted off_hours wins over the computed one, so the clock is read only without it.
      boolean offHours = !trusted.contains(PolicyFacts.OFF_HOURS) && hours.isOffHours(now);
      Facts computed = offHours ? computedOffHours : computedBusinessHours;
      if (changesReplicas
          && !(trusted.contains(PolicyFacts.SCALE_UP)
              && trusted.contains(PolicyFacts.SCALE_DOWN))) {
        computed = withScale(computed, trusted);
      }
      return trusted.withDefaults(computed);
    }

    private static Facts withScale(Facts computed, Facts trusted) {
      double current = number(trusted, PolicyFacts.REPLICAS);
      double target = number(trusted, PolicyFacts.TARGET_REPLICAS);
      // Unknown or unusable counts leave the facts missing, so rules that read them fail closed.
      if (!(current > 0) || !(target >= 0)) {
        return computed;
      }
      double up = target > current ? target / current : 0;
      double down = target < current ? (current - target) / current : 0;
      return Facts.builder()
          .putAll(computed)
          .put(PolicyFacts.SCALE_UP, up)
          .put(PolicyFacts.SCALE_DOWN, down)
          .build();
    }

    private static double number(Facts facts, String name) {
      Object v = facts.get(name).orElse(null);
      if (v instanceof Quantity && ((Quantity) v).dimension() == Quantity.Dimension.NUMBER) {
        return ((Quantity) v).baseValue();
      }
      return Double.NaN;
    }
  }

  /** Builds a {@link PolicyEngine}. Not thread-safe. */
  public static final class Builder {
    private final Policy policy;
    private Clock clock = Clock.systemUTC();
    private RateLimitStore store;
    private final List<EmergencyStop> stops = new ArrayList<>();

    private Builder(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Sets the clock for decisions, rate limits and {@code off_hours}; the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets where rate-limit counts are kept; a new {@link InMemoryRateLimitStore} unless set. */
    public Builder rateLimitStore(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Adds an emergency stop: while it (or any other, or the policy's {@code emergency_stop}) is
     * engaged, only {@link Effect#READ} actions are allowed.
     */
    public Builder emergencyStop(EmergencyStop stop) {
      stops.add(Objects.requireNonNull(stop, "stop"));
      return this;
    }

    /** The engine. */
    public PolicyEngine build() {
      return new PolicyEngine(this);
    }
  }
}
