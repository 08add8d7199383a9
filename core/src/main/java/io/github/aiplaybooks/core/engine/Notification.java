package io.github.aiplaybooks.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A message to people, sent by a {@link Notifier}: a notify step's message, a report step's report,
 * or an escalation.
 *
 * @param runId the run
 * @param playbook the playbook's name
 * @param step the step that sends it, or {@code null} for an escalation of the run
 * @param kind what it is
 * @param channel where to send it: a channel such as {@code slack}, {@code pagerduty} or {@code
 *     #sre-oncall}, or an e-mail address
 * @param subject one line
 * @param message the text (the report in Markdown for {@link Kind#REPORT})
 * @param at when, by the engine's clock
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
    @JsonProperty("run_id") String runId,
    @JsonProperty("playbook") String playbook,
    @JsonProperty("step") String step,
    @JsonProperty("kind") Kind kind,
    @JsonProperty("channel") String channel,
    @JsonProperty("subject") String subject,
    @JsonProperty("message") String message,
    @JsonProperty("at") Instant at) {

  /** What a notification is. */
  public enum Kind {
    /** A notify step's message. */
    MESSAGE,
    /** A report step's report. */
    REPORT,
    /** The run hands the incident to a human. */
    ESCALATION
  }

  /** Checks the required components. */
  public Notification {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    subject = subject == null ? "" : subject;
    message = message == null ? "" : message;
    Objects.requireNonNull(at, "at");
  }
}
