package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.JsonNodeFactory;

/** An adapter for {@code scale_deployment} over one replica count, recording what it applies. */
final class ReplicaAdapter implements ActionAdapter {
  final AtomicInteger replicas = new AtomicInteger(3);
  final List<String> applied = new ArrayList<>();
  final List<MutationPermit> permits = new ArrayList<>();
  boolean dryRuns = true;
  boolean withInverse = true;
  RuntimeException failNext;

  @Override
  public Set<String> actions() {
    return Set.of("scale_deployment");
  }

  @Override
  public boolean supportsDryRun() {
    return dryRuns;
  }

  @Override
  public Preparation prepare(PlannedAction action) {
    int target = action.parameters().path("replicas").asInt(-1);
    if (target < 0) {
      throw new IllegalArgumentException("parameters.replicas is missing");
    }
    int current = replicas.get();
    return Preparation.builder()
        .facts(
            Facts.builder()
                .put("replicas", current)
                .put("target_replicas", target)
                .put("blast_radius", Math.abs(target - current))
                .build())
        .inverse(
            withInverse
                ? PlannedAction.of(
                    "scale_deployment",
                    action.target(),
                    JsonNodeFactory.instance.objectNode().put("replicas", current))
                : null)
        .description("scale from " + current + " to " + target)
        .build();
  }

  @Override
  public synchronized ActionOutcome apply(MutationPermit permit) {
    permits.add(permit);
    if (failNext != null) {
      RuntimeException e = failNext;
      failNext = null;
      throw e;
    }
    int target = permit.planned().parameters().get("replicas").asInt();
    if (permit.mode() == ExecutionMode.DRY_RUN) {
      return ActionOutcome.dryRun("would scale to " + target);
    }
    applied.add(permit.kind() + " " + replicas.get() + "->" + target);
    replicas.set(target);
    return ActionOutcome.applied("scaled to " + target);
  }
}
