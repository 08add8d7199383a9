package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.FactType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The actions a policy knows, each with its aliases, {@link Effect} and rate-limit category: the
 * one place where {@code change_rbac} becomes {@code modify_rbac}. An action that is not in the
 * catalog is refused by the {@link PolicyEngine} (fail closed).
 *
 * <pre>{@code
 * ActionCatalog catalog = ActionCatalog.defaults().toBuilder()
 *     .register(ActionDefinition.builder("restart_statefulset")
 *         .rateLimitCategory("pod_restarts").build())
 *     .build();
 * catalog.resolve("change_rbac").map(ActionDefinition::name);  // Optional[modify_rbac]
 * }</pre>
 *
 * <p>{@link #defaults()} holds the seed's actions:
 *
 * <table>
 *   <caption>The default catalog</caption>
 *   <tr><th>action</th><th>aliases</th><th>effect</th><th>rate-limit category</th></tr>
 *   <tr><td>restart_pod</td><td>delete_pod</td><td>MUTATE</td><td>pod_restarts</td></tr>
 *   <tr><td>scale_deployment (changes replicas)</td><td></td><td>MUTATE</td>
 *       <td>deployments_modified</td></tr>
 *   <tr><td>rollback_deployment</td><td>rollout_undo</td><td>MUTATE</td>
 *       <td>deployments_modified</td></tr>
 *   <tr><td>add_resource_limits, rightsize_pod, update_image</td><td></td><td>MUTATE</td>
 *       <td>deployments_modified</td></tr>
 *   <tr><td>delete_node</td><td>terminate_node</td><td>DESTRUCTIVE</td>
 *       <td>nodes_terminated</td></tr>
 *   <tr><td>cordon_node, drain_node</td><td></td><td>MUTATE</td><td></td></tr>
 *   <tr><td>modify_rbac</td><td>change_rbac</td><td>DESTRUCTIVE</td><td>rbac_changes</td></tr>
 *   <tr><td>modify_security_group</td><td>change_security_group</td><td>DESTRUCTIVE</td>
 *       <td></td></tr>
 *   <tr><td>delete_pvc</td><td>delete_unused_pvc</td><td>DESTRUCTIVE</td><td></td></tr>
 *   <tr><td>consolidate_lb</td><td></td><td>DESTRUCTIVE</td><td></td></tr>
 *   <tr><td>scale_nodegroup (changes replicas: its {@code replicas} and {@code
 *       target_replicas} are node counts)</td><td></td><td>MUTATE</td><td></td></tr>
 *   <tr><td>notify, escalate</td><td>alert_team (notify)</td><td>READ: telling a human
 *       changes nothing managed</td><td></td></tr>
 *   <tr><td>expand_pvc, clean_logs, isolate_pod, apply_network_policy, rotate_secrets</td>
 *       <td></td><td>MUTATE</td><td></td></tr>
 *   <tr><td>get, describe, logs, events, top, get_metric_data, get_metric_statistics,
 *       get_findings, list_findings, get_traces, batch_get_traces, get_cost_and_usage,
 *       filter_log_events</td><td>the AWS ones also spelt with dashes
 *       ({@code get-metric-data})</td><td>READ</td><td></td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class ActionCatalog {
  private static final ActionCatalog DEFAULTS = seedCatalog();

  private final List<ActionDefinition> actions;
  private final Map<String, ActionDefinition> bySpelling;
  private final Set<String> categories;
  private final FactType actionType;

  private ActionCatalog(Map<String, ActionDefinition> byName) {
    this.actions = List.copyOf(byName.values());
    Map<String, ActionDefinition> spellings = new HashMap<>();
    Map<String, String> canonical = new LinkedHashMap<>();
    Set<String> cats = new LinkedHashSet<>();
    for (ActionDefinition d : actions) {
      spellings.put(d.name(), d);
      canonical.put(d.name(), d.name());
      for (String alias : d.aliases()) {
        spellings.put(alias, d);
        canonical.put(alias, d.name());
      }
      d.rateLimitCategory().ifPresent(cats::add);
    }
    this.bySpelling = spellings;
    this.categories = Collections.unmodifiableSet(cats);
    this.actionType = canonical.isEmpty() ? FactType.STRING : FactType.oneOf(canonical);
  }

  /** The seed's actions, as in the table above. */
  public static ActionCatalog defaults() {
    return DEFAULTS;
  }

  /** An empty catalog's builder. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /** A builder that starts with this catalog's actions. */
  public Builder toBuilder() {
    Map<String, ActionDefinition> byName = new LinkedHashMap<>();
    actions.forEach(d -> byName.put(d.name(), d));
    return new Builder(byName);
  }

  /** The action named {@code nameOrAlias}, by its canonical name or an alias; exact spelling. */
  public Optional<ActionDefinition> resolve(String nameOrAlias) {
    Objects.requireNonNull(nameOrAlias, "nameOrAlias");
    return Optional.ofNullable(bySpelling.get(nameOrAlias));
  }

  /** Whether {@code nameOrAlias} names an action of this catalog. */
  public boolean contains(String nameOrAlias) {
    return bySpelling.containsKey(nameOrAlias);
  }

  /** Every action, in the order registered. */
  public List<ActionDefinition> actions() {
    return actions;
  }

  /** The rate-limit categories that some action counts against, such as {@code pod_restarts}. */
  public Set<String> rateLimitCategories() {
    return categories;
  }

  /** The name or alias closest to {@code name}, if one is close enough to be a likely typo. */
  public Optional<String> closestName(String name) {
    return actionType.closestValue(name);
  }

  /**
   * The type of the fact {@code action}: one of the canonical names, with every alias read as its
   * canonical name; so a policy that writes {@code action IN ['change_rbac']} is checked against
   * this catalog when it is compiled.
   */
  public FactType actionType() {
    return actionType;
  }

  /** {@code "did you mean 'restart_pod'?"} or {@code ""}, for messages. */
  String didYouMean(String name) {
    return closestName(name).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActionCatalog && actions.equals(((ActionCatalog) o).actions);
  }

  @Override
  public int hashCode() {
    return actions.hashCode();
  }

  @Override
  public String toString() {
    return "ActionCatalog" + actions;
  }

  /** Collects action definitions. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ActionDefinition> byName;

    private Builder(Map<String, ActionDefinition> byName) {
      this.byName = byName;
    }

    /**
     * Adds actions.
     *
     * @throws IllegalArgumentException if an action of the same canonical name is already here
     *     (redefine it with {@link #replace}), or a name or alias is already a name or alias of
     *     another action
     */
    public Builder register(ActionDefinition... definitions) {
      for (ActionDefinition d : definitions) {
        Objects.requireNonNull(d, "definitions: null element");
        ActionDefinition existing = byName.get(d.name());
        if (existing != null) {
          throw new IllegalArgumentException(
              "definitions: action "
                  + d.name()
                  + " is already registered ("
                  + existing
                  + "); use replace(...) to redefine it");
        }
        checkNames(d);
        byName.put(d.name(), d);
      }
      return this;
    }

    /**
     * Redefines actions already here, each by its canonical name (its place in {@link
     * ActionCatalog#actions()} is kept): the explicit way to change an action's effect, aliases or
     * category.
     *
     * @throws IllegalArgumentException if there is no action of that name (add it with {@link
     *     #register}), or a name or alias is already a name or alias of another action
     */
    public Builder replace(ActionDefinition... definitions) {
      for (ActionDefinition d : definitions) {
        Objects.requireNonNull(d, "definitions: null element");
        if (!byName.containsKey(d.name())) {
          throw new IllegalArgumentException(
              "definitions: there is no action " + d.name() + " to replace; use register(...)");
        }
        checkNames(d);
        byName.put(d.name(), d);
      }
      return this;
    }

    private void checkNames(ActionDefinition d) {
      List<String> spellings = new ArrayList<>();
      spellings.add(d.name());
      spellings.addAll(d.aliases());
      for (String s : spellings) {
        for (ActionDefinition other : byName.values()) {
          if (other.name().equals(d.name())) {
            continue;
          }
          if (other.name().equals(s) || other.aliases().contains(s)) {
            throw new IllegalArgumentException(
                "definitions: '"
                    + s
                    + "' of action "
                    + d.name()
                    + " is already a name of action "
                    + other.name());
          }
        }
      }
    }

    /** Removes the action with canonical name {@code name}, if present. */
    public Builder remove(String name) {
      byName.remove(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** The catalog. */
    public ActionCatalog build() {
      return new ActionCatalog(new LinkedHashMap<>(byName));
    }
  }

  private static ActionCatalog seedCatalog() {
    Builder b = builder();
    b.register(
        mutate("restart_pod", "pod_restarts").aliases("delete_pod").build(),
        mutate("scale_deployment", "deployments_modified").changesReplicas(true).build(),
        mutate("rollback_deployment", "deployments_modified").aliases("rollout_undo").build(),
        mutate("add_resource_limits", "deployments_modified").build(),
        mutate("rightsize_pod", "deployments_modified").build(),
        mutate("update_image", "deployments_modified").build(),
        ActionDefinition.builder("delete_node")
            .aliases("terminate_node")
            .effect(Effect.DESTRUCTIVE)
            .rateLimitCategory("nodes_terminated")
            .build(),
        mutate("cordon_node", null).build(),
        mutate("drain_node", null).build(),
        ActionDefinition.builder("modify_rbac")
            .aliases("change_rbac")
            .effect(Effect.DESTRUCTIVE)
            .rateLimitCategory("rbac_changes")
            .build(),
        destructive("modify_security_group", "change_security_group"),
        destructive("delete_pvc", "delete_unused_pvc"),
        mutate("expand_pvc", null).build(),
        mutate("clean_logs", null).build(),
        mutate("isolate_pod", null).build(),
        mutate("apply_network_policy", null).build(),
        mutate("rotate_secrets", null).build(),
        destructive("consolidate_lb"),
        ActionDefinition.read("get"),
        ActionDefinition.read("describe"),
        ActionDefinition.read("logs"),
        ActionDefinition.read("events"),
        ActionDefinition.read("top"),
        ActionDefinition.read("get_metric_data", "get-metric-data"),
        ActionDefinition.read("get_metric_statistics", "get-metric-statistics"),
        ActionDefinition.read("get_findings", "get-findings"),
        ActionDefinition.read("list_findings", "list-findings"),
        ActionDefinition.read("get_traces", "get-traces"),
        ActionDefinition.read("batch_get_traces", "batch-get-traces"),
        ActionDefinition.read("get_cost_and_usage", "get-cost-and-usage"),
        ActionDefinition.read("filter_log_events", "filter-log-events"),
        // Telling humans changes nothing the agent manages, so it is READ: it must work during an
        // emergency stop and on the fallback path, which escalate to a human.
        ActionDefinition.read("notify", "alert_team"),
        ActionDefinition.read("escalate"),
        // Its replica facts are node counts: replicas and target_replicas are the node group's
        // current and wanted number of nodes.
        mutate("scale_nodegroup", null).changesReplicas(true).build());
    return b.build();
  }

  private static ActionDefinition.Builder mutate(String name, String category) {
    return ActionDefinition.builder(name).effect(Effect.MUTATE).rateLimitCategory(category);
  }

  private static ActionDefinition destructive(String name, String... aliases) {
    return ActionDefinition.builder(name).aliases(aliases).effect(Effect.DESTRUCTIVE).build();
  }
}
