package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.audit.AuditEvent;
import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.audit.AuditTrail;
import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.llm.LlmUsageMeter;
import io.github.aiplaybooks.core.llm.ToolOutputLimiter;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.StandardFacts;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.playbook.Template;
import io.github.aiplaybooks.core.playbook.TemplateException;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.Execution;
import io.github.aiplaybooks.core.tool.ExecutionMode;
import io.github.aiplaybooks.core.tool.FactQuery;
import io.github.aiplaybooks.core.tool.FactsJson;
import io.github.aiplaybooks.core.tool.MutationGate;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.ToolRequest;
import io.github.aiplaybooks.core.tool.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run in progress: its mutable state (turned into a {@link RunState} at every step boundary)
 * and the services its steps use. Lists that parallel tool calls touch are guarded by this object's
 * lock.
 */
final class Run {
  /** Parsed templates by text: a playbook's templates are few and used by every run. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Template> TEMPLATES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MAX_CACHED_TEMPLATES = 4096;

  private static final Logger log = LoggerFactory.getLogger(Run.class);

  final PlaybookEngine engine;
  final Playbook playbook;
  final MutationGate gate;
  final AuditTrail audit;
  final List<AuditEvent> events;
  final Clock clock;
  final LlmClient llm;
  final ActionPipeline pipeline;

  final String runId;
  final TriggerEvent trigger;
  final boolean dryRun;
  final Instant startedAt;

  int nextStep;
  RunStatus status;
  String statusReason;
  String halted;
  String ended;
  final ObjectNode trusted;
  final ObjectNode outputs;
  final List<StepResult> steps;
  final List<RunState.Evidence> evidence;
  final List<RunState.Proposal> proposals;
  final List<RunState.ActionRecord> actions;
  final List<RunState.JournalEntry> journal;
  final List<RunState.RollbackRecord> rollbacks;
  final List<RunState.VerificationRecord> verifications;
  final List<String> escalations;
  final List<RunState.NotificationRecord> notifications;
  final List<RunState.TimelineEntry> timeline;

  /** The model usage before this process took the run over (a resumed run's), and since. */
  private final RunState.Usage usageBefore;

  final LlmUsageMeter meter = new LlmUsageMeter();
  long toolCalls;
  String exhausted;
  String fallback;
  RunState.RouteRecord route;
  JsonNode classification;
  String rootCause;
  List<String> lessons;
  String lessonsSource;
  Boolean proceed;
  String proceedReason;
  String approvalStep;
  List<String> reportSections;

  /** The step running now, for audit events raised by shared services. */
  volatile String currentStep;

  Run(
      PlaybookEngine engine,
      Playbook playbook,
      MutationGate gate,
      AuditTrail audit,
      List<AuditEvent> events,
      RunState s) {
    this.engine = engine;
    this.playbook = playbook;
    this.gate = gate;
    this.audit = audit;
    this.events = events;
    this.clock = engine.clock();
    this.runId = s.runId();
    this.trigger = s.trigger();
    this.dryRun = s.dryRun();
    this.startedAt = s.startedAt();
    this.nextStep = s.nextStep();
    this.status = s.status();
    this.statusReason = s.statusReason();
    this.halted = s.halted();
    this.ended = s.ended();
    this.trusted = s.trusted();
    this.outputs = s.outputs();
    this.steps = new ArrayList<>(s.steps());
    this.evidence = new ArrayList<>(s.evidence());
    this.proposals = new ArrayList<>(s.proposals());
    this.actions = new ArrayList<>(s.actions());
    this.journal = new ArrayList<>(s.journal());
    this.rollbacks = new ArrayList<>(s.rollbacks());
    this.verifications = new ArrayList<>(s.verifications());
    this.escalations = new ArrayList<>(s.escalations());
    this.notifications = new ArrayList<>(s.notifications());
    this.timeline = new ArrayList<>(s.timeline());
    RunState.Usage u = s.usage();
    this.usageBefore = u;
    this.toolCalls = u.toolCalls();
    this.exhausted = u.exhausted();
    this.fallback = s.fallback();
    this.route = s.route();
    this.classification = s.classification();
    this.rootCause = s.rootCause();
    this.lessons = new ArrayList<>(s.lessons());
    this.lessonsSource = s.lessonsSource();
    this.proceed = s.proceed();
    this.proceedReason = s.proceedReason();
    this.approvalStep = s.approvalStep();
    this.reportSections = s.reportSections();
    this.llm = new BudgetedLlm(engine.llm(), this);
    this.pipeline = new ActionPipeline(this);
  }

  synchronized RunState snapshot() {
    return new RunState(
        runId,
        playbook.name(),
        trigger,
        dryRun,
        startedAt,
        nextStep,
        status,
        statusReason,
        halted,
        ended,
        trusted,
        outputs,
        steps,
        evidence,
        proposals,
        actions,
        journal,
        rollbacks,
        verifications,
        escalations,
        notifications,
        timeline,
        usage(),
        fallback,
        route,
        classification,
        rootCause,
        lessons,
        lessonsSource,
        proceed,
        proceedReason,
        approvalStep,
        reportSections);
  }

  synchronized RunState.Usage usage() {
    LlmUsageMeter.Snapshot m = meter.snapshot();
    return new RunState.Usage(
        usageBefore.llmCalls() + m.calls(),
        usageBefore.inputTokens() + m.inputTokens(),
        usageBefore.outputTokens() + m.outputTokens(),
        usageBefore.totalTokens() + m.totalTokens(),
        toolCalls,
        exhausted);
  }

  ExecutionMode mode() {
    return dryRun ? ExecutionMode.DRY_RUN : ExecutionMode.LIVE;
  }

  Instant now() {
    return clock.instant();
  }

  // ---- facts and values ----

  /**
   * Trusted facts and the outputs of steps trusted code runs: the trigger's context, the inputs,
   * facts read from the system, and non-model outputs ({@code approved}, collected metrics).
   */
  synchronized Facts trustedFacts() {
    return FactsJson.fromJson(trusted);
  }

  /**
   * What the model claimed, as facts: every output of a model step by its qualified name ({@code
   * classify.blast_radius}), and by its bare name where that is not a trusted name.
   */
  synchronized Facts claimedFacts() {
    return FactsJson.fromJson(outputs);
  }

  /**
   * Every value as facts, named as the playbook's {@link io.github.aiplaybooks.core.playbook.Scope}
   * names them: a trusted name (standard fact, trigger context, input) only ever holds the trusted
   * value, never a step's claim about it, so a missing trusted fact stays missing.
   */
  synchronized Facts allFacts() {
    return trustedFacts().withDefaults(claimedFacts());
  }

  /**
   * {@link #allFacts()} for evaluating {@code conditions}, after reading from the engine's fact
   * source the standard facts they read that trusted code has not read yet ({@code api_latency},
   * {@code confidence}): a standard fact is only ever the trusted value, so it is read, never taken
   * from a step's claim. What the source cannot tell stays missing, and a condition that reads it
   * cannot be decided (fail closed).
   */
  Facts factsFor(String step, java.util.Collection<Condition> conditions) {
    Set<String> wanted = new java.util.LinkedHashSet<>();
    Facts known = trustedFacts();
    for (Condition c : conditions) {
      for (String name : c.factNames()) {
        if (StandardFacts.isStandard(name) && !known.contains(name)) {
          wanted.add(name);
        }
      }
    }
    if (!wanted.isEmpty()) {
      FactsJson.toJson(readFacts(step, wanted))
          .properties()
          .forEach(e -> setTrusted(e.getKey(), e.getValue()));
    }
    return allFacts();
  }

  /** A value: trusted first, then the model's; qualified names ({@code classify.type}) too. */
  synchronized JsonNode value(String name) {
    JsonNode v = trusted.get(name);
    return v != null ? v : outputs.get(name);
  }

  synchronized void setTrusted(String name, JsonNode value) {
    if (value != null) {
      trusted.set(name, value);
    }
  }

  /**
   * Stores {@code step}'s output {@code name}: always as {@code step.name} (the step's name without
   * its number), and by its bare name too unless that is a {@linkplain #reservedName trusted name},
   * which a step's output never stands in for. The output of a model step is a claim; that of a
   * step trusted code runs (its kind says the model does not produce it) is kept with the trusted
   * values.
   */
  synchronized void setOutput(Step step, String name, JsonNode value) {
    if (value == null) {
      return;
    }
    ObjectNode into = modelProduced(step) ? outputs : trusted;
    into.set(step.name() + "." + name, value);
    if (!reservedName(name)) {
      into.set(name, value);
    }
  }

  private boolean modelProduced(Step step) {
    try {
      return playbook.kind(step).modelProduced(step.spec());
    } catch (RuntimeException e) {
      // A kind the playbook no longer knows: its outputs are claims (fail closed).
      return true;
    }
  }

  /**
   * Whether {@code name} belongs to a trusted value: a standard fact, a name of the trigger's
   * context (the playbook's or this run's) or an input.
   */
  boolean reservedName(String name) {
    return StandardFacts.isStandard(name)
        || playbook.trigger().context().contains(name)
        || playbook.inputs().containsKey(name)
        || trigger.context().has(name)
        || trigger.inputs().has(name);
  }

  /**
   * {@code text} (a {@link Template}) with every {@code ${name}} replaced by the run's value, or
   * {@code null} if a value is missing and not {@code leaveMissing}; a text that is not a template
   * is returned as it is.
   */
  String fill(String text, boolean leaveMissing) {
    if (text.indexOf("${") < 0) {
      return text; // no variable, and no $${ escape: the text renders as itself
    }
    Template t = TEMPLATES.get(text);
    if (t == null) {
      try {
        t = Template.parse(text);
      } catch (TemplateException e) {
        return text;
      }
      if (TEMPLATES.size() < MAX_CACHED_TEMPLATES) {
        TEMPLATES.put(text, t);
      }
    }
    try {
      return t.render(
          name -> {
            JsonNode v = value(name);
            if (v == null || v.isNull()) {
              return leaveMissing ? "<" + name + " unknown>" : null;
            }
            return v.isString() ? v.stringValue() : v.toString();
          });
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The arguments with every {@code ${name}} in their strings filled.
   *
   * @throws IllegalArgumentException naming a variable with no value
   */
  ObjectNode fill(ObjectNode args) {
    ObjectNode out = args.deepCopy();
    fillInto(out);
    return out;
  }

  private void fillInto(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : new ArrayList<>(o.properties())) {
        if (e.getValue().isString()) {
          o.put(e.getKey(), fillOrThrow(e.getValue().stringValue()));
        } else {
          fillInto(e.getValue());
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isString()) {
          a.set(i, JsonNodeFactory.instance.stringNode(fillOrThrow(a.get(i).stringValue())));
        } else {
          fillInto(a.get(i));
        }
      }
    }
  }

  private String fillOrThrow(String s) {
    String filled = fill(s, false);
    if (filled == null) {
      List<String> missing = new ArrayList<>();
      for (String v : Template.parse(s).variables()) {
        JsonNode value = value(v);
        if (value == null || value.isNull()) {
          missing.add(v);
        }
      }
      throw new IllegalArgumentException(
          "no value for ${" + String.join("}, ${", missing) + "} in '" + s + "'");
    }
    return filled;
  }

  /**
   * What the run is about, from the trigger's context: the deployment, else the pod, node or
   * service, in the namespace and cluster given.
   */
  Target mainTarget() {
    String ns = text("namespace");
    String cluster = text("cluster");
    String[][] kinds = {
      {"deployment", "deployment"}, {"pod", "pod"}, {"node", "node"}, {"service", "service"}
    };
    for (String[] k : kinds) {
      String name = text(k[0]);
      if (name != null) {
        return new Target(k[1], k[1].equals("node") ? null : ns, name, cluster);
      }
    }
    return ns == null && cluster == null ? Target.NONE : new Target(null, ns, null, cluster);
  }

  private String text(String name) {
    JsonNode v = trusted.get(name);
    if (v == null || v.isNull() || v.isContainer()) {
      return null;
    }
    String s = v.isString() ? v.stringValue() : v.toString();
    return s.isBlank() ? null : s;
  }

  // ---- emergency stop ----

  /** Stops the run if an emergency stop of the engine is engaged. */
  void checkStop() {
    java.util.Optional<String> stop = gate.engagedStop();
    if (stop.isPresent()) {
      throw new RunStoppedException(stop.get());
    }
  }

  // ---- budgets ----

  void checkWallTime() {
    Duration max = engine.budgets().maxWallTime();
    if (Duration.between(startedAt, now()).compareTo(max) > 0) {
      throw exhaust("wall_time", "the run took longer than its budget of " + max);
    }
  }

  /** Checks the model budgets before a call; the meter counts the call itself. */
  synchronized void beforeLlmCall() {
    RunState.Usage u = usage();
    if (u.llmCalls() >= engine.budgets().maxLlmCalls()) {
      throw exhaust(
          "llm_calls",
          "the run made its budget of " + engine.budgets().maxLlmCalls() + " model calls");
    }
    if (u.totalTokens() >= engine.budgets().maxTokens()) {
      throw exhaust(
          "tokens",
          "the run used "
              + u.totalTokens()
              + " tokens of its budget of "
              + engine.budgets().maxTokens());
    }
  }

  synchronized void countToolCall() {
    if (toolCalls >= engine.budgets().maxToolCalls()) {
      throw exhaust(
          "tool_calls",
          "the run made its budget of " + engine.budgets().maxToolCalls() + " tool calls");
    }
    toolCalls++;
  }

  private BudgetExhaustedException exhaust(String budget, String message) {
    synchronized (this) {
      if (exhausted == null) {
        exhausted = budget;
      }
    }
    return new BudgetExhaustedException(budget, message);
  }

  // ---- tools ----

  /**
   * Calls a read-only tool through the gate: counted, audited, and kept as evidence cut to the
   * per-call budget and redacted. A failure of the call is an error result.
   */
  ToolResult read(String step, ToolRequest request) {
    checkWallTime();
    countToolCall();
    Instant start = now();
    ToolResult result;
    try {
      result = gate.read(request.withTimeout(engine.toolTimeout()));
    } catch (io.github.aiplaybooks.core.tool.MutationNotPermittedException e) {
      result = ToolResult.error(e.getMessage());
    } catch (RuntimeException e) {
      result = ToolResult.error("the call failed: " + e.getMessage());
    }
    ToolOutputLimiter.Limited limited =
        engine.limiter().apply(engine.redactor().redact(result.text()));
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("tool", request.tool());
    data.set("arguments", request.arguments());
    data.put("outcome", result.error() ? "error" : "ok");
    data.put("duration_ms", Duration.between(start, now()).toMillis());
    data.put("chars", limited.originalChars());
    if (limited.truncated()) {
      data.put("truncated_chars", limited.removedChars());
    }
    record(AuditEventType.TOOL_CALL, step, data);
    synchronized (this) {
      evidence.add(
          new RunState.Evidence(
              step,
              request.tool(),
              request.arguments(),
              limited.text(),
              result.error(),
              limited.removedChars(),
              now()));
    }
    return new ToolResult(limited.text(), result.structured(), result.error(), result.sent());
  }

  /** Reads facts fresh from the system, through the engine's fact source. */
  Facts readFacts(String step, Set<String> names) {
    if (names.isEmpty()) {
      return Facts.empty();
    }
    checkWallTime();
    countToolCall();
    Instant since;
    synchronized (this) {
      since = journal.isEmpty() ? null : journal.get(0).appliedAt();
    }
    FactQuery query =
        new FactQuery(names, mainTarget(), trustedFacts(), since, r -> readForFacts(step, r));
    Facts facts;
    try {
      facts = engine.factSource().read(query);
    } catch (BudgetExhaustedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Fact source failed for {}: {}", names, e.toString());
      facts = Facts.empty();
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("tool", "facts");
    ArrayNode wanted = data.putArray("names");
    names.forEach(wanted::add);
    data.set("facts", FactsJson.toJson(facts));
    record(AuditEventType.TOOL_CALL, step, data);
    return facts;
  }

  private ToolResult readForFacts(String step, ToolRequest r) {
    countToolCall();
    return gate.read(r.withTimeout(engine.toolTimeout()));
  }

  // ---- proposals ----

  synchronized RunState.Proposal propose(
      String step,
      RunState.Source source,
      PlannedAction action,
      String rationale,
      ObjectNode claims,
      boolean fallbackOnly) {
    RunState.Proposal p =
        new RunState.Proposal(
            "p" + (proposals.size() + 1),
            step,
            source,
            action,
            rationale,
            claims,
            fallbackOnly,
            RunState.ProposalStatus.PENDING,
            null,
            null);
    proposals.add(p);
    return p;
  }

  /**
   * A pending proposal of another step than {@code step} of the same action on the same target with
   * the same parameters, or {@code null}.
   */
  synchronized RunState.Proposal pendingSameAs(PlannedAction action, String step) {
    for (RunState.Proposal p : proposals) {
      if (p.status() == RunState.ProposalStatus.PENDING
          && !p.step().equals(step)
          && p.action().sameAs(action)) {
        return p;
      }
    }
    return null;
  }

  synchronized List<RunState.Proposal> pending() {
    List<RunState.Proposal> out = new ArrayList<>();
    for (RunState.Proposal p : proposals) {
      if (p.status() == RunState.ProposalStatus.PENDING) {
        out.add(p);
      }
    }
    return out;
  }

  synchronized void replace(RunState.Proposal p) {
    for (int i = 0; i < proposals.size(); i++) {
      if (proposals.get(i).id().equals(p.id())) {
        proposals.set(i, p);
        return;
      }
    }
  }

  synchronized RunState.Proposal proposal(String id) {
    for (RunState.Proposal p : proposals) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    return null;
  }

  synchronized void addAction(RunState.ActionRecord r) {
    actions.add(r);
  }

  synchronized void journal(RunState.JournalEntry e) {
    journal.add(e);
  }

  synchronized boolean journaled(String key) {
    return journal.stream().anyMatch(e -> e.key().equals(key));
  }

  // ---- status ----

  synchronized void raise(RunStatus s, String reason) {
    if (status == null || status.yieldsTo(s)) {
      status = s;
      statusReason = reason;
    }
  }

  synchronized void halt(String reason) {
    if (halted == null) {
      halted = reason;
    }
  }

  synchronized void end(String reason) {
    if (ended == null) {
      ended = reason;
    }
    halt(reason);
  }

  void note(String step, String event) {
    synchronized (this) {
      timeline.add(new RunState.TimelineEntry(now(), step, event));
    }
  }

  // ---- audit ----

  AuditEvent record(AuditEventType type, String step, ObjectNode data) {
    return audit.record(type, step, data);
  }

  /** Records without letting an audit failure stop what is being recorded (rollback, finish). */
  void recordQuietly(AuditEventType type, String step, ObjectNode data) {
    try {
      audit.record(type, step, data);
    } catch (RuntimeException e) {
      log.error("Audit event {} of run {} could not be recorded: {}", type, runId, e.toString());
    }
  }

  // ---- escalation and notification ----

  void escalate(String step, String reason) {
    synchronized (this) {
      if (escalations.contains(reason)) {
        return;
      }
      escalations.add(reason);
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("reason", reason);
    ArrayNode channels = data.putArray("channels");
    engine.escalationChannels().forEach(channels::add);
    recordQuietly(AuditEventType.ESCALATION, step, data);
    note(step, "escalated to a human: " + reason);
    for (String channel : engine.escalationChannels()) {
      send(
          step,
          Notification.Kind.ESCALATION,
          channel,
          "Escalation: " + playbook.name() + " run " + runId,
          reason
              + "\n\nTrigger: "
              + trigger.describe()
              + (dryRun ? "\n(dry run: nothing was changed)" : ""));
    }
  }

  /** Sends a notification and records it; a notifier that throws is a failed delivery. */
  boolean send(String step, Notification.Kind kind, String channel, String subject, String text) {
    Notification n =
        new Notification(
            runId,
            playbook.name(),
            step,
            kind,
            channel,
            engine.redactor().redact(subject),
            engine.redactor().redact(text),
            now());
    String error = null;
    try {
      engine.notifier().send(n);
    } catch (RuntimeException e) {
      error = String.valueOf(e.getMessage());
    }
    synchronized (this) {
      notifications.add(new RunState.NotificationRecord(n, error == null, error));
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("kind", kind.name());
    data.put("channel", channel);
    data.put("subject", n.subject());
    data.put("delivered", error == null);
    if (error != null) {
      data.put("error", error);
    }
    recordQuietly(AuditEventType.NOTIFICATION, step, data);
    return error == null;
  }

  // ---- rollback ----

  /**
   * Applies the inverses of every change this run made and has not undone, in reverse order, each
   * recorded; a failing inverse is reported and escalated, and the others still run.
   *
   * @return how many changes were undone
   */
  int rollbackAll(String step, String reason) {
    List<RunState.JournalEntry> todo = new ArrayList<>();
    synchronized (this) {
      for (int i = journal.size() - 1; i >= 0; i--) {
        if (!journal.get(i).undone()) {
          todo.add(journal.get(i));
        }
      }
    }
    int undone = 0;
    for (RunState.JournalEntry e : todo) {
      Execution x;
      try {
        x = gate.rollback(e.inverse(), e.key() + "/undo", ExecutionMode.LIVE);
      } catch (RuntimeException ex) {
        x =
            new Execution(
                e.key() + "/undo",
                e.inverse().action(),
                e.inverse().target(),
                Execution.Status.FAILED,
                ExecutionMode.LIVE,
                "failed: " + ex.getMessage(),
                null,
                null,
                null,
                now(),
                now(),
                false);
      }
      synchronized (this) {
        rollbacks.add(
            new RunState.RollbackRecord(e.key(), e.action() + " on " + e.target(), reason, x));
        if (x.succeeded()) {
          for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i).key().equals(e.key())) {
              journal.set(i, journal.get(i).asUndone());
            }
          }
        }
      }
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("undoes", e.key());
      data.put("action", x.action());
      data.put("target", String.valueOf(x.target()));
      data.put("status", x.status().name());
      data.put("detail", x.detail());
      data.put("reason", reason);
      recordQuietly(AuditEventType.ROLLBACK, step, data);
      if (x.succeeded()) {
        undone++;
        note(step, "rolled back " + e.action() + " on " + e.target() + ": " + x.detail());
      } else {
        note(step, "rollback of " + e.action() + " on " + e.target() + " FAILED: " + x.detail());
        escalate(
            step,
            "the rollback of "
                + e.action()
                + " on "
                + e.target()
                + " failed ("
                + x.detail()
                + "): the change is still in place; undo it by hand with "
                + e.inverse().describe());
      }
    }
    return undone;
  }

  synchronized boolean hasLiveChanges() {
    for (RunState.JournalEntry e : journal) {
      if (!e.undone()) {
        return true;
      }
    }
    return false;
  }

  // ---- waiting ----

  /** Waits {@code d} on the engine's scheduler. */
  void sleep(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    Scheduler.Cancellable c = engine.scheduler().schedule(d, () -> f.complete(null));
    try {
      f.get();
    } catch (InterruptedException e) {
      c.cancel();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the run was interrupted while waiting", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the scheduler failed", e.getCause());
    }
  }

  // ---- listener ----

  void listen(java.util.function.Consumer<RunListener> call) {
    try {
      call.accept(engine.listener());
    } catch (RuntimeException e) {
      log.warn("Run listener failed: {}", e.toString());
    }
  }
}
