package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.ReportSpec;
import java.util.List;

/**
 * A report step ({@code create_incident_report}, {@code generate_security_report}, {@code
 * cost_report}): see {@link ReportSpec}.
 */
public final class ReportStep extends StepDefinition<ReportStep> {
  private List<String> include = List.of();
  private List<String> recipients = List.of();

  ReportStep(String action) {
    super(action);
  }

  /** Sections of the report, such as {@code timeline}. */
  public ReportStep include(String... sections) {
    this.include = List.of(sections);
    return this;
  }

  /** E-mail addresses or channels to send it to. */
  public ReportStep recipients(String... recipients) {
    this.recipients = List.of(recipients);
    return this;
  }

  @Override
  public ReportSpec spec() {
    return new ReportSpec(include, recipients);
  }
}
