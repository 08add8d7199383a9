package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.AlertTrigger;
import java.util.List;

/**
 * An alert trigger: {@code alert().severities("P0", "P1").sources("cloudwatch")}; without either,
 * any. Immutable: each method returns a new definition.
 */
public final class AlertDefinition implements TriggerDefinition {
  private final AlertTrigger trigger;

  AlertDefinition(AlertTrigger trigger) {
    this.trigger = trigger;
  }

  /** Only alerts of these severities. */
  public AlertDefinition severities(String... severities) {
    return new AlertDefinition(new AlertTrigger(trigger.sources(), List.of(severities)));
  }

  /** Only alerts from these sources. */
  public AlertDefinition sources(String... sources) {
    return new AlertDefinition(new AlertTrigger(List.of(sources), trigger.severities()));
  }

  @Override
  public AlertTrigger trigger() {
    return trigger;
  }
}
