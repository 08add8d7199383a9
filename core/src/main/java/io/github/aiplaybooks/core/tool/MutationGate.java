package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.approval.ApprovalRecord;
import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import io.github.aiplaybooks.core.policy.ActionCatalog;
import io.github.aiplaybooks.core.policy.ActionDefinition;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.EmergencyStop;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.RateLimitReservation;
import io.github.aiplaybooks.core.policy.RuleRef;
import io.github.aiplaybooks.core.policy.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one way to change anything: every mutation goes through {@link #prepare} (trusted facts and
 * the inverse, read from the system), {@link #decide} (the policy, the step's rules, and "no change
 * without a rollback plan") and {@link #execute}, which runs it only with a decision that allows it
 * — or, for {@code REQUIRE_APPROVAL}, with an approval of that very action — and hands the adapter
 * or tool a {@link MutationPermit} that is open only while it runs.
 *
 * <pre>{@code
 * MutationGate gate = MutationGate.builder(policyEngine)
 *     .tools(toolProvider)
 *     .adapter(kubernetesAdapter)
 *     .emergencyStop(killSwitch)
 *     .clock(clock)
 *     .build();
 * PreparedAction prepared = gate.prepare(planned, trustedContext);
 * ActionDecision decision = gate.decide(prepared, ApprovalRules.none(), Facts.empty());
 * if (decision.isAllowed()) {
 *   Execution done = gate.execute(prepared, decision, null, ExecutionMode.LIVE, "run-1/6_execute/1", null);
 * }
 * }</pre>
 *
 * <p>What {@link #execute} guarantees, in order: the decision is for this prepared action and
 * allows it (or it needed approval and the {@link ApprovalRecord} approves this action on this
 * target), else {@link MutationNotPermittedException}; no emergency stop is engaged (else {@link
 * Execution.Status#STOPPED}); the idempotency key was never applied ({@link IdempotencyStore}: a
 * retry returns the recorded execution, an attempt that never finished returns {@link
 * Execution.Status#UNKNOWN}); a rate-limit slot is reserved for a live run ({@link
 * PolicyEngine#reserve}; else {@link Execution.Status#RATE_LIMITED}), confirmed on success and
 * released on failure. A dry run calls an adapter only if it {@linkplain
 * ActionAdapter#supportsDryRun() supports} one, and a tool only as a dry run, else sends nothing.
 *
 * <p>{@link #rollback} applies an inverse that an adapter returned before a change this gate
 * executed; it is the one path that runs without a new decision (the inverse restores what the
 * policy's decision found), and it runs even while an emergency stop is engaged, since undoing a
 * run's changes is what a stop may ask for. Thread-safe.
 */
public final class MutationGate {
  private static final Set<String> NEVER_FROM_CONTEXT =
      Set.of("action", "off_hours", "scale_up", "scale_down");

  private final PolicyEngine policy;
  private final ActionCatalog catalog;
  private final ToolProvider tools;
  private final Map<String, ActionAdapter> adapters;
  private final IdempotencyStore idempotency;
  private final List<EmergencyStop> stops;
  private final Clock clock;

  private MutationGate(Builder b) {
    this.policy = b.policy;
    this.catalog = b.policy.policy().catalog();
    this.tools = b.tools;
    this.adapters = Map.copyOf(b.adapters);
    this.idempotency = b.idempotency != null ? b.idempotency : new InMemoryIdempotencyStore();
    this.stops = List.copyOf(b.stops);
    this.clock = b.clock;
  }

  /** A builder for a gate that decides with {@code policy}. */
  public static Builder builder(PolicyEngine policy) {
    return new Builder(policy);
  }

  /** The policy engine that decides. */
  public PolicyEngine policy() {
    return policy;
  }

  /** The action catalog of the policy. */
  public ActionCatalog catalog() {
    return catalog;
  }

  /** Every tool the gate's provider has. */
  public List<ToolDescriptor> tools() {
    return tools.tools();
  }

  /** The tools that only read, which callers may use through {@link #read}. */
  public List<ToolDescriptor> readTools() {
    List<ToolDescriptor> out = new ArrayList<>();
    for (ToolDescriptor d : tools.tools()) {
      if (d.isReadOnly()) {
        out.add(d);
      }
    }
    return out;
  }

  /** The tool named {@code name}, if the provider has one. */
  public Optional<ToolDescriptor> tool(String name) {
    return tools.tool(name);
  }

  /** Whether an adapter carries out {@code action} (canonical name, alias or inverse action). */
  public boolean hasAdapter(String action) {
    return adapterFor(action) != null;
  }

  /**
   * Calls a tool that only reads.
   *
   * @throws MutationNotPermittedException ({@code MUTATION_NOT_PERMITTED}) if the tool changes
   *     something: such a tool runs only as a planned action, through {@link #decide} and {@link
   *     #execute}
   * @throws IllegalArgumentException if no tool has the name
   */
  public ToolResult read(ToolRequest request) {
    Objects.requireNonNull(request, "request");
    ToolDescriptor d =
        tools
            .tool(request.tool())
            .orElseThrow(
                () -> new IllegalArgumentException("tool: no tool named " + request.tool()));
    if (!d.isReadOnly()) {
      throw new MutationNotPermittedException(
          MutationNotPermittedException.NOT_PERMITTED,
          "Tool "
              + d.name()
              + " changes the system ("
              + d.effect()
              + "): it runs only as a planned action with a policy decision, never as a read");
    }
    return tools.call(request);
  }

  /**
   * Resolves {@code planned} through the catalog, finds what carries it out, and reads the system
   * for its trusted facts and inverse; changes nothing. An adapter that cannot read the system
   * makes a prepared action that {@link #decide} refuses.
   *
   * @param context trusted facts known to the caller (the alert's severity, the cluster, the
   *     playbook's inputs): used for the names the policy declares, under the adapter's facts and
   *     the target's namespace; never the computed facts ({@code action}, {@code off_hours}, {@code
   *     scale_up}, {@code scale_down}), and never anything a model said
   */
  public PreparedAction prepare(PlannedAction planned, Facts context) {
    Objects.requireNonNull(planned, "planned");
    Instant now = clock.instant();
    Facts base = targetFacts(planned.target()).withDefaults(contextFacts(context));
    ActionDefinition def = catalog.resolve(planned.action()).orElse(null);
    if (def == null) {
      return new PreparedAction(
          planned, null, PreparedAction.Carrier.NONE, null, null, null, base, null, now);
    }
    if (def.effect() == Effect.READ) {
      ToolDescriptor t = toolFor(planned, def, true);
      return new PreparedAction(
          planned,
          def,
          t == null ? PreparedAction.Carrier.NONE : PreparedAction.Carrier.READ_TOOL,
          null,
          t,
          null,
          base,
          null,
          now);
    }
    ActionAdapter adapter = adapterFor(def);
    if (adapter != null) {
      Preparation p;
      try {
        p = Objects.requireNonNull(adapter.prepare(planned), "the adapter prepared null");
      } catch (RuntimeException e) {
        return new PreparedAction(
            planned,
            def,
            PreparedAction.Carrier.ADAPTER,
            adapter,
            null,
            null,
            base,
            "the system could not be read for " + def.name() + ": " + e.getMessage(),
            now);
      }
      return new PreparedAction(
          planned,
          def,
          PreparedAction.Carrier.ADAPTER,
          adapter,
          null,
          p,
          p.facts().withDefaults(base),
          null,
          now);
    }
    ToolDescriptor t = toolFor(planned, def, false);
    return new PreparedAction(
        planned,
        def,
        t == null ? PreparedAction.Carrier.NONE : PreparedAction.Carrier.TOOL,
        null,
        t,
        null,
        base,
        null,
        now);
  }

  private Facts targetFacts(Target target) {
    Facts.Builder b = Facts.builder();
    if (target.namespace() != null) {
      b.put("namespace", target.namespace());
    }
    if (target.cluster() != null) {
      b.put("cluster", target.cluster());
    }
    return b.build();
  }

  private Facts contextFacts(Facts context) {
    if (context == null || context.size() == 0) {
      return Facts.empty();
    }
    Facts.Builder b = Facts.builder();
    for (String name : context.names()) {
      if (!NEVER_FROM_CONTEXT.contains(name) && policy.policy().factSchema().declares(name)) {
        b.put(name, context.get(name).orElseThrow());
      }
    }
    return b.build();
  }

  private ActionAdapter adapterFor(ActionDefinition def) {
    ActionAdapter a = adapters.get(def.name());
    if (a == null) {
      for (String alias : def.aliases()) {
        a = adapters.get(alias);
        if (a != null) {
          break;
        }
      }
    }
    return a;
  }

  private ActionAdapter adapterFor(String action) {
    ActionAdapter a = adapters.get(action);
    if (a == null) {
      a = catalog.resolve(action).map(this::adapterFor).orElse(null);
    }
    return a;
  }

  private ToolDescriptor toolFor(PlannedAction planned, ActionDefinition def, boolean read) {
    if (planned.tool() != null) {
      Optional<ToolDescriptor> named = tools.tool(planned.tool());
      if (named.isPresent() && named.get().isReadOnly() == read && performs(named.get(), def)) {
        return named.get();
      }
      return null;
    }
    for (ToolDescriptor d : tools.tools()) {
      if (d.isReadOnly() == read && performs(d, def)) {
        return d;
      }
    }
    return null;
  }

  private boolean performs(ToolDescriptor d, ActionDefinition def) {
    return d.action() != null
        && catalog.resolve(d.action()).map(x -> x.name().equals(def.name())).orElse(false);
  }

  /**
   * Decides about a prepared action: the policy engine's decision on its trusted facts, combined
   * with {@code rules} as {@link ApprovalRules} describes, then the gate's own rules: a change
   * without an inverse needs a human ({@value ActionDecision#NO_INVERSE}); an action whose facts
   * could not be read ({@value ActionDecision#UNREADABLE}) or that nothing carries out ({@value
   * ActionDecision#UNSUPPORTED}) is refused. Counts nothing.
   *
   * @param claims what a model claimed (its {@code blast_radius}, its {@code severity}): read only
   *     by the {@code require_human_if} conditions of {@code rules}, which can only ask for a human
   */
  public ActionDecision decide(PreparedAction prepared, ApprovalRules rules, Facts claims) {
    Objects.requireNonNull(prepared, "prepared");
    rules = rules == null ? ApprovalRules.none() : rules;
    claims = claims == null ? Facts.empty() : claims;
    Instant now = clock.instant();
    if (prepared.failure().isPresent()) {
      return new ActionDecision(
          prepared,
          Decision.Outcome.DENY,
          null,
          List.of(
              prepared.failure().get(),
              "an action whose trusted facts cannot be read is refused (fail closed)"),
          ActionDecision.UNREADABLE,
          prepared.trustedFacts(),
          now);
    }
    Decision d =
        policy.decide(
            ActionRequest.builder(prepared.planned().action())
                .target(prepared.planned().target())
                .facts(prepared.trustedFacts())
                .build());
    List<String> reasons = new ArrayList<>(d.reasons());
    Decision.Outcome outcome = d.outcome();
    String rule = d.rule().toString();
    Facts facts = d.facts();
    if (outcome != Decision.Outcome.DENY) {
      boolean policyRequires =
          outcome == Decision.Outcome.REQUIRE_APPROVAL
              && !d.rule().name().equals(RuleRef.DEFAULT_APPROVAL);
      Facts withClaims = facts.withDefaults(claims);
      String stepRequire = null;
      String exclusiveFailed = null;
      String autoHolds = null;
      for (ApprovalRules.Group g : rules.groups()) {
        if (g.kind() == ApprovalRules.Kind.REQUIRE_ANY) {
          for (int i = 0; i < g.conditions().size(); i++) {
            Condition c = g.conditions().get(i);
            Truth t = truth(c, withClaims);
            if (t != Truth.FALSE) {
              String id = g.source() + "[" + i + "]: " + c.source();
              reasons.add(
                  id
                      + (t == Truth.TRUE
                          ? " holds, so a human decides"
                          : " cannot be decided (a fact is missing), so a human decides (fail"
                              + " closed)"));
              if (stepRequire == null) {
                stepRequire = id;
              }
            }
          }
        } else {
          String holds = holds(g, facts);
          if (holds != null && autoHolds == null) {
            autoHolds = holds;
          }
          if (g.exclusive() && holds == null) {
            String id =
                g.source() + (g.kind() == ApprovalRules.Kind.AUTO_ALL ? " (all of)" : " (any of)");
            reasons.add(
                id
                    + " does not hold for these facts, and the step runs an action without a human"
                    + " only when it does");
            if (exclusiveFailed == null) {
              exclusiveFailed = id;
            }
          }
        }
      }
      if (stepRequire != null || exclusiveFailed != null) {
        if (!policyRequires) {
          rule = stepRequire != null ? stepRequire : exclusiveFailed;
        }
        outcome = Decision.Outcome.REQUIRE_APPROVAL;
      } else if (outcome == Decision.Outcome.REQUIRE_APPROVAL
          && !policyRequires
          && autoHolds != null) {
        outcome = Decision.Outcome.ALLOW;
        rule = autoHolds;
        reasons.add(autoHolds + " holds, and no rule of the policy asks for a human");
      }
      if (outcome == Decision.Outcome.ALLOW
          && prepared.effect() != Effect.READ
          && !prepared.hasRollbackPlan()) {
        outcome = Decision.Outcome.REQUIRE_APPROVAL;
        rule = ActionDecision.NO_INVERSE;
        reasons.add(
            "no inverse: "
                + (prepared.carrier() == PreparedAction.Carrier.TOOL
                    ? "tool "
                        + prepared.tool().map(ToolDescriptor::name).orElse("?")
                        + " records no rollback"
                    : "the adapter found no way to undo it")
                + ", and a change without a rollback plan needs a human (\"Always create rollback"
                + " plan before changes\")");
      }
    }
    if (prepared.carrier() == PreparedAction.Carrier.NONE && outcome != Decision.Outcome.DENY) {
      outcome = Decision.Outcome.DENY;
      rule = ActionDecision.UNSUPPORTED;
      reasons.add(
          0,
          "nothing carries out "
              + prepared.action()
              + ": no action adapter and no "
              + (prepared.effect() == Effect.READ ? "read-only" : "")
              + " tool for it");
    }
    return new ActionDecision(prepared, outcome, d, reasons, rule, facts, now);
  }

  private static Truth truth(Condition c, Facts facts) {
    try {
      return c.evaluate(facts);
    } catch (ConditionException e) {
      // A fact of the wrong type cannot be read: unknown, which fails closed either way.
      return Truth.UNKNOWN;
    }
  }

  /** The id of what holds in an auto group, or {@code null} if it does not hold. */
  private static String holds(ApprovalRules.Group g, Facts facts) {
    if (g.kind() == ApprovalRules.Kind.AUTO_ANY) {
      for (int i = 0; i < g.conditions().size(); i++) {
        Condition c = g.conditions().get(i);
        if (truth(c, facts) == Truth.TRUE) {
          return g.source() + "[" + i + "]: " + c.source();
        }
      }
      return null;
    }
    for (Condition c : g.conditions()) {
      if (truth(c, facts) != Truth.TRUE) {
        return null;
      }
    }
    return g.source() + " (all of)";
  }

  /**
   * Runs a decided action, if the decision (and approval) allow it; see the class description for
   * every check, in order.
   *
   * @param approval the approval, when the decision is {@code REQUIRE_APPROVAL}; else {@code null}
   * @param idempotencyKey the same for every retry of this execution, such as {@code
   *     run-1/6_execute/1}
   * @param deadline when the step times out, passed on to the adapter, or {@code null}
   * @return what happened; an adapter or tool failure is a {@link Execution.Status#FAILED}
   *     execution, not an exception
   * @throws MutationNotPermittedException if the decision is for another action, refuses this one,
   *     or needs an approval that {@code approval} does not give
   */
  public Execution execute(
      PreparedAction prepared,
      ActionDecision decision,
      ApprovalRecord approval,
      ExecutionMode mode,
      String idempotencyKey,
      Instant deadline) {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    checkPermitted(prepared, decision, approval);
    Instant start = clock.instant();
    PlannedAction planned = prepared.planned();
    String action = prepared.action();
    if (prepared.carrier() == PreparedAction.Carrier.READ_TOOL) {
      ToolDescriptor t = prepared.tool().orElseThrow();
      ToolResult r;
      try {
        r = tools.call(ToolRequest.read(t.name(), planned.parameters()));
      } catch (RuntimeException e) {
        r = ToolResult.error(String.valueOf(e.getMessage()));
      }
      return execution(
          idempotencyKey,
          prepared,
          r.error() ? Execution.Status.FAILED : Execution.Status.READ,
          ExecutionMode.LIVE,
          "called " + t.name(),
          r,
          null,
          start,
          false);
    }
    Optional<String> stopped = engagedStop();
    if (stopped.isPresent()) {
      return execution(
          idempotencyKey,
          prepared,
          Execution.Status.STOPPED,
          mode,
          "not run: " + stopped.get(),
          null,
          null,
          start,
          false);
    }
    boolean live = mode == ExecutionMode.LIVE;
    if (live) {
      IdempotencyStore.Claim claim = idempotency.claim(idempotencyKey, fingerprint(planned));
      if (!claim.fingerprint().equals(fingerprint(planned))) {
        if (claim.state() == IdempotencyStore.State.CLAIMED) {
          idempotency.fail(idempotencyKey, "key reused");
        }
        throw new IllegalArgumentException(
            "idempotencyKey: "
                + idempotencyKey
                + " was used for "
                + claim.fingerprint()
                + ", not for "
                + fingerprint(planned));
      }
      switch (claim.state()) {
        case DONE:
          return claim.recorded().orElseThrow().asReplay();
        case IN_PROGRESS:
          return execution(
              idempotencyKey,
              prepared,
              Execution.Status.UNKNOWN,
              mode,
              "an earlier attempt with key "
                  + idempotencyKey
                  + " began and did not finish: its outcome is unknown, so it is not applied"
                  + " again",
              null,
              null,
              start,
              false);
        default:
          break;
      }
    }
    RateLimitReservation slot = null;
    if (live) {
      Optional<RateLimitReservation> reserved =
          policy.reserve(
              ActionRequest.builder(planned.action())
                  .target(planned.target())
                  .facts(prepared.trustedFacts())
                  .idempotencyKey(idempotencyKey)
                  .build());
      if (reserved.isEmpty()) {
        idempotency.release(idempotencyKey);
        return execution(
            idempotencyKey,
            prepared,
            Execution.Status.RATE_LIMITED,
            mode,
            "not run: the rate limit of " + action + " was reached when it was about to run",
            null,
            null,
            start,
            false);
      }
      slot = reserved.get();
    }
    MutationPermit permit =
        new MutationPermit(
            MutationPermit.Kind.FORWARD,
            action,
            planned,
            prepared.preparation().orElse(null),
            mode,
            idempotencyKey,
            deadline,
            decision,
            approval);
    Execution done;
    try {
      done = apply(prepared, permit, start, deadline);
    } catch (RuntimeException e) {
      done =
          execution(
              idempotencyKey,
              prepared,
              Execution.Status.FAILED,
              mode,
              "failed: " + e.getMessage(),
              null,
              null,
              start,
              false);
    } finally {
      permit.close();
    }
    if (slot != null) {
      if (done.status() == Execution.Status.APPLIED) {
        slot.confirm();
      } else {
        slot.release();
      }
    }
    if (live) {
      if (done.status() == Execution.Status.FAILED) {
        idempotency.fail(idempotencyKey, done.detail());
      } else {
        idempotency.complete(idempotencyKey, done);
      }
    }
    return done;
  }

  private void checkPermitted(
      PreparedAction prepared, ActionDecision decision, ApprovalRecord approval) {
    if (decision.prepared() != prepared) {
      throw new MutationNotPermittedException(
          MutationNotPermittedException.NOT_PERMITTED,
          "The decision ("
              + decision
              + ") was made for another prepared action than "
              + prepared.planned().describe()
              + ": decide about the very action to execute");
    }
    switch (decision.outcome()) {
      case ALLOW:
        return;
      case REQUIRE_APPROVAL:
        if (approval == null || !approval.isApproved()) {
          throw new MutationNotPermittedException(
              MutationNotPermittedException.NOT_PERMITTED,
              prepared.action()
                  + " on "
                  + prepared.planned().target()
                  + " needs a human's approval (rule "
                  + decision.rule()
                  + "), and "
                  + (approval == null
                      ? "none was given"
                      : "the approval ended " + approval.status()));
        }
        if (!approval.request().action().equals(prepared.action())
            || !approval.request().target().equals(prepared.planned().target())) {
          throw new MutationNotPermittedException(
              MutationNotPermittedException.NOT_PERMITTED,
              "The approval is for "
                  + approval.request().action()
                  + " on "
                  + approval.request().target()
                  + ", not for "
                  + prepared.action()
                  + " on "
                  + prepared.planned().target());
        }
        return;
      default:
        throw new MutationNotPermittedException(
            MutationNotPermittedException.NOT_PERMITTED,
            prepared.action()
                + " on "
                + prepared.planned().target()
                + " was refused (rule "
                + decision.rule()
                + "): "
                + String.join("; ", decision.reasons()));
    }
  }

  private Execution apply(
      PreparedAction prepared, MutationPermit permit, Instant start, Instant deadline) {
    ExecutionMode mode = permit.mode();
    String key = permit.idempotencyKey();
    if (prepared.carrier() == PreparedAction.Carrier.ADAPTER) {
      ActionAdapter adapter = prepared.adapter();
      if (mode == ExecutionMode.DRY_RUN && !adapter.supportsDryRun()) {
        return execution(
            key,
            prepared,
            Execution.Status.NOT_SENT,
            mode,
            "dry run, not sent: would " + prepared.description(),
            null,
            ActionOutcome.notSent("would " + prepared.description()),
            start,
            true);
      }
      ActionOutcome outcome =
          Objects.requireNonNull(adapter.apply(permit), "the adapter returned no outcome");
      Execution.Status status =
          mode == ExecutionMode.LIVE
              ? Execution.Status.APPLIED
              : outcome.sent() ? Execution.Status.DRY_RUN : Execution.Status.NOT_SENT;
      return execution(key, prepared, status, mode, outcome.detail(), null, outcome, start, true);
    }
    ToolDescriptor t = prepared.tool().orElseThrow();
    ToolRequest request = ToolRequest.forPermit(permit, t.name(), prepared.planned().parameters());
    if (deadline != null) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (!left.isNegative() && !left.isZero()) {
        request = request.withTimeout(left);
      }
    }
    ToolResult r = tools.call(request);
    Execution.Status status;
    if (r.error()) {
      status = Execution.Status.FAILED;
    } else if (!r.sent()) {
      status = Execution.Status.NOT_SENT;
    } else {
      status = mode == ExecutionMode.LIVE ? Execution.Status.APPLIED : Execution.Status.DRY_RUN;
    }
    return execution(
        key,
        prepared,
        status,
        mode,
        (status == Execution.Status.FAILED ? "tool " + t.name() + " failed: " : "")
            + truncate(r.text()),
        r,
        null,
        start,
        false);
  }

  private Execution execution(
      String key,
      PreparedAction prepared,
      Execution.Status status,
      ExecutionMode mode,
      String detail,
      ToolResult toolResult,
      ActionOutcome outcome,
      Instant start,
      boolean withInverse) {
    return new Execution(
        key,
        prepared.action(),
        prepared.planned().target(),
        status,
        mode,
        detail,
        withInverse ? prepared.inverse().orElse(null) : null,
        toolResult,
        outcome,
        start,
        clock.instant(),
        false);
  }

  /**
   * Applies {@code inverse}, which an adapter returned when this gate prepared a change that it
   * then executed: no new decision, no rate limit, and not stopped by an emergency stop (see the
   * class description). Idempotent by {@code idempotencyKey} like {@link #execute}.
   *
   * @return what happened; a failure is a {@link Execution.Status#FAILED} execution
   */
  public Execution rollback(PlannedAction inverse, String idempotencyKey, ExecutionMode mode) {
    Objects.requireNonNull(inverse, "inverse");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(mode, "mode");
    Instant start = clock.instant();
    ActionAdapter adapter = adapterFor(inverse.action());
    if (adapter == null) {
      return rollbackExecution(
          idempotencyKey,
          inverse,
          Execution.Status.FAILED,
          mode,
          "no adapter carries out the inverse " + inverse.action(),
          null,
          start);
    }
    if (mode == ExecutionMode.DRY_RUN && !adapter.supportsDryRun()) {
      return rollbackExecution(
          idempotencyKey,
          inverse,
          Execution.Status.NOT_SENT,
          mode,
          "dry run, not sent: would " + inverse.describe(),
          null,
          start);
    }
    boolean live = mode == ExecutionMode.LIVE;
    if (live) {
      IdempotencyStore.Claim claim = idempotency.claim(idempotencyKey, fingerprint(inverse));
      if (claim.state() == IdempotencyStore.State.DONE) {
        return claim.recorded().orElseThrow().asReplay();
      }
      if (claim.state() == IdempotencyStore.State.IN_PROGRESS) {
        return rollbackExecution(
            idempotencyKey,
            inverse,
            Execution.Status.UNKNOWN,
            mode,
            "an earlier rollback with key " + idempotencyKey + " did not finish",
            null,
            start);
      }
    }
    MutationPermit permit =
        new MutationPermit(
            MutationPermit.Kind.ROLLBACK,
            inverse.action(),
            inverse,
            null,
            mode,
            idempotencyKey,
            null,
            null,
            null);
    Execution done;
    try {
      ActionOutcome outcome =
          Objects.requireNonNull(adapter.apply(permit), "the adapter returned no outcome");
      done =
          rollbackExecution(
              idempotencyKey,
              inverse,
              live
                  ? Execution.Status.APPLIED
                  : outcome.sent() ? Execution.Status.DRY_RUN : Execution.Status.NOT_SENT,
              mode,
              outcome.detail(),
              outcome,
              start);
    } catch (RuntimeException e) {
      done =
          rollbackExecution(
              idempotencyKey,
              inverse,
              Execution.Status.FAILED,
              mode,
              "failed: " + e.getMessage(),
              null,
              start);
    } finally {
      permit.close();
    }
    if (live) {
      if (done.status() == Execution.Status.FAILED) {
        idempotency.fail(idempotencyKey, done.detail());
      } else {
        idempotency.complete(idempotencyKey, done);
      }
    }
    return done;
  }

  private Execution rollbackExecution(
      String key,
      PlannedAction inverse,
      Execution.Status status,
      ExecutionMode mode,
      String detail,
      ActionOutcome outcome,
      Instant start) {
    return new Execution(
        key,
        inverse.action(),
        inverse.target(),
        status,
        mode,
        detail,
        null,
        null,
        outcome,
        start,
        clock.instant(),
        false);
  }

  /**
   * The first engaged emergency stop of this gate, as a reason; a stop that cannot be read counts
   * as engaged (fail closed). The policy engine's own stops show in its decisions.
   */
  public Optional<String> engagedStop() {
    for (EmergencyStop stop : stops) {
      try {
        if (stop.engaged()) {
          return Optional.of("emergency stop '" + stop.name() + "' is engaged");
        }
      } catch (RuntimeException e) {
        return Optional.of(
            "emergency stop '"
                + stop.name()
                + "' could not be read ("
                + e
                + "), so it counts as"
                + " engaged");
      }
    }
    return Optional.empty();
  }

  private static String fingerprint(PlannedAction a) {
    return a.action() + " " + a.target() + " " + a.parameters();
  }

  private static String truncate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }

  @Override
  public String toString() {
    return "MutationGate[" + adapters.size() + " adapted actions, " + stops.size() + " stops]";
  }

  /** Builds a {@link MutationGate}. Not thread-safe. */
  public static final class Builder {
    private final PolicyEngine policy;
    private ToolProvider tools = ToolProvider.none();
    private final Map<String, ActionAdapter> adapters = new LinkedHashMap<>();
    private IdempotencyStore idempotency;
    private final List<EmergencyStop> stops = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder(PolicyEngine policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The tools; none unless set. */
    public Builder tools(ToolProvider tools) {
      this.tools = Objects.requireNonNull(tools, "tools");
      return this;
    }

    /**
     * Adds an adapter for the actions it lists.
     *
     * @throws IllegalArgumentException if another adapter already carries out one of them
     */
    public Builder adapter(ActionAdapter adapter) {
      Objects.requireNonNull(adapter, "adapter");
      for (String action : adapter.actions()) {
        ActionAdapter previous = adapters.putIfAbsent(action, adapter);
        if (previous != null && previous != adapter) {
          throw new IllegalArgumentException(
              "adapter: action " + action + " is already carried out by " + previous);
        }
      }
      return this;
    }

    /** Adds adapters. */
    public Builder adapters(List<? extends ActionAdapter> adapters) {
      adapters.forEach(this::adapter);
      return this;
    }

    /**
     * Where executions are remembered by key; a new {@link InMemoryIdempotencyStore} unless set.
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotency = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Adds an emergency stop, checked before every mutation. */
    public Builder emergencyStop(EmergencyStop stop) {
      stops.add(Objects.requireNonNull(stop, "stop"));
      return this;
    }

    /** The clock for timestamps and deadlines; the UTC system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The gate. */
    public MutationGate build() {
      return new MutationGate(this);
    }
  }
}
