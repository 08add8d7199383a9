package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.approval.ApprovalRecord;
import io.github.aiplaybooks.core.approval.ApprovalRequest;
import io.github.aiplaybooks.core.approval.ApprovalResponse;
import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.RuleRef;
import io.github.aiplaybooks.core.tool.ActionDecision;
import io.github.aiplaybooks.core.tool.ApprovalRules;
import io.github.aiplaybooks.core.tool.Execution;
import io.github.aiplaybooks.core.tool.FactsJson;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.core.tool.PreparedAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every proposal of a run goes the same way, whoever proposed it: {@link
 * io.github.aiplaybooks.core.tool.MutationGate#prepare prepare} (trusted facts and inverse from its
 * adapter), {@link io.github.aiplaybooks.core.tool.MutationGate#decide decide} (the policy and the
 * step's rules), an approval when the decision asks for one (with the engine's deadline), then
 * {@link io.github.aiplaybooks.core.tool.MutationGate#execute execute}. Each stage is audited and
 * ends in an {@link RunState.ActionRecord}.
 */
final class ActionPipeline {
  private final Run run;

  ActionPipeline(Run run) {
    this.run = run;
  }

  /** Decides, and asks for approval when needed, without running the action (approve steps). */
  RunState.ActionRecord decide(RunState.Proposal p, Step step, ApprovalRules rules) {
    return process(p, step, rules, false, null, false);
  }

  /** Decides, asks for approval when needed, and runs the action (execute steps). */
  RunState.ActionRecord execute(
      RunState.Proposal p, Step step, ApprovalRules rules, Instant deadline, boolean journal) {
    return process(p, step, rules, true, deadline, journal);
  }

  private RunState.ActionRecord process(
      RunState.Proposal p,
      Step step,
      ApprovalRules rules,
      boolean execute,
      Instant deadline,
      boolean journal) {
    run.checkWallTime();
    String stepKey = step.key();
    PreparedAction prepared = run.gate.prepare(p.action(), run.trustedFacts());
    Facts claims = run.claimedFacts().withDefaults(FactsJson.fromJson(p.claims()));
    ActionDecision d = run.gate.decide(prepared, rules, claims);
    ObjectNode trusted = FactsJson.toJson(d.facts());
    ObjectNode claimed = claimedAbout(trusted, claims);
    List<String> differences = differences(trusted, claimed);
    Ctx c = new Ctx(p, stepKey, prepared, d, trusted, claimed, differences);
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("proposal", p.id());
    data.put("source", p.source().name());
    data.put("action", prepared.action());
    data.put("target", String.valueOf(p.action().target()));
    data.put("outcome", d.outcome().name());
    data.put("rule", d.rule());
    ArrayNode reasons = data.putArray("reasons");
    d.reasons().forEach(reasons::add);
    data.set("trusted_facts", trusted);
    if (!claimed.isEmpty()) {
      data.set("claimed_facts", claimed);
    }
    if (!differences.isEmpty()) {
      ArrayNode diff = data.putArray("differences");
      differences.forEach(diff::add);
    }
    data.put("carrier", prepared.carrier().name());
    data.put("has_inverse", prepared.inverse().isPresent());
    run.record(AuditEventType.DECISION, stepKey, data);
    run.note(
        stepKey,
        "decided "
            + prepared.action()
            + (p.action().target().isNone() ? "" : " on " + p.action().target())
            + ": "
            + d.outcome()
            + " by "
            + d.rule());

    if (d.isDenied()) {
      if (d.rule().startsWith(RuleRef.EMERGENCY_STOP)) {
        record(c, null, null, "STOPPED", String.join("; ", d.reasons()), execute);
        throw new RunStoppedException(String.join("; ", d.reasons()));
      }
      return record(c, null, null, "DENIED", d.reasons().get(0), execute);
    }
    ApprovalRecord approval = null;
    if (d.requiresApproval()) {
      if (p.fallbackOnly()) {
        return record(
            c,
            null,
            null,
            "SKIPPED",
            "the fallback takes only actions the policy allows without a human (rule "
                + d.rule()
                + "); left for a human",
            execute);
      }
      if (run.dryRun) {
        return record(
            c,
            null,
            null,
            "NEEDS_APPROVAL",
            "dry run: would ask a human (rule " + d.rule() + "); not sent",
            execute);
      }
      approval = reusable(run.proposal(p.id()), prepared);
      if (approval == null) {
        approval = ask(c);
        RunState.Proposal current = run.proposal(p.id());
        if (current != null) {
          run.replace(current.withApproval(approval));
        }
      }
      if (!approval.isApproved()) {
        return record(
            c,
            approval,
            null,
            approval.status() == ApprovalRecord.Status.TIMED_OUT
                ? "APPROVAL_TIMED_OUT"
                : "NOT_APPROVED",
            "approval " + approval,
            execute);
      }
    }
    if (!execute) {
      return record(
          c,
          approval,
          null,
          "DECIDED",
          approval != null
              ? "approved; runs in the execute step"
              : "allowed; runs in the execute step",
          false);
    }
    run.countToolCall();
    String key = run.runId + "/" + stepKey + "/" + p.id();
    Execution x = run.gate.execute(prepared, d, approval, run.mode(), key, deadline);
    ObjectNode mutation = JsonNodeFactory.instance.objectNode();
    mutation.put("proposal", p.id());
    mutation.put("idempotency_key", key);
    mutation.put("action", x.action());
    mutation.put("target", String.valueOf(x.target()));
    mutation.put("status", x.status().name());
    mutation.put("mode", x.mode().name());
    mutation.put("detail", x.detail());
    mutation.put("replayed", x.replayed());
    if (x.inverse() != null) {
      mutation.put("inverse", x.inverse().describe());
    }
    run.record(
        prepared.effect() == Effect.READ ? AuditEventType.TOOL_CALL : AuditEventType.MUTATION,
        stepKey,
        mutation);
    // A replay (a retried step) is journaled too, unless the state already holds it: its inverse
    // must be there to roll back.
    if (x.status() == Execution.Status.APPLIED
        && journal
        && x.inverse() != null
        && !run.journaled(key)) {
      run.journal(
          new RunState.JournalEntry(
              key, stepKey, x.action(), x.target(), x.inverse(), x.finishedAt(), false));
    }
    if (x.status() == Execution.Status.READ && x.toolResult() != null) {
      String text = run.engine.limiter().limit(run.engine.redactor().redact(x.toolResult().text()));
      synchronized (run) {
        run.evidence.add(
            new RunState.Evidence(
                stepKey,
                prepared.tool().map(t -> t.name()).orElse(x.action()),
                p.action().parameters(),
                text,
                x.toolResult().error(),
                0,
                run.now()));
      }
    }
    String result = x.status().name();
    RunState.ActionRecord r = record(c, approval, x, result, x.detail(), true);
    run.note(stepKey, x.action() + " on " + x.target() + ": " + result + " - " + x.detail());
    if (x.status() == Execution.Status.STOPPED) {
      throw new RunStoppedException(x.detail());
    }
    if (x.status() == Execution.Status.UNKNOWN) {
      run.escalate(stepKey, x.action() + " on " + x.target() + ": " + x.detail());
    }
    return r;
  }

  private record Ctx(
      RunState.Proposal proposal,
      String step,
      PreparedAction prepared,
      ActionDecision decision,
      ObjectNode trusted,
      ObjectNode claimed,
      List<String> differences) {}

  private RunState.ActionRecord record(
      Ctx c, ApprovalRecord approval, Execution x, String result, String detail, boolean done) {
    RunState.ActionRecord r =
        new RunState.ActionRecord(
            c.proposal.id(),
            c.step,
            c.prepared.action(),
            c.proposal.action().target(),
            c.prepared.description(),
            c.decision.outcome().name(),
            c.decision.rule(),
            c.decision.reasons(),
            c.trusted,
            c.claimed,
            c.differences,
            c.prepared.inverse().orElse(null),
            approval,
            x,
            result,
            detail,
            run.now());
    run.addAction(r);
    if (done) {
      RunState.Proposal current = run.proposal(c.proposal.id());
      if (current != null) {
        run.replace(current.with(RunState.ProposalStatus.DONE, result));
      }
    }
    return r;
  }

  /**
   * The answer a human already gave for this proposal (approve steps ask before execute steps run),
   * approving or not: a human is asked once per action, and a denial stands.
   */
  private static ApprovalRecord reusable(RunState.Proposal p, PreparedAction prepared) {
    if (p == null || p.approval() == null) {
      return null;
    }
    ApprovalRequest r = p.approval().request();
    return r.action().equals(prepared.action()) && r.target().equals(prepared.planned().target())
        ? p.approval()
        : null;
  }

  private ApprovalRecord ask(Ctx c) {
    Instant now = run.now();
    Instant deadline = now.plus(run.engine.approvalTimeout());
    PlannedAction planned = c.prepared.planned();
    ApprovalRequest request =
        new ApprovalRequest(
            c.step + "/" + c.proposal.id(),
            run.runId,
            run.playbook.name(),
            c.step,
            c.prepared.action(),
            planned.target(),
            planned.parameters(),
            c.prepared.description(),
            c.decision.rule(),
            c.decision.reasons(),
            c.trusted,
            c.claimed,
            c.prepared.inverse().map(PlannedAction::describe).orElse(null),
            run.dryRun,
            now,
            deadline);
    ObjectNode asked = JsonNodeFactory.instance.objectNode();
    asked.put("request_id", request.requestId());
    asked.put("action", request.action());
    asked.put("target", String.valueOf(request.target()));
    asked.put("status", "REQUESTED");
    asked.put("rule", request.rule());
    asked.put("deadline", deadline.toString());
    run.record(AuditEventType.APPROVAL, c.step, asked);
    run.note(c.step, "asked a human to approve " + request.action() + " on " + request.target());

    CompletableFuture<ApprovalRecord> done = new CompletableFuture<>();
    try {
      CompletionStage<ApprovalResponse> stage = run.engine.approvals().request(request);
      if (stage == null) {
        done.complete(ApprovalRecord.failed(request, run.now(), "the handler returned no answer"));
      } else {
        stage.whenComplete(
            (response, error) -> {
              if (error != null) {
                done.complete(ApprovalRecord.failed(request, run.now(), String.valueOf(error)));
              } else if (response == null) {
                done.complete(ApprovalRecord.failed(request, run.now(), "the answer was null"));
              } else {
                done.complete(ApprovalRecord.answered(request, response, run.now()));
              }
            });
      }
    } catch (RuntimeException e) {
      done.complete(ApprovalRecord.failed(request, run.now(), String.valueOf(e)));
    }
    Scheduler.Cancellable timer = null;
    if (!done.isDone()) {
      // The engine keeps the deadline, by its own clock and scheduler: never the handler.
      timer =
          run.engine
              .scheduler()
              .schedule(
                  run.engine.approvalTimeout(),
                  () -> done.complete(ApprovalRecord.timedOut(request, run.now())));
    }
    ApprovalRecord record;
    try {
      record = done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record = ApprovalRecord.failed(request, run.now(), "interrupted while waiting");
    } catch (ExecutionException e) {
      record = ApprovalRecord.failed(request, run.now(), String.valueOf(e.getCause()));
    }
    if (timer != null) {
      timer.cancel();
    }
    if (record.status() != ApprovalRecord.Status.TIMED_OUT
        && record.decidedAt().isAfter(deadline)) {
      record = ApprovalRecord.timedOut(request, record.decidedAt());
    }
    ObjectNode answered = JsonNodeFactory.instance.objectNode();
    answered.put("request_id", request.requestId());
    answered.put("action", request.action());
    answered.put("target", String.valueOf(request.target()));
    answered.put("status", record.status().name());
    if (record.response() != null) {
      if (record.response().approver() != null) {
        answered.put("approver", record.response().approver());
      }
      if (record.response().comment() != null) {
        answered.put("comment", record.response().comment());
      }
    }
    if (record.error() != null) {
      answered.put("error", record.error());
    }
    run.record(AuditEventType.APPROVAL, c.step, answered);
    run.note(c.step, "approval of " + request.action() + ": " + record);
    return record;
  }

  /**
   * The claims about names the decision read: a model step's output of a trusted name is claimed
   * under its qualified name ({@code classify.blast_radius} about {@code blast_radius}).
   */
  private static ObjectNode claimedAbout(ObjectNode trusted, Facts claims) {
    ObjectNode all = FactsJson.toJson(claims);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : all.properties()) {
      if (trusted.has(about(e.getKey()))) {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The name a claim is about: {@code blast_radius} for {@code classify.blast_radius}. */
  private static String about(String claim) {
    int dot = claim.lastIndexOf('.');
    return dot < 0 ? claim : claim.substring(dot + 1);
  }

  /**
   * Each claim that differs from the trusted value, in words: {@code blast_radius: claimed 1
   * (classify.blast_radius), trusted 3}.
   */
  static List<String> differences(ObjectNode trusted, ObjectNode claimed) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : claimed.properties()) {
      String name = about(e.getKey());
      JsonNode t = trusted.get(name);
      if (t != null && !same(t, e.getValue())) {
        out.add(
            name
                + ": claimed "
                + display(e.getValue())
                + (name.equals(e.getKey()) ? "" : " (" + e.getKey() + ")")
                + ", trusted "
                + display(t));
      }
    }
    return out;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    Object x =
        FactsJson.fromJson(JsonNodeFactory.instance.objectNode().set("v", a)).get("v").orElse(null);
    Object y =
        FactsJson.fromJson(JsonNodeFactory.instance.objectNode().set("v", b)).get("v").orElse(null);
    if (x instanceof io.github.aiplaybooks.core.condition.Quantity qx
        && y instanceof io.github.aiplaybooks.core.condition.Quantity qy
        && qx.isComparableTo(qy)) {
      return qx.baseValue() == qy.baseValue();
    }
    return a.equals(b);
  }

  private static String display(JsonNode v) {
    return v.isString() ? v.stringValue() : v.toString();
  }
}
