package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.Trigger;

/**
 * A trigger being written in the DSL: {@code alert()}, {@code every(...)}, {@code daily(...)},
 * {@code weekly(...)}, {@code cron(...)}, {@code healthCheckFailure()} or {@code manual()} of
 * {@link Playbooks}.
 */
public interface TriggerDefinition {

  /** The trigger as it stands now. */
  Trigger trigger();
}
