package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Objects;

/**
 * Starts a run when {@link #schedule()} fires, such as every 5 minutes (the seed's Playbook 2).
 *
 * <p>Context: {@value #CONTEXT_TEXT}.
 *
 * @param schedule when to run
 */
public record ScheduleTrigger(Schedule schedule) implements Trigger {

  /** The context names, as text for documentation. */
  public static final String CONTEXT_TEXT = "cluster, region, scheduled_time";

  static final List<String> CONTEXT = List.of(CONTEXT_TEXT.split(", "));

  /** Checks the schedule. */
  public ScheduleTrigger {
    Objects.requireNonNull(schedule, "schedule");
  }

  @Override
  public String type() {
    return "schedule";
  }

  /** The names every scheduled run has: {@value #CONTEXT_TEXT}. */
  @Override
  public List<String> context() {
    return CONTEXT;
  }

  @Override
  public String describe() {
    return "scheduled " + schedule.describe();
  }
}
