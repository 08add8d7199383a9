package io.github.aiplaybooks.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.policy.ActionCatalog;
import io.github.aiplaybooks.core.policy.ActionDefinition;
import io.github.aiplaybooks.core.policy.Policy;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The playbook's standard facts are the policy engine's, plus three only playbooks read. */
class StandardFactsTest {

  @Test
  void everyFactThePolicyEngineReadsIsAStandardFactOfTheSameType() {
    FactSchema policy = Policy.standardFacts(ActionCatalog.defaults());

    for (String name : policy.names()) {
      assertThat(StandardFacts.POLICY.type(name)).as(name).isEqualTo(policy.type(name));
    }
    assertThat(StandardFacts.POLICY.type("confidence")).contains(FactType.RATIO);
    assertThat(StandardFacts.POLICY.names())
        .contains("target_replicas", "cluster", "environment", "replicas", "scale_up")
        .contains("scale_down", "cost_increase", "savings", "risk");
    assertThat(StandardFacts.POLICY.type("action")).contains(ActionCatalog.defaults().actionType());
  }

  @Test
  void onlyThreeFactsAreThePlaybooksOwn() {
    FactSchema policy = Policy.standardFacts(ActionCatalog.defaults());

    assertThat(StandardFacts.POLICY.names().stream().filter(n -> !policy.declares(n)))
        .containsExactly("min_replicas", "max_replicas", "approval_not_required");
    assertThat(StandardFacts.isStandard("blast_radius")).isTrue();
    assertThat(StandardFacts.isStandard("latency_p99")).isTrue();
    assertThat(StandardFacts.isStandard("alert_cleared")).isTrue();
    assertThat(StandardFacts.isStandard("affected_resources")).isFalse();
  }

  @Test
  void aPlaybookBuiltWithItsOwnActionsTypesTheActionFactByThem() {
    ActionCatalog mine =
        ActionCatalog.defaults().toBuilder()
            .register(ActionDefinition.builder("restart_statefulset").build())
            .build();
    KnownActions actions = KnownActions.of(mine);
    assertThat(actions.actionType()).isEqualTo(mine.actionType());

    KnownActions custom =
        new KnownActions() {
          @Override
          public Optional<String> canonical(String nameOrAlias) {
            return nameOrAlias.equals("page") || nameOrAlias.equals("call")
                ? Optional.of("page")
                : Optional.empty();
          }

          @Override
          public Set<String> spellings() {
            return Set.of("page", "call");
          }
        };
    assertThat(custom.actionType().values()).containsExactly("page");
    assertThat(StandardFacts.policy(custom).type("action")).contains(custom.actionType());
  }
}
