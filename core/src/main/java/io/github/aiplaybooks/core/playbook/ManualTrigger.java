package io.github.aiplaybooks.core.playbook;

import java.util.List;

/**
 * Starts a run only when someone asks for it. A playbook without a trigger whose first step neither
 * receives alerts nor runs a health check gets this one.
 *
 * <p>Context: {@value #CONTEXT_TEXT}.
 */
public record ManualTrigger() implements Trigger {

  /** The context names, as text for documentation. */
  public static final String CONTEXT_TEXT = "cluster, region";

  static final List<String> CONTEXT = List.of(CONTEXT_TEXT.split(", "));

  @Override
  public String type() {
    return "manual";
  }

  /** The names every manual run has: {@value #CONTEXT_TEXT}. */
  @Override
  public List<String> context() {
    return CONTEXT;
  }

  @Override
  public String describe() {
    return "manual";
  }
}
