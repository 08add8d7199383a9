package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class StepKindRegistryTest {

  @Test
  void everySeedActionIsBuiltIn() {
    StepKindRegistry kinds = StepKindRegistry.builtIns();

    assertThat(kinds.actions()).hasSize(29);
    assertThat(kinds.kind("receive_alert").specType()).isEqualTo(ReceiveSpec.class);
    assertThat(kinds.kind("check_approval_required").specType()).isEqualTo(ApproveSpec.class);
    assertThat(kinds.kind("apply_optimizations").specType()).isEqualTo(ExecuteSpec.class);
    assertThat(kinds.kind("check_approval_required").parameters())
        .containsExactly("auto_approve_if", "require_human_if");
    assertThat(StepKindRegistry.isBuiltIn("root_cause_analysis")).isTrue();
  }

  @Test
  void anUnknownActionListsTheKnownOnesAndTheClosest() {
    assertThatThrownBy(() -> StepKindRegistry.builtIns().kind("recieve_alert"))
        .isInstanceOfSatisfying(
            StepKindException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StepKindException.UNKNOWN);
              assertThat(e.action()).isEqualTo("recieve_alert");
              assertThat(e.options()).contains("receive_alert", "alert_team").hasSize(29);
              assertThat(e.getMessage())
                  .startsWith("unknown action 'recieve_alert' (did you mean 'receive_alert'?);");
            });
  }

  @Test
  void aUserKindRegisteredExplicitlyResolvesAndIsChecked() {
    StepKindRegistry kinds =
        StepKindRegistry.builder().register(new TestStepKinds.OpenTicket()).build();
    ObjectNode params =
        JsonNodeFactory.instance.objectNode().put("priority", "high").put("queu", "sre");

    List<String> problems =
        assertThatThrowsProblems(
            Playbook.builder()
                .name("p")
                .stepKinds(kinds)
                .step(new Step(1, "ticket", "open_ticket", new CustomSpec(params))));

    assertThat(problems)
        .containsExactly(
            "/workflow/1_ticket/queu: unknown key 'queu' for action 'open_ticket' (did you mean"
                + " 'queue'?); expected one of: action, priority, queue",
            "/workflow/1_ticket: open_ticket needs a queue");

    Playbook ok =
        Playbook.builder()
            .name("p")
            .stepKinds(kinds)
            .step(
                new Step(
                    1,
                    "ticket",
                    "open_ticket",
                    new CustomSpec(JsonNodeFactory.instance.objectNode().put("queue", "sre"))))
            .step(
                new Step(
                    2,
                    "approve",
                    "check_approval_required",
                    new ApproveSpec(
                        List.of(
                            io.github.aiplaybooks.core.condition.Condition.compile("ticket_id")),
                        List.of())))
            .build();
    assertThat(ok.outputs(ok.steps().get(0))).containsExactly("ticket_id");
  }

  private static List<String> assertThatThrowsProblems(Playbook.Builder b) {
    InvalidPlaybookException[] e = new InvalidPlaybookException[1];
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(InvalidPlaybookException.class, x -> e[0] = x);
    return e[0].problems().stream().map(PlaybookProblem::toString).toList();
  }

  @Test
  void discoveredKindsResolveWhenThereIsExactlyOne() {
    StepKindRegistry kinds = StepKindRegistry.defaults();

    assertThat(kinds.kind("open_ticket")).isInstanceOf(TestStepKinds.OpenTicket.class);
    assertThat(kinds.actions()).contains("open_ticket", "page_on_call", "receive_alert");
  }

  @Test
  void severalDiscoveredKindsForOneActionAreAnErrorListingThem() {
    assertThatThrownBy(() -> StepKindRegistry.defaults().kind("page_on_call"))
        .isInstanceOfSatisfying(
            StepKindException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StepKindException.AMBIGUOUS);
              assertThat(e.options())
                  .containsExactlyInAnyOrder(
                      TestStepKinds.PageOnCall.class.getName(),
                      TestStepKinds.PageOnCallToo.class.getName());
              assertThat(e.getMessage()).contains("register the one to use");
            });
  }

  @Test
  void anExplicitKindWinsOverDiscoveredOnes() {
    TestStepKinds.PageOnCall chosen = new TestStepKinds.PageOnCall();
    StepKindRegistry kinds =
        StepKindRegistry.builder()
            .register(chosen)
            .discover(StepKindRegistryTest.class.getClassLoader())
            .build();

    assertThat(kinds.kind("page_on_call")).isSameAs(chosen);
  }

  @Test
  void userKindsCannotReplaceBuiltInsOrTakeBuiltInParameters() {
    StepKind fakeReceive =
        new StepKind() {
          @Override
          public String action() {
            return "receive_alert";
          }

          @Override
          public Class<? extends StepSpec> specType() {
            return CustomSpec.class;
          }
        };
    StepKind typed =
        new StepKind() {
          @Override
          public String action() {
            return "my_step";
          }

          @Override
          public Class<? extends StepSpec> specType() {
            return ReceiveSpec.class;
          }
        };
    StepKind badParam =
        new StepKind() {
          @Override
          public String action() {
            return "my_step";
          }

          @Override
          public Class<? extends StepSpec> specType() {
            return CustomSpec.class;
          }

          @Override
          public Set<String> parameters() {
            return Set.of("action");
          }
        };

    assertThatThrownBy(() -> StepKindRegistry.builder().register(fakeReceive))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'receive_alert' is built in");
    assertThatThrownBy(() -> StepKindRegistry.builder().register(typed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must take CustomSpec parameters");
    assertThatThrownBy(() -> StepKindRegistry.builder().register(badParam))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot take the parameter 'action'");
    assertThatThrownBy(
            () ->
                StepKindRegistry.builder()
                    .register(new TestStepKinds.OpenTicket())
                    .register(new TestStepKinds.OpenTicket()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registered twice");
  }
}
