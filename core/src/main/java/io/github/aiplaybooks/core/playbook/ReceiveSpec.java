package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Objects;

/**
 * Receives the alert that started the run ({@code receive_alert}). A playbook without a trigger
 * whose first step is this one gets an {@link AlertTrigger} for these sources.
 *
 * <pre>{@code
 * "1_detect": {"action": "receive_alert", "sources": ["cloudwatch", "prometheus"]}
 * }</pre>
 *
 * @param sources the alert sources, such as {@code cloudwatch} or {@code guardduty}; empty for any
 */
public record ReceiveSpec(List<String> sources) implements StepSpec {

  /** Copies the sources. */
  public ReceiveSpec {
    sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
  }
}
