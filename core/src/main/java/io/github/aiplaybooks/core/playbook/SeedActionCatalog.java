package io.github.aiplaybooks.core.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Interim stand-in for the policy engine's action catalog (issue 2, being built on another branch):
 * the actions issue 2 names, with their aliases, and the runbook actions the seed's decision tree
 * needs. Replace with the real catalog when it lands.
 */
final class SeedActionCatalog implements KnownActions {
  static final SeedActionCatalog INSTANCE = new SeedActionCatalog();

  private final Map<String, String> canonicalBySpelling;

  private SeedActionCatalog() {
    Map<String, String> m = new LinkedHashMap<>();
    // Mutating actions, with the aliases issue 2 gives them.
    canonical(m, "restart_pod", "delete_pod");
    canonical(m, "scale_deployment");
    canonical(m, "rollback_deployment", "rollout_undo");
    canonical(m, "add_resource_limits");
    canonical(m, "rightsize_pod");
    canonical(m, "update_image");
    canonical(m, "delete_node", "terminate_node");
    canonical(m, "cordon_node");
    canonical(m, "drain_node");
    canonical(m, "modify_rbac", "change_rbac");
    canonical(m, "modify_security_group", "change_security_group");
    canonical(m, "delete_pvc", "delete_unused_pvc");
    canonical(m, "expand_pvc");
    canonical(m, "clean_logs");
    canonical(m, "isolate_pod");
    canonical(m, "apply_network_policy");
    canonical(m, "rotate_secrets");
    canonical(m, "consolidate_lb");
    // Read-only tools.
    for (String read :
        new String[] {
          "get", "describe", "logs", "events", "get_metric_data", "get_findings", "get_traces"
        }) {
      canonical(m, read);
    }
    // Runbook actions of the seed's decision tree that issue 2's list lacks.
    canonical(m, "notify");
    canonical(m, "escalate");
    canonical(m, "scale_nodegroup");
    this.canonicalBySpelling = Collections.unmodifiableMap(m);
  }

  private static void canonical(Map<String, String> m, String name, String... aliases) {
    m.put(name, name);
    for (String a : aliases) {
      m.put(a, name);
    }
  }

  @Override
  public Optional<String> canonical(String nameOrAlias) {
    return Optional.ofNullable(canonicalBySpelling.get(nameOrAlias));
  }

  @Override
  public Set<String> spellings() {
    return canonicalBySpelling.keySet();
  }
}
