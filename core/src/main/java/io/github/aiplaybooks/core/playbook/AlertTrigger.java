package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Objects;

/**
 * Starts a run for each alert from one of {@code sources} with one of {@code severities}; an empty
 * list means any. The seed's Playbook 1 ("Any P0/P1 alert") is {@code new
 * AlertTrigger(List.of("cloudwatch", "prometheus", "guardduty", "security_hub"), List.of("P0",
 * "P1"))}.
 *
 * <p>Context: {@value #CONTEXT_TEXT}: the alert's own fields, as its source sends them, which
 * trusted code reads from the alert before any step runs. {@code type} is the alert's category as
 * its source labels it ({@code security} for GuardDuty and Security Hub findings, else the alarm's
 * or rule's {@code type} label or tag, such as {@code availability}, {@code performance}, {@code
 * deployment}, {@code resource} or {@code network}), so routing can work on the alert alone when
 * the model is down; a model step that extracts {@code type} is read as {@code step.type} (see
 * {@link Scope}).
 *
 * @param sources the alert sources, such as {@code cloudwatch}; empty for any
 * @param severities the severities, such as {@code P0}; empty for any
 */
public record AlertTrigger(List<String> sources, List<String> severities) implements Trigger {

  /** The context names, as text for documentation. */
  public static final String CONTEXT_TEXT =
      "alert_name, severity, type, source, cluster, region, namespace, pod, deployment, service,"
          + " node, container";

  static final List<String> CONTEXT = List.of(CONTEXT_TEXT.split(", "));

  /** Copies the lists. */
  public AlertTrigger {
    sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    severities = List.copyOf(Objects.requireNonNull(severities, "severities"));
  }

  /** An alert trigger for any alert. */
  public static AlertTrigger any() {
    return new AlertTrigger(List.of(), List.of());
  }

  @Override
  public String type() {
    return "alert";
  }

  /** The names every alert supplies: {@value #CONTEXT_TEXT}. */
  @Override
  public List<String> context() {
    return CONTEXT;
  }

  @Override
  public String describe() {
    return (severities.isEmpty()
            ? "any alert"
            : "alert of severity " + String.join(", ", severities))
        + (sources.isEmpty() ? "" : " from " + String.join(", ", sources));
  }
}
