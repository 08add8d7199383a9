package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Quantity;
import io.github.aiplaybooks.core.condition.Truth;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

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
 *   <li>the trusted facts are invalid (a value of the wrong type, a negative count, an {@code
 *       action}, {@code namespace} or {@code cluster} fact that names another action or place than
 *       the request's, scale facts the replica counts do not make) → {@code DENY} (rule {@code
 *       facts});
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
 * clock), {@code namespace} and {@code cluster} (from the request's {@link Target}), {@code
 * scale_up}/{@code scale_down} (from {@code replicas} and {@code target_replicas} for an action
 * that {@linkplain ActionDefinition#changesReplicas() changes replicas}, and missing when those are
 * not given; 0 for any other action), and {@code blast_radius} 0 for a {@link Effect#READ} action.
 * A trusted fact of the wrong type, a negative count, or one that disagrees with these (another
 * namespace than the target's, a scale ratio the replica counts do not make) is rule 3's {@code
 * DENY}. Nothing the model says is a fact unless trusted code puts it in the request. When a reason
 * rests on a rule that reads a computed {@code off_hours}, the decision adds one more reason that
 * names the business hours and zone it came from, and whether they are the policy's or the UTC
 * default.
 *
 * <p>Two limits on rules that allow, described on {@link Policy}: one that reads {@code scale_up}
 * or {@code scale_down} allows only a request that scales in that direction, so {@code scale_up <
 * 2x} never allows a drain or a scale-down (rules that require a human read both plainly); and a
 * {@link Effect#DESTRUCTIVE} action is allowed only by a rule that names it, so the seed's {@code
 * blast_radius < 10_pods} never allows {@code consolidate_lb}.
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
 * Authorization auth = engine.authorize(restart); // ALLOW by auto_approve[0]: restart_pod
 * if (auth.isAllowed()) {
 *   try (RateLimitReservation permit = auth.permit().orElseThrow()) {
 *     restartPod();
 *     permit.confirm();
 *   }   // released by close() if restartPod() threw
 * }
 * }</pre>
 *
 * <p><b>Which call when.</b> {@link #decide} only looks: it says what would happen now and counts
 * nothing (previews, explanations, deciding whether to ask a human). {@link #authorize} is the gate
 * in front of an action that should run now: it decides and, if the decision is {@code ALLOW},
 * takes the action's rate-limit slot in the same call, so nothing can fill the limit or pull an
 * emergency stop between the two unnoticed. After a human approved an action that needed approval,
 * call {@link #tryReserve} right before running it: it checks the emergency stops and the rate
 * limit again (an approval may wait an hour) and says why if it refuses. {@link #reserve} is the
 * same as an {@code Optional}, empty whatever the reason.
 *
 * <p><b>Rate-limit keys.</b> Executions are counted per rate-limit category, and apart per cluster
 * when the request's {@link Target} names one; per namespace or per target when the policy says so;
 * under the {@linkplain Builder#rateLimitKeyPrefix key prefix} of the engine, so that tenants
 * sharing a {@link RateLimitStore} are counted apart. A request with an {@linkplain
 * ActionRequest#idempotencyKey() idempotency key} takes one slot however often it is retried: the
 * same key, action and target within the window are the same execution.
 *
 * <p>Immutable and thread-safe; deciding takes no lock but the rate-limit key's.
 */
public final class PolicyEngine {
  private final Policy policy;
  private final Clock clock;
  private final RateLimitStore store;
  private final EmergencyStop[] stops;
  private final Map<String, ActionPlan> plans;

  /** How {@code off_hours} was computed, when it is false and when it is true. */
  private final String[] offHoursNote;

  private PolicyEngine(Builder b) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.store = b.store != null ? b.store : new InMemoryRateLimitStore(clock);
    List<EmergencyStop> all = new ArrayList<>();
    if (policy.emergencyStop()) {
      all.add(EmergencyStop.of("policy " + Policy.EMERGENCY_STOP, () -> true));
    }
    all.addAll(b.stops);
    this.stops = all.toArray(new EmergencyStop[0]);
    NanoClock nanos = NanoClock.of(clock);
    Map<String, ActionPlan> byName = new HashMap<>();
    for (ActionDefinition d : policy.catalog().actions()) {
      ActionPlan plan = new ActionPlan(d, policy, store, nanos, b.keyPrefix);
      byName.put(d.name(), plan);
      d.aliases().forEach(alias -> byName.put(alias, plan));
    }
    this.plans = byName;
    String from =
        " from the business hours "
            + policy.businessHours()
            + (policy.declaresBusinessHours()
                ? " (the policy's business_hours)"
                : " (the default: the policy declares no business_hours, so the zone is UTC)");
    this.offHoursNote =
        new String[] {"off_hours is false: computed" + from, "off_hours is true: computed" + from};
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
          List.of(unknownAction(request)),
          RuleRef.fixed(RuleRef.CATALOG, request.action()),
          null,
          request.action(),
          trusted,
          now);
    }
    if (plan.effect != Effect.READ && stops.length > 0) {
      List<String> stopped = engagedStops(plan);
      if (stopped != null) {
        return new Decision(
            Decision.Outcome.DENY, stopped, STOP_RULE, null, plan.name, trusted, now);
      }
    }
    Facts facts;
    try {
      facts = plan.facts(trusted, request.target(), now);
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
      return rules(plan, facts, now, !trusted.contains(PolicyFacts.OFF_HOURS));
    } catch (ConditionTypeException e) {
      return invalidFacts(plan, facts, now, e.reason());
    }
  }

  /**
   * Decides about {@code request} now and, if the decision is {@code ALLOW}, takes its rate-limit
   * slot in the same call: the gate in front of an action that should run now (see the class
   * description). If the slot cannot be taken, the decision becomes a {@code DENY} that says why.
   * Never throws for what the request holds.
   */
  public Authorization authorize(ActionRequest request) {
    Decision d = decide(request);
    if (!d.isAllowed()) {
      return new Authorization(d, null);
    }
    ReservationResult r = tryReserve(request);
    if (r instanceof ReservationResult.Reserved) {
      return new Authorization(d, ((ReservationResult.Reserved) r).reservation());
    }
    ReservationResult.Refused refused = (ReservationResult.Refused) r;
    return new Authorization(
        new Decision(
            Decision.Outcome.DENY,
            List.of(refused.reason()),
            refused.rule(),
            refused.retryAt(),
            d.action(),
            d.facts(),
            d.decidedAt()),
        null);
  }

  /**
   * Takes a rate-limit slot for executing {@code request} now, or says why not: call it when an
   * action that was approved is about to run, then {@link RateLimitReservation#confirm() confirm}
   * or {@link RateLimitReservation#release() release} the slot. It checks again what may have
   * changed since the decision: an action that is not READ is refused while an emergency stop is
   * engaged, and the rate limit must have room. For an action that no rate limit counts, the
   * reservation counts nothing. A request with an idempotency key that already holds a slot in the
   * window gets that slot again (see the class description). Rules are not evaluated again: decide
   * (or {@link #authorize}) first. Never throws for what the request holds.
   */
  public ReservationResult tryReserve(ActionRequest request) {
    Objects.requireNonNull(request, "request");
    ActionPlan plan = plans.get(request.action());
    if (plan == null) {
      return new ReservationResult.Refused(
          ReservationResult.Cause.UNKNOWN_ACTION,
          unknownAction(request),
          RuleRef.fixed(RuleRef.CATALOG, request.action()),
          null);
    }
    if (plan.effect != Effect.READ && stops.length > 0) {
      List<String> stopped = engagedStops(plan);
      if (stopped != null) {
        return new ReservationResult.Refused(
            ReservationResult.Cause.EMERGENCY_STOP, String.join("; ", stopped), STOP_RULE, null);
      }
    }
    if (plan.limit == null) {
      return new ReservationResult.Reserved(RateLimitReservation.unlimited(clock.instant()));
    }
    Target target = request.target();
    String key = plan.key(target);
    if (key == null) {
      return new ReservationResult.Refused(
          ReservationResult.Cause.NO_TARGET, noScope(plan), plan.limitRule, null);
    }
    RateLimitStore.Admission a;
    try {
      a = plan.limiter.admit(key, plan.limiter.nanos(), executionId(request, plan));
    } catch (PolicyException e) {
      return new ReservationResult.Refused(
          ReservationResult.Cause.RATE_LIMIT_CONFLICT, e.getMessage(), plan.limitRule, null);
    }
    if (a.admitted()) {
      return new ReservationResult.Reserved(new RateLimitReservation(store, key, a.slot(), a.at()));
    }
    Instant available = a.availableAt();
    boolean never = available.equals(Instant.MAX);
    return new ReservationResult.Refused(
        ReservationResult.Cause.RATE_LIMIT,
        limitReached(plan, key, a.at(), available),
        plan.limitRule,
        never ? null : available);
  }

  /**
   * Takes a rate-limit slot for executing {@code request} now: {@link #tryReserve} as an {@code
   * Optional}.
   *
   * @return the slot, or empty if it was refused for any reason: the action is unknown, an
   *     emergency stop is engaged and it is not READ, the limit is reached now, or the limit is
   *     counted per target or namespace and the request names none ({@link #tryReserve} says which)
   */
  public Optional<RateLimitReservation> reserve(ActionRequest request) {
    return tryReserve(request).toOptional();
  }

  /**
   * Counts an execution of {@code request} that already happened at {@code at}, such as one read
   * from a history, whether or not its rate limit had room. Does nothing for an action that no rate
   * limit counts.
   *
   * @throws PolicyException ({@value PolicyException#REQUEST_INVALID}) if the action is unknown,
   *     its limit is counted per target or namespace and the request names none, or {@code at} is
   *     more than {@link SlidingWindowRateLimiter#FUTURE_TOLERANCE} after the engine's clock's now;
   *     ({@value PolicyException#RATE_LIMIT_CONFLICT}) if the store counts the key at another rate
   */
  public void recordExecution(ActionRequest request, Instant at) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(at, "at");
    ActionPlan plan = plans.get(request.action());
    if (plan == null) {
      throw new PolicyException(
          PolicyException.REQUEST_INVALID, "recordExecution", unknownAction(request));
    }
    if (plan.limit == null) {
      return;
    }
    String key = plan.key(request.target());
    if (key == null) {
      throw new PolicyException(PolicyException.REQUEST_INVALID, "recordExecution", noScope(plan));
    }
    plan.limiter.notInTheFuture(at, "recordExecution");
    plan.limiter.record(key, at);
  }

  private static final RuleRef STOP_RULE = RuleRef.fixed(RuleRef.EMERGENCY_STOP, "engaged");

  private String unknownAction(ActionRequest request) {
    return "unknown action '"
        + request.action()
        + "'"
        + policy.catalog().didYouMean(request.action())
        + ": an action that is not in the action catalog is refused";
  }

  private static String executionId(ActionRequest request, ActionPlan plan) {
    return request
        .idempotencyKey()
        .map(k -> k + '\u0000' + plan.name + '\u0000' + request.target().key())
        .orElse(null);
  }

  /** Why each engaged stop refuses {@code plan}'s action, or {@code null} if none is engaged. */
  private List<String> engagedStops(ActionPlan plan) {
    List<String> reasons = null;
    for (EmergencyStop stop : stops) {
      String why;
      try {
        why = stop.engaged() ? "emergency stop '" + nameOf(stop) + "' is engaged" : null;
      } catch (RuntimeException e) {
        why =
            "emergency stop '"
                + nameOf(stop)
                + "' could not be read ("
                + e
                + "), so it counts as engaged";
      }
      if (why != null) {
        if (reasons == null) {
          reasons = new ArrayList<>();
        }
        reasons.add(why + ": only READ actions run, and " + plan.name + " is " + plan.effect);
      }
    }
    return reasons;
  }

  /** The stop's name, or its class's if {@link EmergencyStop#name()} throws. */
  private static String nameOf(EmergencyStop stop) {
    try {
      return String.valueOf(stop.name());
    } catch (RuntimeException e) {
      return stop.getClass().getName() + " (whose name could not be read: " + e + ")";
    }
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

  private static String noScope(ActionPlan plan) {
    return "the rate limit "
        + plan.limit.category()
        + " ("
        + plan.limit
        + ") is counted per "
        + scopeWord(plan.limit)
        + ", and the request names no "
        + scopeWord(plan.limit);
  }

  private static Decision rateLimit(ActionPlan plan, Target target, Facts facts, Instant now) {
    RuleRef rule = plan.limitRule;
    String key = plan.key(target);
    if (key == null) {
      return new Decision(
          Decision.Outcome.DENY, List.of(noScope(plan)), rule, null, plan.name, facts, now);
    }
    Instant available;
    try {
      available = plan.limiter.availableAt(key, now);
    } catch (PolicyException e) {
      return new Decision(
          Decision.Outcome.DENY, List.of(e.getMessage()), rule, null, plan.name, facts, now);
    }
    if (!available.isAfter(now)) {
      return null;
    }
    boolean never = available.equals(Instant.MAX);
    return new Decision(
        Decision.Outcome.DENY,
        List.of(limitReached(plan, key, now, available)),
        rule,
        never ? null : available,
        plan.name,
        facts,
        now);
  }

  private static String limitReached(ActionPlan plan, String key, Instant at, Instant available) {
    RateLimit limit = plan.limit;
    boolean never = available.equals(Instant.MAX);
    return "rate limit "
        + limit.category()
        + " ("
        + limit
        + ") reached"
        + (key.equals(limit.category()) ? "" : " for " + key)
        + ": "
        + plan.limiter.held(key, at)
        + " executions in the last "
        + window(limit)
        + (never ? "; a limit of zero never admits" : "; a slot frees up at " + available);
  }

  /**
   * Rules 5 to 7 of the class description. {@code offHoursComputed}: the engine computed {@code
   * off_hours} from the business hours, so a reason that rests on it says from which.
   */
  private Decision rules(ActionPlan plan, Facts facts, Instant now, boolean offHoursComputed) {
    Direction direction = plan.direction(facts);
    boolean readsOffHours = false;
    List<Rule> require = policy.compiledRequireRules();
    Rule firstRequire = null;
    List<String> reasons = null;
    for (int i : plan.requireToCheck) {
      Rule r = require.get(i);
      // Rules that require a human read the facts plainly: scale_up and scale_down are 0 for a
      // request that does not scale that way, and missing (so the rule holds) when unknown.
      Truth t =
          plan.requireConstant[i] != null ? plan.requireConstant[i] : r.condition.evaluate(facts);
      if (t != Truth.FALSE) {
        if (reasons == null) {
          reasons = new ArrayList<>();
          firstRequire = r;
        }
        reasons.add(requireReason(r, t, facts));
        readsOffHours |= r.readsOffHours;
      }
    }
    List<Rule> auto = policy.compiledAutoRules();
    if (firstRequire != null) {
      for (int i : plan.autoToCheck) {
        Rule r = auto.get(i);
        if (autoTruth(plan, i, r, facts, direction) == Truth.TRUE) {
          reasons.add(
              r.ref.id()
                  + " ("
                  + r.ref.text()
                  + ") also holds, but a rule that requires approval wins");
          readsOffHours |= r.readsOffHours;
        }
      }
      noteOffHours(reasons, readsOffHours && offHoursComputed, facts);
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
    List<Rule> undecided = null;
    // Whether a rule that could have allowed read off_hours: if none allows, its value is why.
    boolean autoReadsOffHours = false;
    for (int i : plan.autoToCheck) {
      Rule r = auto.get(i);
      Truth t = autoTruth(plan, i, r, facts, direction);
      autoReadsOffHours |= r.readsOffHours;
      if (t == Truth.TRUE) {
        if (reasons == null) {
          reasons = new ArrayList<>(4);
          firstAuto = r;
        }
        reasons.add(r.holdsReason);
        readsOffHours |= r.readsOffHours;
      } else if (t == Truth.UNKNOWN && firstAuto == null) {
        if (undecided == null) {
          undecided = new ArrayList<>();
        }
        undecided.add(r);
      }
    }
    if (firstAuto != null) {
      noteOffHours(reasons, readsOffHours && offHoursComputed, facts);
      return new Decision(
          Decision.Outcome.ALLOW, reasons, firstAuto.ref, null, plan.name, facts, now);
    }
    reasons = new ArrayList<>();
    readsOffHours = autoReadsOffHours;
    boolean read = plan.effect == Effect.READ;
    if (read) {
      reasons.add("no rule matched, and " + plan.name + " only reads");
    } else if (plan.effect == Effect.DESTRUCTIVE) {
      reasons.add(
          "no rule matched, and "
              + plan.name
              + " is DESTRUCTIVE: a destructive action is allowed only by a rule that names it, or"
              + " by a human");
    } else {
      reasons.add(
          "no rule matched, and "
              + plan.name
              + " is "
              + plan.effect
              + ": an action that changes something needs a rule that allows it, or a human");
    }
    if (undecided != null) {
      for (Rule r : undecided) {
        reasons.add(
            r.ref.id()
                + " ("
                + r.condition.normalized()
                + ") cannot be decided: "
                + missing(r, facts, direction)
                + ", so it does not allow (fail closed)");
        readsOffHours |= r.readsOffHours;
      }
    }
    for (int i : plan.autoNotNaming) {
      Rule r = auto.get(i);
      if (autoTruth(plan, -1, r, facts, direction) == Truth.TRUE) {
        reasons.add(
            r.ref.id()
                + " ("
                + r.condition.normalized()
                + ") holds, but it does not name "
                + plan.name
                + ", which is DESTRUCTIVE");
        readsOffHours |= r.readsOffHours;
      }
    }
    noteOffHours(reasons, readsOffHours && offHoursComputed, facts);
    return new Decision(
        read ? Decision.Outcome.ALLOW : Decision.Outcome.REQUIRE_APPROVAL,
        reasons,
        plan.defaultRule,
        null,
        plan.name,
        facts,
        now);
  }

  /**
   * Adds, if {@code note}, how {@code off_hours} was computed: the decision rested on a rule that
   * reads it, and the business hours (and their zone) it came from may be the default rather than
   * the team's.
   */
  private void noteOffHours(List<String> reasons, boolean note, Facts facts) {
    if (note) {
      reasons.add(
          Boolean.TRUE.equals(facts.get(PolicyFacts.OFF_HOURS).orElse(null))
              ? offHoursNote[1]
              : offHoursNote[0]);
    }
  }

  /**
   * An automatic rule's result: its constant for this action if it has one (pass {@code i} -1 to
   * ignore it), else its condition's, and for a rule that reads {@code scale_up} or {@code
   * scale_down} only if the request scales in a direction the rule reads.
   */
  private static Truth autoTruth(ActionPlan plan, int i, Rule r, Facts facts, Direction direction) {
    Truth constant = i >= 0 ? plan.autoConstant[i] : null;
    if (constant != null) {
      return constant;
    }
    if (!r.readsScale()) {
      return r.condition.evaluate(facts);
    }
    Truth scales;
    if (direction == Direction.UNKNOWN) {
      scales = Truth.UNKNOWN;
    } else {
      scales =
          Truth.of(
              (r.readsScaleUp && direction == Direction.UP)
                  || (r.readsScaleDown && direction == Direction.DOWN));
    }
    return scales == Truth.FALSE ? Truth.FALSE : scales.and(r.condition.evaluate(facts));
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
    return missing(r, facts, Direction.NONE);
  }

  private static String missing(Rule r, Facts facts, Direction direction) {
    List<String> names = new ArrayList<>();
    if (direction == Direction.UNKNOWN && r.readsScale()) {
      // The rule does not allow because it is not known which way the request scales.
      for (String scale : List.of(PolicyFacts.SCALE_UP, PolicyFacts.SCALE_DOWN)) {
        if (r.condition.factNames().contains(scale) && !facts.contains(scale)) {
          names.add(scale);
        }
      }
    }
    if (names.isEmpty()) {
      names.addAll(r.condition.explain(facts).missingFacts());
    }
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

  /** Which way a request changes a replica count. */
  enum Direction {
    /** The action changes no replica count, or keeps it. */
    NONE,
    UP,
    DOWN,
    /** The action changes replicas, but the counts are not known. */
    UNKNOWN
  }

  /**
   * Everything about one action that does not depend on the request: its computed facts, its rate
   * limiter, and the results of the rules whose result is known per action, worked out once so that
   * a decision evaluates only the rules that read other facts.
   */
  private static final class ActionPlan {
    /** Two values of a scale fact this close are the same (they are computed in doubles). */
    private static final double TOLERANCE = 1e-9;

    final String name;
    final Set<String> spellings;
    final Effect effect;
    final boolean changesReplicas;
    final BusinessHours hours;
    final FactSchema schema;
    final RateLimit limit;
    final RuleRef limitRule;
    final SlidingWindowRateLimiter limiter;

    /** Put before every rate-limit key, so tenants sharing a store count apart. */
    final String keyPrefix;

    /** The rate-limit key of the last target seen, so a repeated target builds no string. */
    private volatile TargetKey lastKey;

    final RuleRef defaultRule;

    /** The computed facts that do not depend on the request, by {@code off_hours}. */
    final Facts computedOffHours;

    final Facts computedBusinessHours;

    /** Per rule: its result if it is known for this action whatever the request, else null. */
    final Truth[] requireConstant;

    final Truth[] autoConstant;

    /** The rules that may hold for this action: the constant true ones and the others. */
    final int[] requireToCheck;

    final int[] autoToCheck;

    /**
     * For a DESTRUCTIVE action: the automatic rules that do not name it, so never allow it; they
     * are evaluated only to say so when nothing else allowed it.
     */
    final int[] autoNotNaming;

    /** The computed facts of the last target seen, so a repeated target builds no facts. */
    private volatile TargetFacts lastTarget;

    ActionPlan(
        ActionDefinition d, Policy policy, RateLimitStore store, NanoClock clock, String prefix) {
      this.name = d.name();
      Set<String> names = new HashSet<>(d.aliases());
      names.add(name);
      this.spellings = names;
      this.effect = d.effect();
      this.changesReplicas = d.changesReplicas();
      this.hours = policy.businessHours();
      this.schema = policy.factSchema();
      this.limit = d.rateLimitCategory().flatMap(policy::rateLimit).orElse(null);
      this.keyPrefix = prefix;
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
      // What is known of every request for this action: its name, and no scaling if it scales
      // nothing (a request that claims otherwise is denied).
      Facts.Builder known = Facts.builder().put(PolicyFacts.ACTION, name);
      if (!changesReplicas) {
        known.put(PolicyFacts.SCALE_UP, 0).put(PolicyFacts.SCALE_DOWN, 0);
      }
      Facts constant = known.build();
      List<Rule> require = policy.compiledRequireRules();
      List<Rule> auto = policy.compiledAutoRules();
      this.requireConstant = new Truth[require.size()];
      for (int i = 0; i < require.size(); i++) {
        Rule r = require.get(i);
        if (constant.names().containsAll(r.condition.factNames())) {
          requireConstant[i] = r.condition.evaluate(constant);
        }
      }
      this.autoConstant = new Truth[auto.size()];
      List<Integer> notNaming = new ArrayList<>();
      for (int i = 0; i < auto.size(); i++) {
        Rule r = auto.get(i);
        if (effect == Effect.DESTRUCTIVE && !r.names(name, spellings)) {
          // A destructive action runs without a human only where a rule names it.
          autoConstant[i] = Truth.FALSE;
          notNaming.add(i);
        } else if (r.readsScale() && !changesReplicas) {
          // A rule about scaling allows only a request that scales, which this one never does.
          autoConstant[i] = Truth.FALSE;
        } else if (!r.readsScale() && constant.names().containsAll(r.condition.factNames())) {
          autoConstant[i] = r.condition.evaluate(constant);
        }
      }
      this.requireToCheck = toCheck(requireConstant);
      this.autoToCheck = toCheck(autoConstant);
      this.autoNotNaming = notNaming.stream().mapToInt(Integer::intValue).toArray();
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

    private static int[] toCheck(Truth[] constants) {
      return IntStream.range(0, constants.length)
          .filter(i -> constants[i] != Truth.FALSE)
          .toArray();
    }

    /** Which way the request with these (complete) facts changes a replica count. */
    Direction direction(Facts facts) {
      if (!changesReplicas) {
        return Direction.NONE;
      }
      double up = value(facts, PolicyFacts.SCALE_UP);
      double down = value(facts, PolicyFacts.SCALE_DOWN);
      if (up > 0) {
        return Direction.UP;
      }
      if (down > 0) {
        return Direction.DOWN;
      }
      return up == 0 && down == 0 ? Direction.NONE : Direction.UNKNOWN;
    }

    /** A fact's value in its base unit, or NaN if it is absent or not a quantity. */
    private static double value(Facts facts, String name) {
      Object v = facts.get(name).orElse(null);
      return v instanceof Quantity ? ((Quantity) v).baseValue() : Double.NaN;
    }

    /**
     * The rate-limit key of an execution on {@code target}, or {@code null} if the limit is counted
     * per namespace or target and it names none: {@code [prefix]category[@cluster]}, then {@code
     * |namespace:NS} or {@code |target:NS/KIND/NAME} for those scopes.
     */
    String key(Target target) {
      TargetKey last = lastKey;
      if (last != null && last.target.equals(target)) {
        return last.key;
      }
      String key = newKey(target);
      if (key != null) {
        lastKey = new TargetKey(target, key);
      }
      return key;
    }

    private String newKey(Target target) {
      StringBuilder k = new StringBuilder(keyPrefix).append(limit.category());
      if (target.cluster() != null) {
        k.append('@').append(target.cluster());
      }
      switch (limit.scope()) {
        case NAMESPACE:
          if (target.namespace() == null) {
            return null;
          }
          return k.append("|namespace:").append(target.namespace()).toString();
        case TARGET:
          if (target.name() == null) {
            return null;
          }
          return k.append("|target:")
              .append(orEmpty(target.namespace()))
              .append('/')
              .append(orEmpty(target.kind()))
              .append('/')
              .append(target.name())
              .toString();
        default:
          return k.toString();
      }
    }

    private static String orEmpty(String s) {
      return s == null ? "" : s;
    }

    /** A target and its rate-limit key. */
    private record TargetKey(Target target, String key) {}

    /**
     * The trusted facts with the computed facts they lack.
     *
     * @throws InvalidFactsException if the trusted facts are of the wrong type, or disagree with
     *     what the engine knows: the action, the target's namespace and cluster, the scale ratios
     *     the replica counts make
     */
    Facts facts(Facts trusted, Target target, Instant now) throws InvalidFactsException {
      if (!schema.conforms(trusted)) {
        Map.Entry<String, String> bad = schema.violations(trusted).entrySet().iterator().next();
        throw new InvalidFactsException("fact " + bad.getKey() + " " + bad.getValue());
      }
      if (trusted.contains(PolicyFacts.ACTION)) {
        Object given = trusted.get(PolicyFacts.ACTION).orElseThrow();
        if (!spellings.contains(given)) {
          throw new InvalidFactsException(
              "fact action is '" + given + "', but the request is for " + name);
        }
      }
      String namespace = targetPart(trusted, PolicyFacts.NAMESPACE, target.namespace());
      String cluster = targetPart(trusted, PolicyFacts.CLUSTER, target.cluster());
      // A trusted off_hours wins over the computed one, so the clock is read only without it.
      boolean offHours = !trusted.contains(PolicyFacts.OFF_HOURS) && hours.isOffHours(now);
      Facts computed = offHours ? computedOffHours : computedBusinessHours;
      if (namespace != null || cluster != null) {
        computed = withTarget(computed, offHours, namespace, cluster);
      }
      if (changesReplicas) {
        computed = withScale(computed, trusted);
      } else {
        for (String scale : List.of(PolicyFacts.SCALE_UP, PolicyFacts.SCALE_DOWN)) {
          double given = value(trusted, scale);
          if (trusted.contains(scale) && given != 0) {
            throw new InvalidFactsException(
                "fact "
                    + scale
                    + " is "
                    + display(trusted, scale)
                    + ", but "
                    + name
                    + " changes no replica count, so it is 0");
          }
        }
      }
      return trusted.withDefaults(computed);
    }

    /**
     * The target's {@code part} ({@code namespace} or {@code cluster}) if the trusted facts lack
     * it, else {@code null}.
     *
     * @throws InvalidFactsException if the trusted fact names another one
     */
    private static String targetPart(Facts trusted, String fact, String fromTarget)
        throws InvalidFactsException {
      if (fromTarget == null) {
        return null;
      }
      Object given = trusted.get(fact).orElse(null);
      if (given == null) {
        return fromTarget;
      }
      if (!fromTarget.equals(given)) {
        throw new InvalidFactsException(
            "fact "
                + fact
                + " is '"
                + given
                + "', but the target is in "
                + fact
                + " "
                + fromTarget);
      }
      return null;
    }

    private Facts withTarget(Facts computed, boolean offHours, String namespace, String cluster) {
      TargetFacts last = lastTarget;
      if (last != null
          && last.offHours == offHours
          && Objects.equals(last.namespace, namespace)
          && Objects.equals(last.cluster, cluster)) {
        return last.facts;
      }
      Facts.Builder b = Facts.builder().putAll(computed);
      if (namespace != null) {
        b.put(PolicyFacts.NAMESPACE, namespace);
      }
      if (cluster != null) {
        b.put(PolicyFacts.CLUSTER, cluster);
      }
      Facts facts = b.build();
      lastTarget = new TargetFacts(namespace, cluster, offHours, facts);
      return facts;
    }

    /** The computed facts for one target: its namespace and cluster facts. */
    private record TargetFacts(String namespace, String cluster, boolean offHours, Facts facts) {}

    /**
     * {@code computed} with {@code scale_up} and {@code scale_down} worked out from the replica
     * counts, when both are given; else the trusted scale facts stand (and the missing ones stay
     * missing, so rules that read them fail closed).
     */
    private static Facts withScale(Facts computed, Facts trusted) throws InvalidFactsException {
      for (String scale : List.of(PolicyFacts.SCALE_UP, PolicyFacts.SCALE_DOWN)) {
        if (value(trusted, scale) < 0) {
          throw new InvalidFactsException(
              "fact "
                  + scale
                  + " is "
                  + display(trusted, scale)
                  + ", and a ratio of scaling is"
                  + " never negative");
        }
      }
      for (String count : List.of(PolicyFacts.REPLICAS, PolicyFacts.TARGET_REPLICAS)) {
        if (value(trusted, count) < 0) {
          throw new InvalidFactsException(
              "fact "
                  + count
                  + " is "
                  + display(trusted, count)
                  + ", and a replica count is"
                  + " never negative");
        }
      }
      double current = value(trusted, PolicyFacts.REPLICAS);
      double target = value(trusted, PolicyFacts.TARGET_REPLICAS);
      if (Double.isNaN(current) || Double.isNaN(target)) {
        double up = value(trusted, PolicyFacts.SCALE_UP);
        double down = value(trusted, PolicyFacts.SCALE_DOWN);
        if (up > 0 && down > 0) {
          throw new InvalidFactsException(
              "facts scale_up ("
                  + display(trusted, PolicyFacts.SCALE_UP)
                  + ") and scale_down ("
                  + display(trusted, PolicyFacts.SCALE_DOWN)
                  + ") are both positive, but a request scales one way");
        }
        return computed;
      }
      // Scaling up from zero has no ratio: scale_up stays missing, so rules that read it fail
      // closed.
      double up = target > current ? (current > 0 ? target / current : Double.NaN) : 0;
      double down = target < current ? (current - target) / current : 0;
      check(trusted, PolicyFacts.SCALE_UP, up, current, target);
      check(trusted, PolicyFacts.SCALE_DOWN, down, current, target);
      Facts.Builder b = Facts.builder().putAll(computed).put(PolicyFacts.SCALE_DOWN, down);
      if (!Double.isNaN(up)) {
        b.put(PolicyFacts.SCALE_UP, up);
      }
      return b.build();
    }

    /** Checks that a trusted scale fact, if given, is what the replica counts make it. */
    private static void check(
        Facts trusted, String scale, double computed, double current, double target)
        throws InvalidFactsException {
      if (!trusted.contains(scale)) {
        return;
      }
      double given = value(trusted, scale);
      if (Double.isNaN(computed)
          || Math.abs(given - computed) > TOLERANCE * Math.max(1, Math.abs(computed))) {
        throw new InvalidFactsException(
            "fact "
                + scale
                + " is "
                + display(trusted, scale)
                + ", but replicas "
                + Quantity.number(current)
                + " and target_replicas "
                + Quantity.number(target)
                + (Double.isNaN(computed)
                    ? " make no ratio (scaling up from zero)"
                    : " make it " + Quantity.number(computed)));
      }
    }

    private static String display(Facts facts, String name) {
      return String.valueOf(facts.get(name).orElse(null));
    }
  }

  /** Builds a {@link PolicyEngine}. Not thread-safe. */
  public static final class Builder {
    private final Policy policy;
    private Clock clock = Clock.systemUTC();
    private RateLimitStore store;
    private String keyPrefix = "";
    private final List<EmergencyStop> stops = new ArrayList<>();

    private Builder(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Sets the clock for decisions, rate limits and {@code off_hours}; the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets where rate-limit counts are kept; a new {@link InMemoryRateLimitStore} on the engine's
     * clock unless set. Engines that share a store share counts: give them one clock.
     */
    public Builder rateLimitStore(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets what every rate-limit key of the engine starts with, such as {@code "tenant-a/"}, so
     * that engines of several tenants (or policies with different limits) can share a store and
     * still count apart; none unless set.
     *
     * @throws IllegalArgumentException if {@code prefix} holds a blank or a control character
     */
    public Builder rateLimitKeyPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      for (int i = 0; i < prefix.length(); i++) {
        char c = prefix.charAt(i);
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
          throw new IllegalArgumentException(
              "prefix: must hold no blank or control character, was '" + prefix + "'");
        }
      }
      this.keyPrefix = prefix;
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
