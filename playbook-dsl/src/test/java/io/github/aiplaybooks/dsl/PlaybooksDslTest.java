package io.github.aiplaybooks.dsl;

import static io.github.aiplaybooks.dsl.Playbooks.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.condition.ConditionSyntaxException;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.playbook.CustomSpec;
import io.github.aiplaybooks.core.playbook.InvalidPlaybookException;
import io.github.aiplaybooks.core.playbook.Playbook;
import io.github.aiplaybooks.core.playbook.PlaybookProblem;
import io.github.aiplaybooks.core.playbook.StepKind;
import io.github.aiplaybooks.core.playbook.StepKindRegistry;
import io.github.aiplaybooks.core.playbook.StepSpec;
import io.github.aiplaybooks.core.playbook.TemplateException;
import io.github.aiplaybooks.dsl.load.LoadError;
import io.github.aiplaybooks.dsl.load.PlaybookFormat;
import io.github.aiplaybooks.dsl.load.PlaybookLoadException;
import io.github.aiplaybooks.dsl.load.PlaybookLoader;
import io.github.aiplaybooks.mcp.tool.ToolRefException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class PlaybooksDslTest {

  @Test
  void aPlaybookWrittenInTheDslIsCheckedByTheSameRulesAtTheSamePointersAsJson() {
    InvalidPlaybookException[] dsl = new InvalidPlaybookException[1];
    assertThatThrownBy(
            () ->
                playbook("p")
                    .step("detect", receiveAlert().sources("cloudwatch"))
                    .step(
                        "approve", checkApprovalRequired().autoApproveIf("blast_radios < 10_pods"))
                    .step("notify", alertTeam().channels("slack").message("done in ${nmespace}"))
                    .build())
        .isInstanceOfSatisfying(InvalidPlaybookException.class, e -> dsl[0] = e);

    PlaybookLoadException[] json = new PlaybookLoadException[1];
    assertThatThrownBy(
            () ->
                PlaybookLoader.standard()
                    .load(
                        "p.json",
                        """
                        {"playbook": "p", "workflow": {
                          "1_detect": {"action": "receive_alert", "sources": ["cloudwatch"]},
                          "2_approve": {"action": "check_approval_required",
                                        "auto_approve_if": ["blast_radios < 10_pods"]},
                          "3_notify": {"action": "alert_team", "channels": ["slack"],
                                       "message": "done in ${nmespace}"}}}
                        """,
                        PlaybookFormat.JSON))
        .isInstanceOfSatisfying(PlaybookLoadException.class, e -> json[0] = e);

    assertThat(dsl[0].problems())
        .extracting(PlaybookProblem::pointer)
        .containsExactly("/workflow/2_approve/auto_approve_if/0", "/workflow/3_notify/message");
    assertThat(dsl[0].problems())
        .extracting(PlaybookProblem::message)
        .containsExactlyElementsOf(json[0].errors().stream().map(LoadError::message).toList());
    assertThat(json[0].errors())
        .extracting(LoadError::pointer)
        .containsExactly("/workflow/2_approve/auto_approve_if/0", "/workflow/3_notify/message");
  }

  @Test
  void aMalformedValueFailsWhereItIsWritten() {
    assertThatThrownBy(() -> checkApprovalRequired().autoApproveIf("blast_radius <"))
        .isInstanceOf(ConditionSyntaxException.class);
    assertThatThrownBy(() -> mcp("kubectl://frobnicate pods")).isInstanceOf(ToolRefException.class);
    assertThatThrownBy(() -> alertTeam().message("x ${y")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> opportunity("rightsize_pod", "lots"))
        .isInstanceOf(ConditionSyntaxException.class);
  }

  @Test
  void stepsAreNumberedInTheOrderTheyAreAdded() {
    Playbook p =
        playbook("p")
            .input("service", FactType.STRING)
            .step("collect", gatherContext().sources(mcp("kubectl://get pods -n ${service}")))
            .step("reason", rootCauseAnalysis().gather("logs").output("report"))
            .step("report", costReport().include("spend"))
            .build();

    assertThat(p.steps())
        .extracting(s -> s.key())
        .containsExactly("1_collect", "2_reason", "3_report");
    assertThat(p.trigger().type()).isEqualTo("manual");
  }

  @Test
  void actionsAUserRegisteredAreWrittenWithCustom() {
    StepKind ticket =
        new StepKind() {
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
        };

    Playbook p =
        playbook("p")
            .stepKinds(StepKindRegistry.builder().register(ticket).build())
            .step("ticket", custom("open_ticket").param("queue", "sre"))
            .step(
                "notify",
                alertTeam()
                    .channels("slack")
                    .message("ticket ${ticket_id}")
                    .extension("x-owner", JsonNodeFactory.instance.stringNode("sre")))
            .build();

    assertThat(p.steps().get(0).spec()).isInstanceOf(CustomSpec.class);
    assertThat(p.steps().get(1).extensions()).containsKey("x-owner");
  }

  @Test
  void routingFallsBackToEscalationUnlessToldOtherwise() {
    Playbook escalates =
        playbook("p")
            .step("detect", receiveAlert())
            .routing(routing(leaf("P0", "severity == P0", runbook("isolate_pod"))))
            .build();
    Playbook notifies =
        playbook("p")
            .step("detect", receiveAlert())
            .routing(
                routing(leaf("P0", "severity == P0", runbook("isolate_pod"))).otherwise("notify"))
            .build();

    assertThat(escalates.routing().orElseThrow().fallback()).containsExactly("escalate");
    assertThat(notifies.routing().orElseThrow().fallback()).containsExactly("notify");
  }

  @Test
  void triggersOfEveryKind() {
    assertThat(
            playbook("a")
                .trigger(alert().severities("P0"))
                .step("d", receiveAlert())
                .build()
                .trigger()
                .describe())
        .isEqualTo("alert of severity P0");
    assertThat(
            playbook("b")
                .trigger(cron("0 9 * * 1-5", java.time.ZoneOffset.UTC))
                .step("c", gatherMetrics())
                .build()
                .trigger()
                .describe())
        .isEqualTo("scheduled cron '0 9 * * 1-5' (Z)");
    assertThat(playbook("c").trigger(manual()).step("d", receiveAlert()).build().trigger().type())
        .isEqualTo("manual");
    assertThat(
            playbook("d")
                .trigger(
                    healthCheckFailure().every(Duration.ofMinutes(1)).checks("error_rate < 1%"))
                .step("c", gatherMetrics())
                .build()
                .trigger()
                .type())
        .isEqualTo("health_check");
    assertThat(List.of(every(Duration.ofMinutes(5)).trigger().type())).containsExactly("schedule");
  }
}
