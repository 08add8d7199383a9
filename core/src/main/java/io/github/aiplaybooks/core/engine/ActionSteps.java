package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.audit.AuditEventType;
import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Truth;
import io.github.aiplaybooks.core.playbook.ApproveSpec;
import io.github.aiplaybooks.core.playbook.ExecuteSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckSpec;
import io.github.aiplaybooks.core.playbook.HealthCheckTrigger;
import io.github.aiplaybooks.core.playbook.Step;
import io.github.aiplaybooks.core.playbook.VerifySpec;
import io.github.aiplaybooks.core.tool.ApprovalRules;
import io.github.aiplaybooks.core.tool.FactsJson;
import io.github.aiplaybooks.core.tool.PlannedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The steps that decide about, run and check actions: approve, execute, verify. */
final class ActionSteps {
  private ActionSteps() {}

  /** The rules of the run's last approve step, which later execute steps apply too. */
  static ApprovalRules approveRules(Run run) {
    if (run.approvalStep == null) {
      return ApprovalRules.none();
    }
    for (Step s : run.playbook.steps()) {
      if (s.key().equals(run.approvalStep) && s.spec() instanceof ApproveSpec a) {
        return rules(s, a);
      }
    }
    return ApprovalRules.none();
  }

  private static ApprovalRules rules(Step s, ApproveSpec a) {
    return ApprovalRules.builder()
        .requireHumanIf(s.key() + ".require_human_if", a.requireHumanIf())
        .autoApproveIf(s.key() + ".auto_approve_if", a.autoApproveIf())
        .build();
  }

  // ---- approve ----

  static Done approve(Run run, Step step, ApproveSpec spec) {
    run.approvalStep = step.key();
    List<RunState.Proposal> pending = run.pending();
    if (pending.isEmpty()) {
      run.setOutput(step, "approved", JsonNodeFactory.instance.booleanNode(true));
      return Done.completed("nothing to approve");
    }
    ApprovalRules rules = rules(step, spec);
    int mayRun = 0;
    List<String> lines = new ArrayList<>();
    for (RunState.Proposal p : pending) {
      RunState.ActionRecord r = run.pipeline.decide(p, step, rules);
      if (r.result().equals("DECIDED")) {
        mayRun++;
      }
      lines.add(
          r.action()
              + ": "
              + r.outcome()
              + (r.approval() != null ? " " + r.approval().status() : ""));
    }
    boolean approved = mayRun == pending.size();
    run.setOutput(step, "approved", JsonNodeFactory.instance.booleanNode(approved));
    return Done.completed(
        mayRun + " of " + pending.size() + " may run: " + String.join("; ", lines));
  }

  // ---- execute ----

  static Done execute(Run run, Step step, ExecuteSpec spec) {
    String key = step.key();
    if (spec.condition().isPresent()) {
      Condition c = spec.condition().get();
      Facts facts = run.factsFor(key, List.of(c));
      Truth t = BasicSteps.truth(c, facts);
      if (t != Truth.TRUE) {
        String why =
            t == Truth.FALSE
                ? "if does not hold: " + BasicSteps.explain(c, facts)
                : "if cannot be decided ("
                    + BasicSteps.missing(c, facts)
                    + "): not run (fail closed)";
        run.note(key, why);
        markNotRun(run, key, "the execute step's condition did not hold");
        if (t == Truth.UNKNOWN) {
          // Not knowing is not "no": a human decides what trusted code could not.
          run.escalate(key, "step " + key + ": its if " + why);
        }
        return Done.skipped(why);
      }
    }
    if (Boolean.FALSE.equals(run.proceed)) {
      String why = "the decision step said not to proceed: " + run.proceedReason;
      run.note(key, why);
      return Done.skipped(why);
    }
    List<RunState.Proposal> todo = new ArrayList<>();
    if (run.gate.catalog().contains(step.action())) {
      RunState.Proposal mine = null;
      for (RunState.Proposal p : run.pending()) {
        if (p.step().equals(key) && p.source() == RunState.Source.STEP) {
          mine = p;
        }
      }
      if (mine == null) {
        PlannedAction planned =
            new PlannedAction(
                step.action(),
                Fallback.targetFor(
                    run, run.gate.catalog().resolve(step.action()).orElseThrow().name()),
                null,
                spec.method().orElse(null),
                null);
        mine =
            run.propose(
                key, RunState.Source.STEP, planned, "step " + key, null, run.fallback != null);
      }
      todo.add(mine);
    } else {
      for (RunState.Proposal p : run.pending()) {
        PlannedAction a = p.action();
        if (spec.method().isPresent() && a.method() == null) {
          a = a.withMethod(spec.method().get());
          RunState.Proposal withMethod =
              new RunState.Proposal(
                  p.id(),
                  p.step(),
                  p.source(),
                  a,
                  p.rationale(),
                  p.claims(),
                  p.fallbackOnly(),
                  p.status(),
                  p.note(),
                  p.approval());
          run.replace(withMethod);
          p = withMethod;
        }
        todo.add(p);
      }
    }
    if (todo.isEmpty()) {
      return Done.completed("nothing to execute");
    }
    ApprovalRules rules =
        approveRules(run)
            .and(
                ApprovalRules.builder()
                    .autoOnlyIfAny(key + ".auto_fix_if", spec.autoFixIf())
                    .autoOnlyIfAll(key + ".auto_apply_if", spec.autoApplyIf())
                    .build());
    Instant deadline = spec.timeout().map(t -> run.now().plus(t)).orElse(null);
    int applied = 0;
    int refused = 0;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      if (deadline != null && run.now().isAfter(deadline)) {
        return timedOut(run, step, spec, todo.subList(i, todo.size()), lines);
      }
      RunState.ActionRecord r =
          run.pipeline.execute(todo.get(i), step, rules, deadline, spec.withRollback());
      lines.add(r.action() + " " + r.result());
      if (r.applied()) {
        applied++;
      } else if (r.refused()) {
        refused++;
      }
      if ("FAILED".equals(r.result())) {
        String reason =
            "step " + key + ": " + r.action() + " on " + r.target() + " failed: " + r.detail();
        markNotRun(run, key, "not run: an earlier action of the step failed");
        rollBack(run, key, reason);
        return Done.failed(reason + rolledBackText(run));
      }
      if (deadline != null && run.now().isAfter(deadline)) {
        return timedOut(run, step, spec, todo.subList(i + 1, todo.size()), lines);
      }
    }
    String summary =
        (run.dryRun ? "dry run: " : "")
            + applied
            + " applied, "
            + refused
            + " not run of "
            + todo.size()
            + ": "
            + String.join("; ", lines);
    if (spec.verify() && applied > 0 && !laterVerifyStep(run, step)) {
      List<Condition> checks = healthChecks(run);
      if (checks.isEmpty()) {
        run.note(key, "verify is on, but the playbook has no checks to verify with: unverified");
        summary += "; unverified (no checks)";
      } else {
        VerifyOutcome v = poll(run, key, checks);
        if (!v.passed) {
          String reason = "verification after " + key + " failed: " + v.summary;
          rollBack(run, key, reason);
          return Done.failed(reason + rolledBackText(run));
        }
        summary += "; verified: " + v.summary;
      }
    }
    return Done.completed(summary);
  }

  private static Done timedOut(
      Run run, Step step, ExecuteSpec spec, List<RunState.Proposal> left, List<String> lines) {
    String key = step.key();
    for (RunState.Proposal p : left) {
      run.replace(p.with(RunState.ProposalStatus.DONE, "not run: the step timed out"));
    }
    String reason =
        "step "
            + key
            + " ran past its timeout of "
            + spec.timeout().map(Duration::toString).orElse("?")
            + " ("
            + String.join("; ", lines)
            + ")";
    run.note(key, reason);
    rollBack(run, key, reason);
    return new Done(StepStatus.TIMED_OUT, reason + rolledBackText(run));
  }

  private static String rolledBackText(Run run) {
    return run.rollbacks.isEmpty() ? "" : "; rolled back " + run.rollbacks.size() + " change(s)";
  }

  private static void markNotRun(Run run, String step, String why) {
    for (RunState.Proposal p : run.pending()) {
      run.replace(p.with(RunState.ProposalStatus.DONE, why));
    }
  }

  /** Undoes the run's changes, if it made any, and halts the run short of report and notify. */
  static void rollBack(Run run, String step, String reason) {
    if (run.hasLiveChanges()) {
      int undone = run.rollbackAll(step, reason);
      run.raise(RunStatus.ROLLED_BACK, reason + "; " + undone + " change(s) rolled back");
    } else {
      run.escalate(step, reason + "; the run changed nothing, so nothing was rolled back");
    }
    run.halt(reason);
  }

  private static boolean laterVerifyStep(Run run, Step step) {
    for (Step s : run.playbook.steps()) {
      if (s.order() > step.order() && s.spec() instanceof VerifySpec) {
        return true;
      }
    }
    return false;
  }

  /** The playbook's health checks, which an execute step with {@code verify} polls. */
  private static List<Condition> healthChecks(Run run) {
    if (run.playbook.trigger() instanceof HealthCheckTrigger h) {
      return h.checks();
    }
    for (Step s : run.playbook.steps()) {
      if (s.spec() instanceof HealthCheckSpec h) {
        return h.checks();
      }
    }
    return List.of();
  }

  // ---- verify ----

  static Done verify(Run run, Step step, VerifySpec spec) {
    String key = step.key();
    if (run.dryRun) {
      String summary = "dry run: nothing changed, so nothing to verify";
      for (Condition c : spec.checks()) {
        record(run, key, c.source(), "UNKNOWN", 0, "not checked: dry run");
      }
      run.note(key, summary);
      return Done.skipped(summary);
    }
    VerifyOutcome v = poll(run, key, spec.checks());
    if (v.passed) {
      return Done.completed("verified: " + v.summary);
    }
    String reason = "verification failed: " + v.summary;
    rollBack(run, key, reason);
    return Done.failed(reason + rolledBackText(run));
  }

  private record VerifyOutcome(boolean passed, String summary) {}

  /**
   * Evaluates {@code checks} against fresh facts until all hold or the verification timeout passes,
   * waiting the polling interval on the engine's scheduler between attempts.
   */
  private static VerifyOutcome poll(Run run, String step, List<Condition> checks) {
    Set<String> names = BasicSteps.factNames(checks);
    Instant deadline = run.now().plus(run.engine.verifyTimeout());
    int attempts = 0;
    List<Truth> results = new ArrayList<>();
    Facts facts = Facts.empty();
    while (true) {
      // A stop engaged while verification waits ends the run now, not at the next step.
      run.checkStop();
      attempts++;
      Facts fresh = run.readFacts(step, names);
      FactsJson.toJson(fresh).properties().forEach(e -> run.setTrusted(e.getKey(), e.getValue()));
      facts = fresh.withDefaults(run.trustedFacts());
      results.clear();
      boolean all = true;
      boolean missingForGood = false;
      for (Condition c : checks) {
        Truth t = BasicSteps.truth(c, facts);
        results.add(t);
        all &= t == Truth.TRUE;
        if (t == Truth.UNKNOWN && !run.engine.hasFactSource()) {
          missingForGood = true;
        }
      }
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("attempt", attempts);
      data.put("passed", all);
      ArrayNode each = data.putArray("checks");
      for (int i = 0; i < checks.size(); i++) {
        each.addObject().put("check", checks.get(i).source()).put("result", results.get(i).name());
      }
      data.set("facts", FactsJson.toJson(fresh));
      run.record(AuditEventType.VERIFICATION, step, data);
      if (all) {
        break;
      }
      if (missingForGood || !run.now().isBefore(deadline)) {
        break;
      }
      Duration left = Duration.between(run.now(), deadline);
      Duration interval = run.engine.verifyInterval();
      run.sleep(left.compareTo(interval) < 0 ? left : interval);
    }
    boolean passed = true;
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      Condition c = checks.get(i);
      Truth t = results.get(i);
      passed &= t == Truth.TRUE;
      String detail =
          t == Truth.UNKNOWN
              ? BasicSteps.missing(c, facts)
                  + (run.engine.hasFactSource() ? "" : " (no fact source is configured)")
              : BasicSteps.explain(c, facts);
      record(run, step, c.source(), t.name(), attempts, detail);
      parts.add(c.source() + " " + t.name().toLowerCase(java.util.Locale.ROOT));
    }
    String summary = String.join(", ", parts) + " after " + attempts + " attempt(s)";
    run.note(step, (passed ? "verified: " : "verification failed: ") + summary);
    return new VerifyOutcome(passed, summary);
  }

  private static void record(
      Run run, String step, String check, String result, int attempts, String detail) {
    synchronized (run) {
      run.verifications.add(new RunState.VerificationRecord(step, check, result, attempts, detail));
    }
  }
}
