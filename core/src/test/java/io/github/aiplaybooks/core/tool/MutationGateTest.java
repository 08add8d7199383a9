package io.github.aiplaybooks.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.core.approval.ApprovalRecord;
import io.github.aiplaybooks.core.approval.ApprovalRequest;
import io.github.aiplaybooks.core.approval.ApprovalResponse;
import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import io.github.aiplaybooks.core.policy.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class MutationGateTest {
  private static final Target API = Target.of("deployment", "default", "api");
  private final TestClock clock = new TestClock("2024-01-01T03:00:00Z");
  private final ReplicaAdapter adapter = new ReplicaAdapter();
  private final List<ToolRequest> toolCalls = new ArrayList<>();

  /** A read-only tool and a mutating tool without an adapter. */
  private final ToolProvider tools =
      new ToolProvider() {
        final List<ToolDescriptor> all =
            List.of(
                ToolDescriptor.builder("kubectl_get").action("get").effect(Effect.READ).build(),
                ToolDescriptor.builder("kubectl_patch")
                    .action("add_resource_limits")
                    .effect(Effect.MUTATE)
                    .build());

        @Override
        public List<ToolDescriptor> tools() {
          return all;
        }

        @Override
        public ToolResult call(ToolRequest request) {
          request.requirePermitted(tool(request.tool()).orElseThrow());
          toolCalls.add(request);
          return request.mode() == ExecutionMode.DRY_RUN
              ? ToolResult.notSent("would patch")
              : ToolResult.text("ok " + request.tool());
        }
      };

  private MutationGate gate(Policy policy) {
    return gate(PolicyEngine.builder(policy).clock(clock).build());
  }

  private MutationGate gate(PolicyEngine policy) {
    return MutationGate.builder(policy).tools(tools).adapter(adapter).clock(clock).build();
  }

  private static PlannedAction scale(int replicas) {
    return PlannedAction.of(
        "scale_deployment", API, JsonNodeFactory.instance.objectNode().put("replicas", replicas));
  }

  private static ApprovalRecord approval(PreparedAction p, boolean yes) {
    ApprovalRequest r =
        new ApprovalRequest(
            "s/p1",
            "run",
            "pb",
            "s",
            p.action(),
            p.planned().target(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            java.time.Instant.EPOCH,
            java.time.Instant.EPOCH);
    return ApprovalRecord.answered(
        r,
        yes ? ApprovalResponse.approve("alice", null) : ApprovalResponse.deny("bob", null),
        java.time.Instant.EPOCH);
  }

  @Test
  void anAllowedActionRunsOnceWithItsInverseRecorded() {
    MutationGate gate = gate(Policy.builder().autoApprove("scale_deployment").build());
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    ActionDecision d = gate.decide(p, ApprovalRules.none(), Facts.empty());
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.ALLOW);
    assertThat(p.trustedFacts().get("blast_radius")).isPresent();

    Execution x = gate.execute(p, d, null, ExecutionMode.LIVE, "k1", null);

    assertThat(x.status()).isEqualTo(Execution.Status.APPLIED);
    assertThat(x.inverse().parameters().get("replicas").asInt()).isEqualTo(3);
    assertThat(adapter.applied).containsExactly("FORWARD 3->5");
    assertThat(adapter.permits.get(0).decision()).containsSame(d);
    assertThat(adapter.permits.get(0).isOpen()).isFalse();
  }

  @Test
  void aDecisionOpensOnlyTheActionItWasMadeFor() {
    MutationGate gate = gate(Policy.builder().autoApprove("scale_deployment").build());
    PreparedAction five = gate.prepare(scale(5), Facts.empty());
    PreparedAction fifty = gate.prepare(scale(50), Facts.empty());
    ActionDecision forFive = gate.decide(five, ApprovalRules.none(), Facts.empty());

    MutationNotPermittedException e =
        catchThrowableOfType(
            MutationNotPermittedException.class,
            () -> gate.execute(fifty, forFive, null, ExecutionMode.LIVE, "k", null));
    assertThat(e.code()).isEqualTo(MutationNotPermittedException.NOT_PERMITTED);
    assertThat(e.getMessage()).contains("made for another prepared action");
    assertThat(adapter.applied).isEmpty();
  }

  @Test
  void anActionThatNeedsAHumanRunsOnlyWithAnApprovalOfThatActionOnThatTarget() {
    MutationGate gate = gate(Policy.builder().requireApproval("scale_deployment").build());
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    ActionDecision d = gate.decide(p, ApprovalRules.none(), Facts.empty());
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.REQUIRE_APPROVAL);

    assertThatThrownBy(() -> gate.execute(p, d, null, ExecutionMode.LIVE, "k", null))
        .hasMessageContaining(
            "needs a human's approval (rule require_approval[0]: scale_deployment), and none was given");
    assertThatThrownBy(() -> gate.execute(p, d, approval(p, false), ExecutionMode.LIVE, "k", null))
        .hasMessageContaining("the approval ended DENIED");
    PreparedAction elsewhere =
        gate.prepare(
            new PlannedAction(
                "scale_deployment",
                Target.of("deployment", "default", "other"),
                p.planned().parameters(),
                null,
                null),
            Facts.empty());
    assertThatThrownBy(
            () -> gate.execute(p, d, approval(elsewhere, true), ExecutionMode.LIVE, "k", null))
        .hasMessageContaining("The approval is for scale_deployment on deployment default/other");
    assertThat(adapter.applied).isEmpty();

    assertThat(gate.execute(p, d, approval(p, true), ExecutionMode.LIVE, "k", null).status())
        .isEqualTo(Execution.Status.APPLIED);
  }

  @Test
  void aRefusedActionNeverRuns() {
    MutationGate gate = gate(Policy.seed());
    PreparedAction p = gate.prepare(PlannedAction.of("format_disk", API), Facts.empty());
    ActionDecision d = gate.decide(p, ApprovalRules.none(), Facts.empty());
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.DENY);
    assertThatThrownBy(() -> gate.execute(p, d, null, ExecutionMode.LIVE, "k", null))
        .isInstanceOf(MutationNotPermittedException.class)
        .hasMessageContaining("was refused (rule catalog: format_disk)");
  }

  @Test
  void aPermitKeptForLaterIsClosed() {
    MutationGate gate = gate(Policy.builder().autoApprove("scale_deployment").build());
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    gate.execute(
        p,
        gate.decide(p, ApprovalRules.none(), Facts.empty()),
        null,
        ExecutionMode.LIVE,
        "k",
        null);
    MutationPermit kept = adapter.permits.get(0);

    MutationNotPermittedException e =
        catchThrowableOfType(
            MutationNotPermittedException.class,
            () ->
                ToolRequest.forPermit(
                    kept, "kubectl_patch", JsonNodeFactory.instance.objectNode()));
    assertThat(e.code()).isEqualTo(MutationNotPermittedException.OUTSIDE_GATE);
    assertThat(e.getMessage()).contains("the permit for scale_deployment").contains("is closed");
  }

  @Test
  void aMutatingToolRunsOnlyThroughTheGateAndNeverAsARead() {
    MutationGate gate = gate(Policy.builder().autoApprove("add_resource_limits").build());
    assertThatThrownBy(
            () ->
                gate.read(ToolRequest.read("kubectl_patch", JsonNodeFactory.instance.objectNode())))
        .isInstanceOf(MutationNotPermittedException.class)
        .hasMessageContaining("runs only as a planned action");
    assertThatThrownBy(
            () ->
                tools.call(
                    ToolRequest.read("kubectl_patch", JsonNodeFactory.instance.objectNode())))
        .isInstanceOf(MutationNotPermittedException.class)
        .hasMessageContaining("called without a permit");
    assertThat(
            gate.read(ToolRequest.read("kubectl_get", JsonNodeFactory.instance.objectNode()))
                .text())
        .isEqualTo("ok kubectl_get");
    assertThat(gate.readTools()).extracting(ToolDescriptor::name).containsExactly("kubectl_get");
  }

  @Test
  void aChangeWithoutAnInverseNeedsAHumanUnlessItRestoresItself() {
    MutationGate gate =
        gate(Policy.builder().autoApprove("scale_deployment", "add_resource_limits").build());
    adapter.withInverse = false;
    ActionDecision noInverse =
        gate.decide(gate.prepare(scale(5), Facts.empty()), ApprovalRules.none(), Facts.empty());
    assertThat(noInverse.outcome()).isEqualTo(Decision.Outcome.REQUIRE_APPROVAL);
    assertThat(noInverse.rule()).isEqualTo(ActionDecision.NO_INVERSE);
    assertThat(noInverse.reasons())
        .last()
        .asString()
        .contains("Always create rollback plan before changes");

    PreparedAction viaTool =
        gate.prepare(PlannedAction.of("add_resource_limits", API), Facts.empty());
    assertThat(viaTool.carrier()).isEqualTo(PreparedAction.Carrier.TOOL);
    assertThat(gate.decide(viaTool, ApprovalRules.none(), Facts.empty()).rule())
        .isEqualTo(ActionDecision.NO_INVERSE);

    ActionAdapter restarts =
        new ActionAdapter() {
          @Override
          public java.util.Set<String> actions() {
            return java.util.Set.of("restart_pod");
          }

          @Override
          public Preparation prepare(PlannedAction action) {
            return Preparation.builder().restoresItself("its deployment recreates it").build();
          }

          @Override
          public ActionOutcome apply(MutationPermit permit) {
            return ActionOutcome.applied("restarted");
          }
        };
    MutationGate withRestarts =
        MutationGate.builder(
                PolicyEngine.builder(Policy.builder().autoApprove("restart_pod").build())
                    .clock(clock)
                    .build())
            .adapter(restarts)
            .clock(clock)
            .build();
    PreparedAction restart =
        withRestarts.prepare(PlannedAction.of("restart_pod", API), Facts.empty());
    assertThat(restart.hasRollbackPlan()).isTrue();
    assertThat(withRestarts.decide(restart, ApprovalRules.none(), Facts.empty()).outcome())
        .isEqualTo(Decision.Outcome.ALLOW);
  }

  @Test
  void stepRulesExtendThePolicyAndNeverLoosenIt() {
    Condition smallBlast = Condition.compile("blast_radius < 10_pods");
    Condition claimedBig = Condition.compile("claimed_pods > 100");
    MutationGate defaultsOnly = gate(Policy.builder().build());
    PreparedAction p = defaultsOnly.prepare(scale(5), Facts.empty());

    // No policy rule matches: default.approval. A step's auto condition allows it.
    assertThat(defaultsOnly.decide(p, ApprovalRules.none(), Facts.empty()).rule())
        .isEqualTo("default.approval");
    ActionDecision auto =
        defaultsOnly.decide(
            p,
            ApprovalRules.builder()
                .autoApproveIf("5_approve.auto_approve_if", List.of(smallBlast))
                .build(),
            Facts.empty());
    assertThat(auto.outcome()).isEqualTo(Decision.Outcome.ALLOW);
    assertThat(auto.rule()).isEqualTo("5_approve.auto_approve_if[0]: blast_radius < 10_pods");

    // A require condition wins over an auto condition, and may read the model's claims.
    ActionDecision required =
        defaultsOnly.decide(
            p,
            ApprovalRules.builder()
                .autoApproveIf("5_approve.auto_approve_if", List.of(smallBlast))
                .requireHumanIf("5_approve.require_human_if", List.of(claimedBig))
                .build(),
            Facts.builder().put("claimed_pods", 500).build());
    assertThat(required.outcome()).isEqualTo(Decision.Outcome.REQUIRE_APPROVAL);
    assertThat(required.rule()).isEqualTo("5_approve.require_human_if[0]: claimed_pods > 100");

    // A require condition that cannot be decided asks a human.
    ActionDecision unknown =
        defaultsOnly.decide(
            p,
            ApprovalRules.builder()
                .requireHumanIf("s.require_human_if", List.of(claimedBig))
                .build(),
            Facts.empty());
    assertThat(unknown.outcome()).isEqualTo(Decision.Outcome.REQUIRE_APPROVAL);
    assertThat(unknown.reasons()).last().asString().contains("cannot be decided");

    // Auto conditions read only trusted facts: a claim cannot make one hold.
    ActionDecision claimsOnly =
        defaultsOnly.decide(
            p,
            ApprovalRules.builder()
                .autoApproveIf("s.auto", List.of(Condition.compile("risk == low")))
                .build(),
            Facts.builder().put("risk", "low").build());
    assertThat(claimsOnly.outcome()).isEqualTo(Decision.Outcome.REQUIRE_APPROVAL);

    // The policy's own require rule cannot be loosened by a step.
    MutationGate requires = gate(Policy.builder().requireApproval("scale_deployment").build());
    ActionDecision stays =
        requires.decide(
            requires.prepare(scale(5), Facts.empty()),
            ApprovalRules.builder().autoApproveIf("s.auto", List.of(smallBlast)).build(),
            Facts.empty());
    assertThat(stays.rule()).isEqualTo("require_approval[0]: scale_deployment");

    // An exclusive group (auto_apply_if) that does not hold tightens what the policy allows.
    MutationGate allows = gate(Policy.builder().autoApprove("scale_deployment").build());
    ActionDecision tightened =
        allows.decide(
            allows.prepare(scale(5), Facts.empty()),
            ApprovalRules.builder()
                .autoOnlyIfAll("4_execute.auto_apply_if", List.of(Condition.compile("risk == low")))
                .build(),
            Facts.empty());
    assertThat(tightened.outcome()).isEqualTo(Decision.Outcome.REQUIRE_APPROVAL);
    assertThat(tightened.rule()).isEqualTo("4_execute.auto_apply_if (all of)");
  }

  @Test
  void contextFactsServeTheNamesThePolicyDeclaresButNeverTheComputedOnes() {
    MutationGate gate =
        gate(Policy.builder().autoApproveIf("severity == P0 AND off_hours == true").build());
    Facts context =
        Facts.builder()
            .put("severity", "P0")
            .put("off_hours", false)
            .put("action", "restart_pod")
            .put("alert_name", "x")
            .build();
    PreparedAction p = gate.prepare(scale(5), context);
    assertThat(p.trustedFacts().get("severity")).contains("P0");
    assertThat(p.trustedFacts().contains("off_hours")).isFalse();
    assertThat(p.trustedFacts().contains("action")).isFalse();
    assertThat(p.trustedFacts().contains("alert_name")).isFalse();
    // 03:00 on a Monday is off hours by the clock, whatever the context said.
    assertThat(gate.decide(p, ApprovalRules.none(), Facts.empty()).outcome())
        .isEqualTo(Decision.Outcome.ALLOW);
  }

  @Test
  void anActionWhoseFactsCannotBeReadOrThatNothingCarriesOutIsRefused() {
    MutationGate gate =
        gate(Policy.builder().autoApprove("scale_deployment", "drain_node").build());
    PreparedAction noReplicas =
        gate.prepare(PlannedAction.of("scale_deployment", API), Facts.empty());
    ActionDecision unreadable = gate.decide(noReplicas, ApprovalRules.none(), Facts.empty());
    assertThat(unreadable.outcome()).isEqualTo(Decision.Outcome.DENY);
    assertThat(unreadable.rule()).isEqualTo(ActionDecision.UNREADABLE);
    assertThat(unreadable.reasons().get(0)).contains("parameters.replicas is missing");

    ActionDecision unsupported =
        gate.decide(
            gate.prepare(PlannedAction.of("drain_node", API), Facts.empty()),
            ApprovalRules.none(),
            Facts.empty());
    assertThat(unsupported.outcome()).isEqualTo(Decision.Outcome.DENY);
    assertThat(unsupported.rule()).isEqualTo(ActionDecision.UNSUPPORTED);
  }

  @Test
  void aRetryWithTheSameKeyReturnsTheRecordedExecution() {
    MutationGate gate = gate(Policy.builder().autoApprove("scale_deployment").build());
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    ActionDecision d = gate.decide(p, ApprovalRules.none(), Facts.empty());
    Execution first = gate.execute(p, d, null, ExecutionMode.LIVE, "run/6_execute/p1", null);
    PreparedAction again = gate.prepare(scale(5), Facts.empty());
    Execution second =
        gate.execute(
            again,
            gate.decide(again, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.LIVE,
            "run/6_execute/p1",
            null);

    assertThat(adapter.applied).containsExactly("FORWARD 3->5");
    assertThat(second.replayed()).isTrue();
    assertThat(second.status()).isEqualTo(first.status());
    assertThat(second.inverse()).isEqualTo(first.inverse());

    PreparedAction other = gate.prepare(scale(7), Facts.empty());
    assertThatThrownBy(
            () ->
                gate.execute(
                    other,
                    gate.decide(other, ApprovalRules.none(), Facts.empty()),
                    null,
                    ExecutionMode.LIVE,
                    "run/6_execute/p1",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAttemptThatNeverFinishedIsNotAppliedAgainAndOneThatFailedMayBe() {
    InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    store.claim("k-crashed", "scale_deployment deployment default/api {\"replicas\":5}");
    MutationGate gate =
        MutationGate.builder(
                PolicyEngine.builder(Policy.builder().autoApprove("scale_deployment").build())
                    .clock(clock)
                    .build())
            .adapter(adapter)
            .idempotencyStore(store)
            .clock(clock)
            .build();
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    Execution unknown =
        gate.execute(
            p,
            gate.decide(p, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.LIVE,
            "k-crashed",
            null);
    assertThat(unknown.status()).isEqualTo(Execution.Status.UNKNOWN);
    assertThat(adapter.applied).isEmpty();

    adapter.failNext = new IllegalStateException("timeout talking to the API server");
    PreparedAction q = gate.prepare(scale(5), Facts.empty());
    Execution failed =
        gate.execute(
            q,
            gate.decide(q, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.LIVE,
            "k2",
            null);
    assertThat(failed.status()).isEqualTo(Execution.Status.FAILED);
    assertThat(failed.detail()).contains("timeout talking to the API server");
    Execution retried =
        gate.execute(
            q,
            gate.decide(q, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.LIVE,
            "k2",
            null);
    assertThat(retried.status()).isEqualTo(Execution.Status.APPLIED);
    assertThat(adapter.permits)
        .extracting(MutationPermit::idempotencyKey)
        .containsExactly("k2", "k2");
  }

  @Test
  void aRateLimitSlotIsReservedAtExecutionConfirmedOnSuccessAndReleasedOnFailure() {
    PolicyEngine policy =
        PolicyEngine.builder(
                Policy.builder()
                    .rateLimit("deployments_modified", "1 per hour")
                    .autoApprove("scale_deployment")
                    .build())
            .clock(clock)
            .build();
    MutationGate gate = gate(policy);
    adapter.failNext = new IllegalStateException("conflict");
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    assertThat(
            gate.execute(
                    p,
                    gate.decide(p, ApprovalRules.none(), Facts.empty()),
                    null,
                    ExecutionMode.LIVE,
                    "a",
                    null)
                .status())
        .isEqualTo(Execution.Status.FAILED);
    // The failed attempt gave its slot back: the next one runs.
    PreparedAction q = gate.prepare(scale(6), Facts.empty());
    assertThat(
            gate.execute(
                    q,
                    gate.decide(q, ApprovalRules.none(), Facts.empty()),
                    null,
                    ExecutionMode.LIVE,
                    "b",
                    null)
                .status())
        .isEqualTo(Execution.Status.APPLIED);
    // That one counts: a third is refused at decision time, and a decision made before it is
    // refused at execution time.
    PreparedAction r = gate.prepare(scale(7), Facts.empty());
    assertThat(gate.decide(r, ApprovalRules.none(), Facts.empty()).rule())
        .isEqualTo("rate_limits.deployments_modified: 1 per hour");
    clock.advance(Duration.ofMinutes(61));
    PreparedAction s = gate.prepare(scale(8), Facts.empty());
    ActionDecision early = gate.decide(s, ApprovalRules.none(), Facts.empty());
    PreparedAction t = gate.prepare(scale(9), Facts.empty());
    gate.execute(
        t,
        gate.decide(t, ApprovalRules.none(), Facts.empty()),
        null,
        ExecutionMode.LIVE,
        "c",
        null);
    assertThat(gate.execute(s, early, null, ExecutionMode.LIVE, "d", null).status())
        .isEqualTo(Execution.Status.RATE_LIMITED);
  }

  @Test
  void anEngagedStopKeepsChangesFromRunningButNotRollbacks() {
    AtomicBoolean stop = new AtomicBoolean();
    MutationGate gate =
        MutationGate.builder(
                PolicyEngine.builder(Policy.builder().autoApprove("scale_deployment").build())
                    .clock(clock)
                    .build())
            .adapter(adapter)
            .emergencyStop(
                io.github.aiplaybooks.core.policy.EmergencyStop.of("operator", stop::get))
            .clock(clock)
            .build();
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    Execution done =
        gate.execute(
            p,
            gate.decide(p, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.LIVE,
            "k",
            null);
    stop.set(true);
    PreparedAction q = gate.prepare(scale(9), Facts.empty());
    Execution stopped =
        gate.execute(
            q,
            gate.decide(q, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.LIVE,
            "k9",
            null);
    assertThat(stopped.status()).isEqualTo(Execution.Status.STOPPED);
    assertThat(stopped.detail()).contains("emergency stop 'operator' is engaged");
    assertThat(gate.engagedStop()).isPresent();

    Execution undone = gate.rollback(done.inverse(), "k/undo", ExecutionMode.LIVE);
    assertThat(undone.status()).isEqualTo(Execution.Status.APPLIED);
    assertThat(adapter.applied).containsExactly("FORWARD 3->5", "ROLLBACK 5->3");
    assertThat(gate.rollback(done.inverse(), "k/undo", ExecutionMode.LIVE).replayed()).isTrue();
    assertThat(adapter.applied).hasSize(2);
  }

  @Test
  void aDryRunSendsOnlyWhatSupportsOne() {
    MutationGate gate = gate(Policy.builder().autoApprove("scale_deployment").build());
    PreparedAction p = gate.prepare(scale(5), Facts.empty());
    Execution dry =
        gate.execute(
            p,
            gate.decide(p, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.DRY_RUN,
            "k",
            null);
    assertThat(dry.status()).isEqualTo(Execution.Status.DRY_RUN);
    assertThat(adapter.permits)
        .extracting(MutationPermit::mode)
        .containsExactly(ExecutionMode.DRY_RUN);
    assertThat(adapter.replicas).hasValue(3);

    adapter.dryRuns = false;
    PreparedAction q = gate.prepare(scale(6), Facts.empty());
    Execution notSent =
        gate.execute(
            q,
            gate.decide(q, ApprovalRules.none(), Facts.empty()),
            null,
            ExecutionMode.DRY_RUN,
            "k2",
            null);
    assertThat(notSent.status()).isEqualTo(Execution.Status.NOT_SENT);
    assertThat(notSent.detail()).isEqualTo("dry run, not sent: would scale from 3 to 6");
    assertThat(adapter.permits).hasSize(1);

    MutationGate tool =
        MutationGate.builder(
                PolicyEngine.builder(Policy.builder().autoApprove("add_resource_limits").build())
                    .clock(clock)
                    .build())
            .tools(tools)
            .clock(clock)
            .build();
    PreparedAction patch =
        tool.prepare(PlannedAction.of("add_resource_limits", API), Facts.empty());
    ActionDecision d = tool.decide(patch, ApprovalRules.none(), Facts.empty());
    ApprovalRecord yes = approval(patch, true);
    Execution x = tool.execute(patch, d, yes, ExecutionMode.DRY_RUN, "k3", null);
    assertThat(x.status()).isEqualTo(Execution.Status.NOT_SENT);
    assertThat(toolCalls)
        .singleElement()
        .satisfies(c -> assertThat(c.mode()).isEqualTo(ExecutionMode.DRY_RUN));
  }

  @Test
  void toolRequestsCarryThePermitsKeyAndMode() {
    MutationGate gate = gate(Policy.builder().autoApprove("add_resource_limits").build());
    PreparedAction patch =
        gate.prepare(
            PlannedAction.of(
                "add_resource_limits",
                API,
                (ObjectNode) JsonNodeFactory.instance.objectNode().put("memory", "1Gi")),
            Facts.empty());
    ActionDecision d = gate.decide(patch, ApprovalRules.none(), Facts.empty());
    Execution x =
        gate.execute(
            patch,
            d,
            approval(patch, true),
            ExecutionMode.LIVE,
            "run/s/p1",
            clock.instant().plus(Duration.ofMinutes(2)));
    assertThat(x.status()).isEqualTo(Execution.Status.APPLIED);
    ToolRequest sent = toolCalls.get(0);
    assertThat(sent.idempotencyKey()).contains("run/s/p1");
    assertThat(sent.timeout()).contains(Duration.ofMinutes(2));
    assertThat(sent.arguments().get("memory").asString()).isEqualTo("1Gi");
    assertThat(sent.permit().orElseThrow().isOpen()).isFalse();
  }
}
