package io.github.aiplaybooks.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aiplaybooks.core.engine.PlaybookEngine;
import io.github.aiplaybooks.core.engine.RunRejectedException;
import io.github.aiplaybooks.core.engine.RunResult;
import io.github.aiplaybooks.core.engine.RunState;
import io.github.aiplaybooks.core.engine.StepOutcome;
import io.github.aiplaybooks.core.playbook.CustomSpec;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.StepKind;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import io.github.aiplaybooks.core.playbook.StepSpec;
import io.github.aiplaybooks.core.policy.Target;
import io.github.aiplaybooks.core.tool.PlannedAction;
import io.github.aiplaybooks.dsl.load.PlaybookFormat;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import io.github.aiplaybooks.testkit.RecordingApprovalHandler;
import io.github.aiplaybooks.testkit.ScriptedLlm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** A user's own step kind runs with a handler that has the engine's services and checks. */
class CustomStepTest {
  static final class OpenTicket implements StepKind {
    @Override
    public String action() {
      return "open_ticket";
    }

    @Override
    public Class<? extends StepSpec> specType() {
      return CustomSpec.class;
    }

    @Override
    public Set<String> parameters() {
      return Set.of("queue");
    }

    @Override
    public Set<String> outputs(StepSpec spec) {
      return Set.of("ticket_id");
    }

    /** Host code opens the ticket: its id is not the model's claim. */
    @Override
    public boolean modelProduced(StepSpec spec) {
      return false;
    }
  }

  static final Playbook TICKETED =
      PlaybookLoader.builder()
          .stepKinds(StepKindRegistry.builder().register(new OpenTicket()).build())
          .build()
          .load(
              "ticketed.json",
              """
              {"playbook": "ticketed", "workflow": {
                "1_detect": {"action": "receive_alert"},
                "2_ticket": {"action": "open_ticket", "queue": "sre"},
                "3_notify": {"action": "alert_team", "channels": ["slack"], "message": "Ticket ${ticket_id}"}
              }}
              """,
              PlaybookFormat.JSON);

  @Test
  void aCustomStepsOutputsReachLaterStepsAndItsActionsGoThroughThePolicy() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(ScriptedLlm.builder().build(), RecordingApprovalHandler.denyingAll())
            .stepHandler(
                "open_ticket",
                ctx -> {
                  String queue = ctx.spec().params().path("queue").asString();
                  RunState.ActionRecord cordon =
                      ctx.execute(
                          PlannedAction.of("cordon_node", Target.of("node", null, "ip-10-0-1-2")),
                          "drain soon");
                  RunState.ActionRecord bogus =
                      ctx.execute(PlannedAction.of("reboot_everything", Target.NONE), "why not");
                  ctx.note("cordon " + cordon.result() + ", reboot " + bogus.result());
                  return StepOutcome.of(
                      "opened INC-42 in " + queue,
                      Map.of("ticket_id", JsonNodeFactory.instance.stringNode("INC-42")));
                })
            .build()) {
      RunResult r = engine.run(TICKETED, Fixtures.oomAlert());

      assertThat(r.step("2_ticket").orElseThrow().summary()).isEqualTo("opened INC-42 in sre");
      assertThat(h.notifier.toChannel("slack"))
          .singleElement()
          .satisfies(n -> assertThat(n.message()).isEqualTo("Ticket INC-42"));
      assertThat(r.actions())
          .extracting(a -> a.action() + " " + a.result())
          .containsExactly("cordon_node APPLIED", "reboot_everything DENIED");
      assertThat(h.cluster.node("ip-10-0-1-2").orElseThrow().cordoned()).isTrue();
      assertThat(r.state().trusted().get("ticket_id").asString()).isEqualTo("INC-42");
      assertThat(r.state().trusted().get("ticket.ticket_id").asString()).isEqualTo("INC-42");
      assertThat(r.state().outputs().has("ticket_id")).isFalse();
    }
  }

  @Test
  void aCustomStepWithoutAHandlerIsRefusedBeforeTheRunStarts() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(ScriptedLlm.builder().build(), RecordingApprovalHandler.denyingAll()).build()) {
      RunRejectedException e =
          catchThrowableOfType(
              RunRejectedException.class, () -> engine.run(TICKETED, Fixtures.oomAlert()));
      assertThat(e.code()).isEqualTo("NO_STEP_HANDLER");
      assertThat(e.getMessage())
          .contains("step 2_ticket")
          .contains("open_ticket")
          .contains("stepHandler(\"open_ticket\"");
      assertThat(h.audit.events()).isEmpty();
    }
  }

  @Test
  void anEventThatDoesNotStartThePlaybookIsRefusedNamingWhy() {
    EngineHarness h = new EngineHarness(Fixtures.oomCluster());
    try (PlaybookEngine engine =
        h.builder(ScriptedLlm.builder().build(), RecordingApprovalHandler.denyingAll()).build()) {
      RunRejectedException p3 =
          catchThrowableOfType(
              RunRejectedException.class,
              () ->
                  engine.run(
                      Fixtures.seed("autonomous-incident-response"),
                      Fixtures.oomAlert().withContext("severity", "P3")));
      assertThat(p3.code()).isEqualTo("TRIGGER_MISMATCH");
      assertThat(p3.getMessage()).contains("severity [P0, P1]").contains("severity is P3");
      RunRejectedException manual =
          catchThrowableOfType(
              RunRejectedException.class,
              () ->
                  engine.run(
                      Fixtures.seed("autonomous-incident-response"),
                      io.github.aiplaybooks.core.engine.TriggerEvent.manual(Map.of())));
      assertThat(manual.getMessage()).contains("it starts on an alert, and the event is manual");
      List<String> none = List.of();
      assertThat(none).isEmpty();
    }
  }
}
