package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.playbook.NotifySpec;
import io.github.aiplaybooks.core.playbook.Template;
import java.util.List;

/** An {@code alert_team} step: see {@link NotifySpec}. */
public final class NotifyStep extends StepDefinition<NotifyStep> {
  private final NotifySpec.Builder b = NotifySpec.builder();

  NotifyStep(String action) {
    super(action);
  }

  /** Channels such as {@code slack} or {@code pagerduty}. */
  public NotifyStep channels(String... channels) {
    b.channels(List.of(channels));
    return this;
  }

  /**
   * The message, with {@code ${variables}}.
   *
   * @throws io.github.aiplaybooks.core.playbook.TemplateException if a placeholder is malformed
   */
  public NotifyStep message(String template) {
    b.message(Template.parse(template));
    return this;
  }

  @Override
  public NotifySpec spec() {
    return b.build();
  }
}
