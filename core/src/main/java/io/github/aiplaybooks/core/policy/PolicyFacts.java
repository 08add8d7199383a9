package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import java.util.List;
import java.util.Set;

/** The names and types of the facts every policy may read. */
final class PolicyFacts {
  static final String ACTION = "action";
  static final String OFF_HOURS = "off_hours";
  static final String SCALE_UP = "scale_up";
  static final String SCALE_DOWN = "scale_down";
  static final String REPLICAS = "replicas";
  static final String TARGET_REPLICAS = "target_replicas";
  static final String BLAST_RADIUS = "blast_radius";
  static final String SEVERITY = "severity";
  static final String NAMESPACE = "namespace";
  static final String CLUSTER = "cluster";

  /** Severities as the seed writes them: P0 (the worst) to P4. */
  static final FactType SEVERITY_TYPE = FactType.oneOf(List.of("P0", "P1", "P2", "P3", "P4"));

  /** The facts the engine computes; a policy cannot declare them again. */
  static final Set<String> COMPUTED = Set.of(ACTION, OFF_HOURS, SCALE_UP, SCALE_DOWN);

  private PolicyFacts() {}

  static FactSchema.Builder standard(ActionCatalog catalog) {
    return FactSchema.builder()
        .fact(ACTION, catalog.actionType())
        .fact(SEVERITY, SEVERITY_TYPE)
        .fact(OFF_HOURS, FactType.BOOLEAN)
        .fact(BLAST_RADIUS, FactType.count("pods"))
        .fact(NAMESPACE, FactType.STRING)
        .fact(CLUSTER, FactType.STRING)
        .fact("environment", FactType.STRING)
        .fact(REPLICAS, FactType.NUMBER)
        .fact(TARGET_REPLICAS, FactType.NUMBER)
        .fact(SCALE_UP, FactType.RATIO)
        .fact(SCALE_DOWN, FactType.RATIO)
        .fact("cost_increase", FactType.RATIO)
        .fact("savings", FactType.MONEY)
        .fact("risk", FactType.STRING)
        .fact("confidence", FactType.RATIO);
  }
}
