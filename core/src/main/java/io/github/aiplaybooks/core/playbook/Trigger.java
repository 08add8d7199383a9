package io.github.aiplaybooks.core.playbook;

import java.util.List;

/**
 * What starts a playbook: an alert, a schedule, a failing health check, or a person ({@link
 * ManualTrigger}). A playbook whose JSON has no {@code trigger} gets one from its first step (see
 * {@link Playbook.Builder#build()}).
 *
 * <p>Each trigger supplies a <em>context</em>: named values known when a run starts, which {@code
 * ${...}} templates and conditions may read.
 *
 * <table>
 *   <caption>Trigger context</caption>
 *   <tr><th>trigger</th><th>{@link #type()}</th><th>context</th></tr>
 *   <tr><td>{@link AlertTrigger}</td><td>{@code alert}</td><td>{@value AlertTrigger#CONTEXT_TEXT}</td></tr>
 *   <tr><td>{@link HealthCheckTrigger}</td><td>{@code health_check}</td>
 *       <td>{@value HealthCheckTrigger#CONTEXT_TEXT}</td></tr>
 *   <tr><td>{@link ScheduleTrigger}</td><td>{@code schedule}</td><td>{@value ScheduleTrigger#CONTEXT_TEXT}</td></tr>
 *   <tr><td>{@link ManualTrigger}</td><td>{@code manual}</td><td>{@value ManualTrigger#CONTEXT_TEXT}</td></tr>
 * </table>
 */
public sealed interface Trigger
    permits AlertTrigger, ScheduleTrigger, HealthCheckTrigger, ManualTrigger {

  /** The trigger's type as the JSON format writes it: {@code alert}, {@code schedule}, ... */
  String type();

  /** The names of the values this trigger supplies to a run, in a stable order. */
  List<String> context();

  /** One line for people: "alert of severity P0, P1 from cloudwatch, prometheus". */
  String describe();
}
