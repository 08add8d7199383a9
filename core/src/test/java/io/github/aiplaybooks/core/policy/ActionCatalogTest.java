package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionTypeException;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.Facts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionCatalogTest {
  private final ActionCatalog catalog = ActionCatalog.defaults();

  /** The table: action, alias, effect, rate-limit category (empty for none). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "restart_pod, delete_pod, MUTATE, pod_restarts",
    "scale_deployment, , MUTATE, deployments_modified",
    "rollback_deployment, rollout_undo, MUTATE, deployments_modified",
    "add_resource_limits, , MUTATE, deployments_modified",
    "rightsize_pod, , MUTATE, deployments_modified",
    "update_image, , MUTATE, deployments_modified",
    "delete_node, terminate_node, DESTRUCTIVE, nodes_terminated",
    "cordon_node, , MUTATE, ",
    "drain_node, , MUTATE, ",
    "modify_rbac, change_rbac, DESTRUCTIVE, rbac_changes",
    "modify_security_group, change_security_group, DESTRUCTIVE, ",
    "delete_pvc, delete_unused_pvc, DESTRUCTIVE, ",
    "expand_pvc, , MUTATE, ",
    "clean_logs, , MUTATE, ",
    "isolate_pod, , MUTATE, ",
    "apply_network_policy, , MUTATE, ",
    "rotate_secrets, , MUTATE, ",
    "consolidate_lb, , DESTRUCTIVE, ",
    "get, , READ, ",
    "describe, , READ, ",
    "logs, , READ, ",
    "events, , READ, ",
    "get_metric_data, get-metric-data, READ, ",
    "get_findings, get-findings, READ, ",
    "get_traces, get-traces, READ, ",
  })
  void theDefaultsHoldTheSeedsActions(String name, String alias, Effect effect, String category) {
    ActionDefinition d = catalog.resolve(name).orElseThrow();
    assertThat(d.name()).isEqualTo(name);
    assertThat(d.effect()).isEqualTo(effect);
    assertThat(d.rateLimitCategory().orElse(null)).isEqualTo(category);
    if (alias != null) {
      assertThat(d.aliases()).contains(alias);
      assertThat(catalog.resolve(alias)).contains(d);
    }
  }

  @Test
  void onlyTheScalingActionsChangeReplicas() {
    assertThat(catalog.actions())
        .filteredOn(ActionDefinition::changesReplicas)
        .extracting(ActionDefinition::name)
        .containsExactly("scale_deployment", "scale_nodegroup");
  }

  @Test
  void categoriesAreThoseOfTheSeedsRateLimits() {
    assertThat(catalog.rateLimitCategories())
        .containsExactlyInAnyOrder(
            "pod_restarts", "deployments_modified", "nodes_terminated", "rbac_changes");
  }

  @Test
  void resolvingIsExactAndSuggestsTheClosestName() {
    assertThat(catalog.resolve("Restart_Pod")).isEmpty();
    assertThat(catalog.resolve("restrat_pod")).isEmpty();
    assertThat(catalog.closestName("restrat_pod")).contains("restart_pod");
    assertThat(catalog.closestName("change_rabc")).contains("change_rbac");
    assertThat(catalog.closestName("launch_missiles")).isEmpty();
  }

  @Test
  void theActionTypeReadsAliasesAsTheirCanonicalName() {
    FactSchema schema = FactSchema.builder().fact("action", catalog.actionType()).build();
    Condition c = Condition.compile("action IN ['change_rbac', 'terminate_node']", schema);
    assertThat(c.test(Facts.of(Map.of("action", "modify_rbac")))).isTrue();
    assertThat(c.test(Facts.of(Map.of("action", "delete_node")))).isTrue();
    assertThat(c.test(Facts.of(Map.of("action", "restart_pod")))).isFalse();
    assertThatThrownBy(() -> Condition.compile("action == delet_node", schema))
        .isInstanceOf(ConditionTypeException.class)
        .hasMessageContaining("'delet_node' is not a value of action")
        .hasMessageContaining("did you mean 'delete_node'?");
  }

  @Test
  void usersRegisterMoreActions() {
    ActionCatalog mine =
        catalog.toBuilder()
            .register(
                ActionDefinition.builder("restart_statefulset")
                    .aliases("bounce_sts")
                    .rateLimitCategory("pod_restarts")
                    .build(),
                ActionDefinition.read("get_pod_logs"))
            .build();
    assertThat(mine.resolve("bounce_sts").map(ActionDefinition::name))
        .contains("restart_statefulset");
    assertThat(mine.resolve("get_pod_logs").map(ActionDefinition::effect)).contains(Effect.READ);
    assertThat(catalog.resolve("restart_statefulset")).as("the defaults are unchanged").isEmpty();
  }

  @Test
  void registeringAnActionAgainIsRefusedSoNoOneRedefinesDeleteNodeAsARead() {
    ActionCatalog.Builder b = catalog.toBuilder();
    assertThatThrownBy(() -> b.register(ActionDefinition.read("delete_node")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "definitions: action delete_node is already registered (delete_node (terminate_node)"
                + " DESTRUCTIVE nodes_terminated); use replace(...) to redefine it");
    assertThat(b.build().resolve("delete_node").map(ActionDefinition::effect))
        .contains(Effect.DESTRUCTIVE);
  }

  @Test
  void replaceRedefinesAnActionExplicitly() {
    ActionCatalog mine =
        catalog.toBuilder()
            .replace(ActionDefinition.builder("drain_node").effect(Effect.DESTRUCTIVE).build())
            .build();
    assertThat(mine.resolve("drain_node").map(ActionDefinition::effect))
        .contains(Effect.DESTRUCTIVE);
    assertThat(mine.actions()).hasSameSizeAs(catalog.actions());
    assertThatThrownBy(() -> catalog.toBuilder().replace(ActionDefinition.read("no_such")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("definitions: there is no action no_such to replace; use register(...)");
    ActionDefinition clash = ActionDefinition.builder("drain_node").aliases("delete_pod").build();
    assertThatThrownBy(() -> catalog.toBuilder().replace(clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "definitions: 'delete_pod' of action drain_node is already a name of action"
                + " restart_pod");
  }

  @Test
  void aNameThatIsAlreadyAnotherActionsIsRefused() {
    ActionCatalog.Builder b = catalog.toBuilder();
    ActionDefinition clash = ActionDefinition.builder("kill_pod").aliases("delete_pod").build();
    assertThatThrownBy(() -> b.register(clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "definitions: 'delete_pod' of action kill_pod is already a name of action restart_pod");
  }

  @Test
  void namesMustBeIdentifiersAConditionCanWrite() {
    assertThatThrownBy(() -> ActionDefinition.builder("restart pod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name: 'restart pod' is not a name a condition can write");
    assertThatThrownBy(() -> ActionDefinition.builder("AND"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ActionDefinition.builder("x").aliases("x"))
        .hasMessage("aliases: 'x' is the action's own name");
    assertThatThrownBy(() -> ActionDefinition.builder("x").rateLimitCategory("5/hour"))
        .hasMessageStartingWith("rateLimitCategory: '5/hour'");
  }

  @Test
  void definitionsAreValues() {
    ActionDefinition a = catalog.resolve("restart_pod").orElseThrow();
    assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a).hasToString("restart_pod (delete_pod) MUTATE pod_restarts");
    assertThat(ActionCatalog.defaults().toBuilder().build()).isEqualTo(catalog);
  }
}
