package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Objects;

/**
 * Writes a report of the run ({@code create_incident_report}, {@code generate_security_report},
 * {@code cost_report}) with the sections in {@link #include()}, and sends it to {@link
 * #recipients()}: e-mail addresses ({@code security-team@example.com}) or channels ({@code slack},
 * {@code #sre-oncall}, {@code pagerduty:platform}).
 *
 * @param include the report's sections, such as {@code timeline} or {@code root_cause}
 * @param recipients e-mail addresses or channels; checked when the playbook is built
 */
public record ReportSpec(List<String> include, List<String> recipients) implements StepSpec {

  /** Copies the lists. */
  public ReportSpec {
    include = List.copyOf(Objects.requireNonNull(include, "include"));
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
  }
}
