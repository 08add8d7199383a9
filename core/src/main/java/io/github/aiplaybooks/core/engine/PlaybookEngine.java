package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.approval.ApprovalHandler;
import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.audit.AuditSink;
import io.github.aiplaybooks.core.audit.AuditTrail;
import io.github.aiplaybooks.core.audit.RunMdc;
import io.github.aiplaybooks.core.audit.SecretRedactor;
import io.github.aiplaybooks.core.audit.Slf4jAuditSink;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.llm.LlmUnavailableException;
import io.github.aiplaybooks.core.llm.Prompts;
import io.github.aiplaybooks.core.llm.StructuredOutput;
import io.github.aiplaybooks.core.llm.ToolOutputLimiter;
import io.github.aiplaybooks.core.playbook.AlertTrigger;
import io.github.aiplaybooks.core.playbook.ApproveSpec;
import io.github.aiplaybooks.core.playbook.CollectSpec;
import io.github.aiplaybooks.core.playbook.CustomSpec;
import io.github.aiplaybooks.core.playbook.DecideSpec;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckTrigger;
import io.github.aiplaybooks.core.playbook.LlmSpec;
import io.github.aiplaybooks.core.playbook.NotifySpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.ReceiveSpec;
import io.github.aiplaybooks.core.playbook.ReportSpec;
import io.github.aiplaybooks.core.playbook.ScheduleTrigger;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.playbook.StepSpec;
import io.github.aiplaybooks.core.playbook.VerifySpec;
import io.github.aiplaybooks.core.policy.EmergencyStop;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.tool.ActionAdapter;
import io.github.aiplaybooks.core.tool.FactSource;
import io.github.aiplaybooks.core.tool.FactsJson;
import io.github.aiplaybooks.core.tool.IdempotencyStore;
import io.github.aiplaybooks.core.tool.InMemoryIdempotencyStore;
import io.github.aiplaybooks.core.tool.McpToolProvider;
import io.github.aiplaybooks.core.tool.MutationGate;
import io.github.aiplaybooks.core.tool.ToolProvider;
import io.github.aiplaybooks.mcp.tool.ToolRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs playbooks end to end: the model proposes, trusted code disposes. For each step it runs the
 * step's handler — collect evidence through tools, ask the model (with read-only tools, within
 * budget, bound to a schema), decide by conditions and routing, ask for approval, execute with
 * rollback, verify against fresh facts, report, notify — and it sends every action through the
 * policy engine with trusted facts, records an audit event for everything, and returns a {@link
 * RunResult} with an incident report.
 *
 * <pre>{@code
 * PlaybookEngine engine = PlaybookEngine.builder()
 *     .llm(bedrock)                               // core.llm.LlmClient
 *     .tools(toolRouter)                          // MCP ToolRouter, or any ToolProvider
 *     .actionAdapter(kubernetes)                  // trusted facts and inverses
 *     .factSource(metrics)                        // fresh facts for health checks and verification
 *     .policy(Policy.load(Path.of("policy.json")))
 *     .approvals(WebhookApprovalHandler.builder(uri).build())
 *     .clock(clock).executor(executor).auditSink(sink)
 *     .build();
 * RunResult r = engine.run(playbook, TriggerEvent.alert(alertJson));
 * CompletableFuture<RunResult> later = engine.runAsync(playbook, TriggerEvent.alert(alertJson));
 * }</pre>
 *
 * <h2>Safety invariants</h2>
 *
 * <ul>
 *   <li>Every action — from a model's plan, a model's tool call, the routing table, a step, a
 *       custom handler — goes through {@link MutationGate}: trusted facts and inverse from its
 *       adapter, {@link PolicyEngine#decide}, the step's rules (which never loosen the policy), an
 *       approval when needed (timeout is a denial, enforced by this engine's clock and scheduler),
 *       then execution with a permit. Nothing a model says is a fact a decision reads.
 *   <li>A step's output never stands in for a trusted value: an output named like a standard fact,
 *       a name of the trigger's context or an input is readable only as {@code step.name} ({@code
 *       classify.blast_radius}), as {@link io.github.aiplaybooks.core.playbook.Scope} describes; a
 *       missing trusted fact is read from the {@linkplain Builder#factSource fact source} or stays
 *       missing, and a condition that reads it cannot be decided (fail closed).
 *   <li>A change without an inverse needs a human. Changes applied live are journaled with their
 *       inverses; a failed change, a step timeout or failed verification applies them in reverse
 *       order, each recorded.
 *   <li>A model answer is used only after it passed its schema; otherwise the run falls back to the
 *       routing table on the alert's own fields, takes only what the policy allows without a human,
 *       and escalates. A routing table that cannot decide (a route reads a missing fact) gives no
 *       runbook: no routed action is taken, and the escalation, the audit trail ({@link
 *       io.github.aiplaybooks.core.audit.AuditEventType#ROUTING}) and the timeline say why.
 *   <li>Emergency stops are checked before every step, model call, verification attempt and change;
 *       a stop ends the run and, if {@link Builder#rollbackOnStop}, undoes its changes.
 *   <li>Budgets (model calls, tokens, tool calls, wall time) end a run with an escalation, not an
 *       exception. Tool output reaches the model cut to a budget and redacted.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * <p>{@link #run} runs on the caller's thread; {@link #runAsync} and parallel tool calls use the
 * {@linkplain Builder#executor executor}. Unless one is given, the engine owns an elastic pool of
 * daemon threads named {@code playbooks-engine-N} (none while idle, at most 256; a task that finds
 * them all busy runs on the submitting thread) and a timer thread {@code playbooks-engine-timer};
 * {@link #close()} shuts both down. The engine never uses {@code ForkJoinPool.commonPool()}. An
 * executor you give must be able to run a run and its parallel calls at once (a virtual-thread
 * executor on Java 21+, or a cached pool): a small fixed pool can starve. The run id is in the
 * SLF4J MDC ({@link RunMdc}) for the whole run, on every thread it uses.
 *
 * <p>Thread-safe: one engine runs any number of runs at once; rate limits and idempotency are
 * shared by its runs.
 */
public final class PlaybookEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlaybookEngine.class);

  private static final RunListener NO_LISTENER = new RunListener() {};

  /** The model used when a playbook names none: the seed's. */
  public static final String DEFAULT_MODEL = "anthropic.claude-3-sonnet-20240229-v1:0";

  private final LlmClient llm;
  private final MutationGate gate;
  private final FactSource factSource;
  private final boolean hasFactSource;
  private final ApprovalHandler approvals;
  private final Duration approvalTimeout;
  private final Clock clock;
  private final Executor executor;
  private final Scheduler scheduler;
  private final AuditSink auditSink;
  private final Notifier notifier;
  private final List<String> escalationChannels;
  private final Budgets budgets;
  private final boolean dryRun;
  private final boolean rollbackOnStop;
  private final Prompts prompts;
  private final int maxReasks;
  private final int modelRetries;
  private final Duration modelRetryBackoff;
  private final ToolOutputLimiter limiter;
  private final SecretRedactor redactor;
  private final Map<String, StepHandler> stepHandlers;
  private final String model;
  private final Duration verifyTimeout;
  private final Duration verifyInterval;
  private final Duration toolTimeout;
  private final boolean agenticTools;
  private final int maxToolRounds;
  private final int maxOutputTokens;
  private final Supplier<String> runIds;
  private final RunListener listener;
  private final List<AutoCloseable> owned = new ArrayList<>();

  private PlaybookEngine(Builder b) {
    this.clock = b.clock;
    PolicyEngine policyEngine = b.policyEngine;
    if (policyEngine == null) {
      PolicyEngine.Builder pb = PolicyEngine.builder(b.policy).clock(clock);
      b.stops.forEach(pb::emergencyStop);
      policyEngine = pb.build();
    }
    ToolProvider tools = b.tools;
    if (b.router != null) {
      tools =
          McpToolProvider.builder(b.router)
              .catalog(policyEngine.policy().catalog())
              .timeout(b.toolTimeout)
              .build();
    }
    MutationGate.Builder gb =
        MutationGate.builder(policyEngine)
            .tools(tools)
            .adapters(b.adapters)
            .idempotencyStore(
                b.idempotency != null ? b.idempotency : new InMemoryIdempotencyStore())
            .clock(clock);
    b.stops.forEach(gb::emergencyStop);
    this.gate = gb.build();
    this.llm = b.llm;
    this.factSource = b.factSource != null ? b.factSource : FactSource.none();
    this.hasFactSource = b.factSource != null;
    this.approvals = b.approvals;
    this.approvalTimeout = b.approvalTimeout;
    if (b.executor != null) {
      this.executor = b.executor;
    } else {
      ThreadPoolExecutor pool = ownedPool();
      owned.add(pool::shutdown);
      this.executor = pool;
    }
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
    } else {
      ScheduledExecutorService timer = ownedTimer();
      owned.add(timer::shutdownNow);
      this.scheduler = Scheduler.of(timer);
    }
    this.auditSink = b.auditSink;
    this.notifier = b.notifier;
    this.escalationChannels = List.copyOf(b.escalationChannels);
    this.budgets = b.budgets;
    this.dryRun = b.dryRun;
    this.rollbackOnStop = b.rollbackOnStop;
    this.prompts = b.prompts;
    this.maxReasks = b.maxReasks;
    this.modelRetries = b.modelRetries;
    this.modelRetryBackoff = b.modelRetryBackoff;
    this.limiter = b.limiter;
    this.redactor = b.redactor;
    this.stepHandlers = Map.copyOf(b.stepHandlers);
    this.model = b.model;
    this.verifyTimeout = b.verifyTimeout;
    this.verifyInterval = b.verifyInterval;
    this.toolTimeout = b.toolTimeout;
    this.agenticTools = b.agenticTools;
    this.maxToolRounds = b.maxToolRounds;
    this.maxOutputTokens = b.maxOutputTokens;
    this.runIds = b.runIds;
    this.listener = b.listener;
  }

  private static ThreadPoolExecutor ownedPool() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        256,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "playbooks-engine-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        // A task that finds every thread busy (or the pool closed) runs on the submitting thread:
        // never dropped, so a run waiting for it cannot hang.
        (task, pool) -> task.run());
  }

  private static ScheduledExecutorService ownedTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "playbooks-engine-timer");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** A builder with the defaults each setter documents. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs {@code playbook} for {@code trigger} on this thread, to the end.
   *
   * @return how it ended; never throws for what happened during the run (a failing step is a {@link
   *     RunStatus#FAILED} run with the error in its step result)
   * @throws RunRejectedException if the run cannot start: the event does not start the playbook, an
   *     input is missing or of the wrong type, or a custom step has no handler
   */
  public RunResult run(Playbook playbook, TriggerEvent trigger) {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(trigger, "trigger");
    validate(playbook, trigger);
    return orchestrate(start(playbook, trigger), false);
  }

  /**
   * Runs {@code playbook} for {@code trigger} on the engine's executor.
   *
   * @return the result; it fails with {@link RunRejectedException} if the run cannot start
   */
  public CompletableFuture<RunResult> runAsync(Playbook playbook, TriggerEvent trigger) {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(trigger, "trigger");
    try {
      validate(playbook, trigger);
    } catch (RunRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.supplyAsync(
        () -> orchestrate(start(playbook, trigger), false), executor);
  }

  /**
   * Continues a run from {@code state} (saved by a {@link RunListener} or read with {@link
   * RunState#fromJson}): the step at {@link RunState#nextStep()} runs again, and later ones after
   * it. Changes already applied are not applied again: their idempotency keys are the same, so the
   * gate returns what it recorded.
   *
   * @throws RunRejectedException ({@code STATE_MISMATCH}) if the state is of another playbook
   */
  public RunResult resume(Playbook playbook, RunState state) {
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(state, "state");
    if (!state.playbook().equals(playbook.name())
        || state.nextStep() < 0
        || state.nextStep() > playbook.steps().size()) {
      throw new RunRejectedException(
          "STATE_MISMATCH",
          "state: run "
              + state.runId()
              + " is of playbook "
              + state.playbook()
              + " at step "
              + state.nextStep()
              + ", not a state of "
              + playbook.name());
    }
    checkHandlers(playbook);
    return orchestrate(newRun(playbook, state), true);
  }

  // ---- validation ----

  private void validate(Playbook playbook, TriggerEvent trigger) {
    checkHandlers(playbook);
    checkTrigger(playbook, trigger);
    checkInputs(playbook, trigger);
  }

  private void checkHandlers(Playbook playbook) {
    for (Step s : playbook.steps()) {
      if (s.spec() instanceof CustomSpec && !stepHandlers.containsKey(s.action())) {
        throw new RunRejectedException(
            "NO_STEP_HANDLER",
            "step "
                + s.key()
                + " of playbook "
                + playbook.name()
                + ": action "
                + s.action()
                + " has no handler; register one with PlaybookEngine.Builder.stepHandler(\""
                + s.action()
                + "\", handler)");
      }
    }
  }

  private static void checkTrigger(Playbook playbook, TriggerEvent event) {
    String type = event.type();
    if (playbook.trigger() instanceof AlertTrigger a) {
      if (!type.equals(TriggerEvent.ALERT)) {
        throw mismatch(playbook, "it starts on an alert, and the event is " + type);
      }
      String severity = event.contextText("severity").orElse(null);
      if (!a.severities().isEmpty() && (severity == null || !a.severities().contains(severity))) {
        throw mismatch(
            playbook,
            "it starts on alerts of severity "
                + a.severities()
                + ", and the alert's severity is "
                + (severity == null ? "missing" : severity));
      }
      String source = event.contextText("source").orElse(null);
      if (!a.sources().isEmpty() && source != null && !a.sources().contains(source)) {
        throw mismatch(
            playbook,
            "it starts on alerts from " + a.sources() + ", and the alert's source is " + source);
      }
    } else if (playbook.trigger() instanceof ScheduleTrigger) {
      if (!type.equals(TriggerEvent.SCHEDULE) && !type.equals(TriggerEvent.MANUAL)) {
        throw mismatch(playbook, "it runs on a schedule (or by hand), and the event is " + type);
      }
    } else if (playbook.trigger() instanceof HealthCheckTrigger) {
      if (!type.equals(TriggerEvent.HEALTH_CHECK) && !type.equals(TriggerEvent.MANUAL)) {
        throw mismatch(
            playbook, "it starts on a failing health check (or by hand), and the event is " + type);
      }
    }
  }

  private static RunRejectedException mismatch(Playbook playbook, String why) {
    return new RunRejectedException(
        "TRIGGER_MISMATCH",
        "trigger: the event does not start playbook " + playbook.name() + ": " + why);
  }

  private static void checkInputs(Playbook playbook, TriggerEvent trigger) {
    if (playbook.inputs().isEmpty()) {
      return;
    }
    ObjectNode given = trigger.inputs();
    List<String> problems = new ArrayList<>();
    FactSchema.Builder schema = FactSchema.builder();
    for (Map.Entry<String, FactType> e : playbook.inputs().entrySet()) {
      schema.fact(e.getKey(), e.getValue());
      if (!given.has(e.getKey()) || given.get(e.getKey()).isNull()) {
        problems.add(e.getKey() + " is missing (" + e.getValue() + ")");
      }
    }
    schema
        .build()
        .violations(FactsJson.fromJson(given))
        .forEach((name, why) -> problems.add(name + " " + why));
    if (!problems.isEmpty()) {
      throw new RunRejectedException(
          "INPUT_INVALID",
          "inputs of playbook " + playbook.name() + ": " + String.join("; ", problems));
    }
  }

  // ---- a run ----

  private Run start(Playbook playbook, TriggerEvent trigger) {
    String runId = Objects.requireNonNull(runIds.get(), "runIds supplied null");
    ObjectNode trusted = trigger.context();
    trigger.inputs().properties().forEach(e -> trusted.set(e.getKey(), e.getValue()));
    RunState s =
        new RunState(
            runId,
            playbook.name(),
            trigger,
            dryRun,
            clock.instant(),
            0,
            null,
            null,
            null,
            null,
            trusted,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return newRun(playbook, s);
  }

  private Run newRun(Playbook playbook, RunState s) {
    List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
    AuditSink forListener =
        e -> {
          try {
            listener.onAuditEvent(e);
          } catch (RuntimeException ex) {
            log.warn("Run listener failed on an audit event: {}", ex.toString());
          }
        };
    AuditSink sink = AuditSink.composite(auditSink, events::add, forListener);
    AuditTrail trail = AuditTrail.builder(s.runId(), sink).clock(clock).redactor(redactor).build();
    return new Run(this, playbook, gate, trail, events, s);
  }

  private RunResult orchestrate(Run run, boolean resumed) {
    try (RunMdc mdc = RunMdc.open(run.runId)) {
      if (!resumed) {
        ObjectNode started = JsonNodeFactory.instance.objectNode();
        started.put("playbook", run.playbook.name());
        started.put("trigger", run.trigger.type());
        started.put("dry_run", run.dryRun);
        started.set("budgets", EngineJson.MAPPER.valueToTree(budgets));
        run.record(AuditEventType.RUN_STARTED, null, started);
        ObjectNode trig = JsonNodeFactory.instance.objectNode();
        trig.put("type", run.trigger.type());
        trig.put("describe", run.trigger.describe());
        trig.set("context", run.trigger.context());
        run.record(AuditEventType.TRIGGER, null, trig);
        run.note(null, "run started: " + run.trigger.describe() + (run.dryRun ? " (dry run)" : ""));
      } else {
        run.note(null, "run resumed at step " + run.nextStep);
      }
      if (listening()) {
        RunState first = run.snapshot();
        run.listen(l -> l.onRunStarted(first));
      }
      List<Step> steps = run.playbook.steps();
      while (run.nextStep < steps.size()) {
        Step step = steps.get(run.nextStep);
        runStep(run, step);
      }
      return finish(run);
    }
  }

  private void runStep(Run run, Step step) {
    Instant start = run.now();
    Done done;
    String error = null;
    boolean ran = false;
    if (run.ended != null) {
      done = Done.skipped("the run ended: " + run.ended);
    } else if (run.halted != null
        && !(step.spec() instanceof ReportSpec || step.spec() instanceof NotifySpec)) {
      done = Done.skipped("the run halted before this step: " + run.halted);
    } else {
      ran = true;
      run.currentStep = step.key();
      if (listening()) {
        RunState before = run.snapshot();
        run.listen(l -> l.onStepStarted(before, step));
      }
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("action", step.action());
      data.put("kind", step.spec().getClass().getSimpleName());
      run.record(AuditEventType.STEP_STARTED, step.key(), data);
      try {
        run.checkStop();
        run.checkWallTime();
        done = dispatch(run, step);
      } catch (BudgetExhaustedException e) {
        done = new Done(StepStatus.ESCALATED, e.getMessage());
        onBudget(run, step, e);
      } catch (RunStoppedException e) {
        done = new Done(StepStatus.STOPPED, e.getMessage());
        onStop(run, step, e.getMessage());
      } catch (RuntimeException e) {
        error = e.toString();
        done = Done.failed("failed: " + e.getMessage());
        onFailure(run, step, e);
      }
    }
    StepResult r =
        new StepResult(
            step.key(), step.action(), done.status(), done.summary(), start, run.now(), error);
    synchronized (run) {
      run.steps.add(r);
      run.nextStep++;
    }
    if (ran) {
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("status", r.status().name());
      data.put("summary", r.summary());
      data.put("duration_ms", r.duration().toMillis());
      if (error != null) {
        data.put("error", error);
      }
      run.recordQuietly(AuditEventType.STEP_FINISHED, step.key(), data);
    }
    if (listening()) {
      RunState after = run.snapshot();
      run.listen(l -> l.onStepFinished(after, r));
    }
  }

  private Done dispatch(Run run, Step step) {
    StepSpec spec = step.spec();
    if (spec instanceof ReceiveSpec s) {
      return BasicSteps.receive(run, step, s);
    }
    if (spec instanceof HealthCheckSpec s) {
      return BasicSteps.healthCheck(run, step, s);
    }
    if (spec instanceof CollectSpec s) {
      return BasicSteps.collect(run, step, s);
    }
    if (spec instanceof LlmSpec s) {
      return LlmStep.run(run, step, s);
    }
    if (spec instanceof DecideSpec s) {
      return BasicSteps.decide(run, step, s);
    }
    if (spec instanceof ApproveSpec s) {
      return ActionSteps.approve(run, step, s);
    }
    if (spec instanceof ExecuteSpec s) {
      return ActionSteps.execute(run, step, s);
    }
    if (spec instanceof VerifySpec s) {
      return ActionSteps.verify(run, step, s);
    }
    if (spec instanceof ReportSpec s) {
      return ReportStep.run(run, step, s);
    }
    if (spec instanceof NotifySpec s) {
      return BasicSteps.notify(run, step, s);
    }
    CustomSpec custom = (CustomSpec) spec;
    return CustomStep.run(run, step, custom, stepHandlers.get(step.action()));
  }

  private void onBudget(Run run, Step step, BudgetExhaustedException e) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("budget", e.budget());
    data.put("message", e.getMessage());
    data.set("usage", EngineJson.MAPPER.valueToTree(run.usage()));
    run.recordQuietly(AuditEventType.BUDGET, step.key(), data);
    String reason = "budget " + e.budget() + " exhausted: " + e.getMessage();
    run.raise(RunStatus.ESCALATED, reason);
    run.end(reason);
    run.escalate(
        step.key(),
        reason
            + ". The run stopped at step "
            + step.key()
            + (run.hasLiveChanges()
                ? "; its changes stay in place, each with its inverse in the report"
                : "; it changed nothing"));
  }

  private void onStop(Run run, Step step, String why) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("reason", why);
    data.put("rollback_on_stop", rollbackOnStop);
    run.recordQuietly(AuditEventType.EMERGENCY_STOP, step.key(), data);
    String outcome;
    if (run.hasLiveChanges()) {
      if (rollbackOnStop) {
        int undone = run.rollbackAll(step.key(), "emergency stop: " + why);
        outcome = "rolled back " + undone + " change(s) of this run";
      } else {
        outcome = "this run's changes stay in place (rollback on stop is off)";
      }
    } else {
      outcome = "this run had changed nothing";
    }
    String reason = "stopped by " + why + "; " + outcome;
    run.raise(RunStatus.STOPPED, reason);
    run.end(reason);
    run.note(step.key(), reason);
    run.escalate(step.key(), reason);
  }

  private void onFailure(Run run, Step step, RuntimeException e) {
    log.error("Step {} of run {} failed", step.key(), run.runId, e);
    String reason = "step " + step.key() + " failed: " + e;
    if (run.hasLiveChanges()) {
      int undone = run.rollbackAll(step.key(), reason);
      reason += "; rolled back " + undone + " change(s)";
    }
    run.raise(RunStatus.FAILED, reason);
    run.halt(reason);
    run.escalate(step.key(), reason);
  }

  private RunResult finish(Run run) {
    RunStatus status;
    String reason;
    synchronized (run) {
      status = run.status;
      reason = run.statusReason;
    }
    if (status == null) {
      RunState s = run.snapshot();
      long refused = finalRefusals(s);
      if (!s.escalations().isEmpty()) {
        status = RunStatus.ESCALATED;
        reason = s.escalations().get(0);
      } else if (refused > 0) {
        status = RunStatus.COMPLETED_WITH_DENIALS;
        reason = refused + " action(s) did not run: see the decisions";
      } else {
        status = RunStatus.COMPLETED;
        reason = run.ended != null ? run.ended : "every step ran";
      }
    }
    Instant finishedAt = run.now();
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("status", status.name());
    data.put("reason", reason);
    data.set("usage", EngineJson.MAPPER.valueToTree(run.usage()));
    data.put("duration_ms", Duration.between(run.startedAt, finishedAt).toMillis());
    run.recordQuietly(AuditEventType.RUN_FINISHED, null, data);
    run.note(null, "run finished: " + status + " (" + reason + ")");
    RunState state = run.snapshot();
    RunState finalState =
        new RunState(
            state.runId(),
            state.playbook(),
            state.trigger(),
            state.dryRun(),
            state.startedAt(),
            state.nextStep(),
            status,
            reason,
            state.halted(),
            state.ended(),
            state.trusted(),
            state.outputs(),
            state.steps(),
            state.evidence(),
            state.proposals(),
            state.actions(),
            state.journal(),
            state.rollbacks(),
            state.verifications(),
            state.escalations(),
            state.notifications(),
            state.timeline(),
            state.usage(),
            state.fallback(),
            state.route(),
            state.classification(),
            state.rootCause(),
            state.lessons(),
            state.lessonsSource(),
            state.proceed(),
            state.proceedReason(),
            state.approvalStep(),
            state.reportSections());
    RunResult result =
        new RunResult(
            run.runId,
            run.playbook.name(),
            status,
            reason,
            run.dryRun,
            run.startedAt,
            finishedAt,
            finalState.steps(),
            ReportAssembler.build(this, finalState, status, reason, finishedAt),
            new ArrayList<>(run.events),
            finalState);
    run.listen(l -> l.onRunFinished(result));
    return result;
  }

  /** Proposals whose last record says they did not run by decision, and rejected ones. */
  private static long finalRefusals(RunState s) {
    Map<String, RunState.ActionRecord> last = new LinkedHashMap<>();
    s.actions().forEach(a -> last.put(a.proposal(), a));
    long n = last.values().stream().filter(RunState.ActionRecord::refused).count();
    n += s.proposals().stream().filter(p -> p.status() == RunState.ProposalStatus.REJECTED).count();
    return n;
  }

  /**
   * Shuts down the executor and timer the engine owns (none if they were given). Close the engine
   * after its runs ended: a run still waiting on the owned timer (an approval deadline, a
   * verification pause) would wait forever.
   */
  @Override
  public void close() {
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Closing {} failed: {}", c, e.toString());
      }
    }
  }

  // ---- for the run's steps ----

  LlmClient llm() {
    return llm;
  }

  Clock clock() {
    return clock;
  }

  Executor executor() {
    return executor;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  FactSource factSource() {
    return factSource;
  }

  boolean hasFactSource() {
    return hasFactSource;
  }

  ApprovalHandler approvals() {
    return approvals;
  }

  Duration approvalTimeout() {
    return approvalTimeout;
  }

  Notifier notifier() {
    return notifier;
  }

  List<String> escalationChannels() {
    return escalationChannels;
  }

  Budgets budgets() {
    return budgets;
  }

  Prompts prompts() {
    return prompts;
  }

  int maxReasks() {
    return maxReasks;
  }

  int modelRetries() {
    return modelRetries;
  }

  Duration modelRetryBackoff() {
    return modelRetryBackoff;
  }

  ToolOutputLimiter limiter() {
    return limiter;
  }

  SecretRedactor redactor() {
    return redactor;
  }

  String model() {
    return model;
  }

  Duration verifyTimeout() {
    return verifyTimeout;
  }

  Duration verifyInterval() {
    return verifyInterval;
  }

  Duration toolTimeout() {
    return toolTimeout;
  }

  boolean agenticTools() {
    return agenticTools;
  }

  int maxToolRounds() {
    return maxToolRounds;
  }

  int maxOutputTokens() {
    return maxOutputTokens;
  }

  RunListener listener() {
    return listener;
  }

  /** Whether a listener was given, so that states are made for it. */
  boolean listening() {
    return listener != NO_LISTENER;
  }

  /**
   * Builds a {@link PlaybookEngine}. Only {@link #policy} is required; every other setting has the
   * default it documents. Not thread-safe.
   */
  public static final class Builder {
    private LlmClient llm =
        request -> {
          throw LlmUnavailableException.unavailable(
              "llm:none",
              "no model is configured for this engine (PlaybookEngine.Builder.llm)",
              null);
        };
    private ToolProvider tools = ToolProvider.none();
    private ToolRouter router;
    private final List<ActionAdapter> adapters = new ArrayList<>();
    private FactSource factSource;
    private Policy policy;
    private PolicyEngine policyEngine;
    private ApprovalHandler approvals = ApprovalHandler.alwaysDeny();
    private Duration approvalTimeout = Duration.ofMinutes(15);
    private Clock clock = Clock.systemUTC();
    private Executor executor;
    private Scheduler scheduler;
    private AuditSink auditSink = Slf4jAuditSink.ofDefaults();
    private Notifier notifier = Notifier.logging();
    private List<String> escalationChannels = List.of("oncall");
    private Budgets budgets = Budgets.defaults();
    private boolean dryRun;
    private final List<EmergencyStop> stops = new ArrayList<>();
    private boolean rollbackOnStop = true;
    private Prompts prompts = Prompts.defaults();
    private int maxReasks = StructuredOutput.DEFAULT_MAX_REASKS;
    private int modelRetries = 2;
    private Duration modelRetryBackoff = Duration.ofSeconds(2);
    private ToolOutputLimiter limiter = ToolOutputLimiter.ofDefaults();
    private SecretRedactor redactor = SecretRedactor.ofDefaults();
    private IdempotencyStore idempotency;
    private final Map<String, StepHandler> stepHandlers = new LinkedHashMap<>();
    private String model = DEFAULT_MODEL;
    private Duration verifyTimeout = Duration.ofMinutes(5);
    private Duration verifyInterval = Duration.ofSeconds(15);
    private Duration toolTimeout = Duration.ofSeconds(60);
    private boolean agenticTools = true;
    private int maxToolRounds = 8;
    private int maxOutputTokens = 4096;
    private Supplier<String> runIds = () -> UUID.randomUUID().toString();
    private RunListener listener = NO_LISTENER;

    private Builder() {}

    /**
     * The model. Unless set, every model call fails as unavailable, so model steps take the
     * fallback.
     */
    public Builder llm(LlmClient llm) {
      this.llm = Objects.requireNonNull(llm, "llm");
      return this;
    }

    /** The tools; none unless set. Replaces a router given before. */
    public Builder tools(ToolProvider tools) {
      this.tools = Objects.requireNonNull(tools, "tools");
      this.router = null;
      return this;
    }

    /**
     * The tools of MCP servers behind {@code router}, through {@link McpToolProvider} with the
     * policy's catalog: the engine calls a copy of the router with its policy guard as innermost
     * interceptor, so even a direct call that mutates is checked.
     */
    public Builder tools(ToolRouter router) {
      this.router = Objects.requireNonNull(router, "router");
      return this;
    }

    /** Adds an action adapter: trusted facts, inverses and changes for the actions it lists. */
    public Builder actionAdapter(ActionAdapter adapter) {
      adapters.add(Objects.requireNonNull(adapter, "adapter"));
      return this;
    }

    /** Adds action adapters. */
    public Builder actionAdapters(List<? extends ActionAdapter> adapters) {
      adapters.forEach(this::actionAdapter);
      return this;
    }

    /**
     * Where health checks and verification read fresh facts. Unless set, a check that reads a fact
     * the run does not already know cannot hold, so verification fails (and rolls back) at once.
     */
    public Builder factSource(FactSource factSource) {
      this.factSource = Objects.requireNonNull(factSource, "factSource");
      return this;
    }

    /**
     * The policy; the engine makes its {@link PolicyEngine} with this builder's clock and emergency
     * stops. Required (this or {@link #policy(PolicyEngine)}).
     */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      this.policyEngine = null;
      return this;
    }

    /**
     * A policy engine, to share its rate-limit state with other engines. Give it the same clock;
     * its emergency stops apply, and so do this builder's.
     */
    public Builder policy(PolicyEngine policyEngine) {
      this.policyEngine = Objects.requireNonNull(policyEngine, "policyEngine");
      this.policy = null;
      return this;
    }

    /** Who approves what the policy sends to a human; {@link ApprovalHandler#alwaysDeny()}. */
    public Builder approvals(ApprovalHandler approvals) {
      this.approvals = Objects.requireNonNull(approvals, "approvals");
      return this;
    }

    /** How long an approval may take before it counts as a denial; 15 minutes unless set. */
    public Builder approvalTimeout(Duration timeout) {
      this.approvalTimeout = positive(timeout, "approvalTimeout");
      return this;
    }

    /** The clock of every timestamp, deadline, budget and {@code off_hours}; UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The executor of {@link #runAsync} and parallel tool calls; see the class description. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How the engine waits (approval deadlines, polling); a timer thread the engine owns. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Where audit events go; {@link Slf4jAuditSink#ofDefaults()} unless set. */
    public Builder auditSink(AuditSink sink) {
      this.auditSink = Objects.requireNonNull(sink, "auditSink");
      return this;
    }

    /** Where notifications go; {@link Notifier#logging()} unless set. */
    public Builder notifier(Notifier notifier) {
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /** The channels escalations go to; {@code ["oncall"]} unless set. */
    public Builder escalationChannels(List<String> channels) {
      List<String> copy = List.copyOf(channels);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException(
            "escalationChannels: at least one channel, so an escalation reaches someone");
      }
      this.escalationChannels = copy;
      return this;
    }

    /** What a run may spend; {@link Budgets#defaults()} unless set. */
    public Builder budgets(Budgets budgets) {
      this.budgets = Objects.requireNonNull(budgets, "budgets");
      return this;
    }

    /**
     * Whether every change is sent as a dry run (or not sent, when it has none); {@code false}
     * unless set. A dry run asks no human: the report says what would have needed one.
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Adds an emergency stop, checked before every step and every change (see {@link
     * InMemoryEmergencyStop}, {@link FileEmergencyStop}).
     */
    public Builder emergencyStop(EmergencyStop stop) {
      stops.add(Objects.requireNonNull(stop, "stop"));
      return this;
    }

    /** Whether a stopped run undoes its changes; {@code true} unless set. */
    public Builder rollbackOnStop(boolean rollbackOnStop) {
      this.rollbackOnStop = rollbackOnStop;
      return this;
    }

    /** The prompts; {@link Prompts#defaults()} (the seed's) unless set. */
    public Builder prompts(Prompts prompts) {
      this.prompts = Objects.requireNonNull(prompts, "prompts");
      return this;
    }

    /** How often an answer outside its schema is re-asked; 2 unless set (at most 10). */
    public Builder maxReasks(int maxReasks) {
      this.maxReasks = inRange(maxReasks, 0, 10, "maxReasks");
      return this;
    }

    /**
     * How often a model step asks again when the model is throttled or unavailable (a retryable
     * failure), before it takes the fallback; 2 unless set (at most 10). A refusal is never asked
     * again.
     */
    public Builder modelRetries(int retries) {
      this.modelRetries = inRange(retries, 0, 10, "modelRetries");
      return this;
    }

    /**
     * The pause before the first retry of a throttled or unavailable model, doubled for each
     * further one, waited on the engine's scheduler; 2 seconds unless set.
     */
    public Builder modelRetryBackoff(Duration backoff) {
      this.modelRetryBackoff = positive(backoff, "modelRetryBackoff");
      return this;
    }

    /** The budget one tool result may take of a prompt; 16,000 characters unless set. */
    public Builder toolOutputLimiter(ToolOutputLimiter limiter) {
      this.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** The redactor of prompts, audit and reports; {@link SecretRedactor#ofDefaults()}. */
    public Builder redactor(SecretRedactor redactor) {
      this.redactor = Objects.requireNonNull(redactor, "redactor");
      return this;
    }

    /** Where executed changes are remembered by key; a new in-memory store unless set. */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotency = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The handler of steps of the custom action {@code action}. */
    public Builder stepHandler(String action, StepHandler handler) {
      stepHandlers.put(
          Objects.requireNonNull(action, "action"), Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** The model id for playbooks that name none; {@value PlaybookEngine#DEFAULT_MODEL}. */
    public Builder model(String model) {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("model: must not be blank");
      }
      this.model = model;
      return this;
    }

    /** How long verification polls before it fails; 5 minutes unless set. */
    public Builder verifyTimeout(Duration timeout) {
      this.verifyTimeout = positive(timeout, "verifyTimeout");
      return this;
    }

    /** How long verification waits between attempts; 15 seconds unless set. */
    public Builder verifyInterval(Duration interval) {
      this.verifyInterval = positive(interval, "verifyInterval");
      return this;
    }

    /** The timeout of one tool call; 60 seconds unless set. */
    public Builder toolTimeout(Duration timeout) {
      this.toolTimeout = positive(timeout, "toolTimeout");
      return this;
    }

    /**
     * Whether model steps offer the read-only tools to the model (the agentic tool loop); {@code
     * true} unless set.
     */
    public Builder agenticTools(boolean agenticTools) {
      this.agenticTools = agenticTools;
      return this;
    }

    /** How many rounds of tool calls a model step may make before it must answer; 8 unless set. */
    public Builder maxToolRounds(int rounds) {
      this.maxToolRounds = inRange(rounds, 0, 50, "maxToolRounds");
      return this;
    }

    /** The most tokens one model answer may have; 4096 unless set. */
    public Builder maxOutputTokens(int tokens) {
      if (tokens < 1) {
        throw new IllegalArgumentException("maxOutputTokens: must be positive, was " + tokens);
      }
      this.maxOutputTokens = tokens;
      return this;
    }

    /** Where run ids come from; random UUIDs unless set. */
    public Builder runIds(Supplier<String> runIds) {
      this.runIds = Objects.requireNonNull(runIds, "runIds");
      return this;
    }

    /** Who follows runs as they go; nobody unless set. */
    public Builder listener(RunListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    private static int inRange(int value, int min, int max, String field) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            field + ": must be " + min + " to " + max + ", was " + value);
      }
      return value;
    }

    private static Duration positive(Duration d, String field) {
      Objects.requireNonNull(d, field);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(field + ": must be positive, was " + d);
      }
      return d;
    }

    /**
     * The engine.
     *
     * @throws IllegalStateException if no policy was given
     */
    public PlaybookEngine build() {
      if (policy == null && policyEngine == null) {
        throw new IllegalStateException(
            "policy: an engine needs a policy (PlaybookEngine.Builder.policy); try Policy.seed()");
      }
      return new PlaybookEngine(this);
    }
  }
}
