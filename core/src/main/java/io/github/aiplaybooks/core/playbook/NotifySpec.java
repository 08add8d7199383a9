package io.github.aiplaybooks.core.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells people what happened ({@code alert_team}) on {@code channels}, with a {@code message}
 * template whose {@code ${...}} variables are checked when the playbook is built.
 *
 * <pre>{@code
 * "5_notify": {"action": "alert_team", "channels": ["slack", "pagerduty"],
 *   "message": "Auto-rollback executed: ${deployment} v2.1.0 → v2.0.5"}
 * }</pre>
 *
 * <p>Build with {@link #builder()}. Immutable; equal when all parameters are.
 */
public final class NotifySpec implements StepSpec {
  private final List<String> channels;
  private final Template message;

  private NotifySpec(Builder b) {
    this.channels = List.copyOf(b.channels);
    this.message = b.message;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this spec's parameters. */
  public Builder toBuilder() {
    return new Builder().channels(channels).message(message);
  }

  /** Where to send the message, such as {@code slack} or {@code pagerduty}. */
  public List<String> channels() {
    return channels;
  }

  /** The message. */
  public Optional<Template> message() {
    return Optional.ofNullable(message);
  }

  /** Where this step reads {@code ${...}} variables, for the playbook's checks. */
  List<VariableUse> variableUses() {
    return message == null || message.variables().isEmpty()
        ? List.of()
        : List.of(new VariableUse("message", message.variables()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotifySpec
        && channels.equals(((NotifySpec) o).channels)
        && Objects.equals(message, ((NotifySpec) o).message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channels, message);
  }

  @Override
  public String toString() {
    return "NotifySpec{channels=" + channels + ", message=" + message + "}";
  }

  /** Builds a {@link NotifySpec}. Not thread-safe. */
  public static final class Builder {
    private List<String> channels = new ArrayList<>();
    private Template message;

    private Builder() {}

    /** Where to send the message. */
    public Builder channels(List<String> channels) {
      this.channels = Checks.copy(channels, "channels");
      return this;
    }

    /** The message; {@code null} for the default one. */
    public Builder message(Template message) {
      this.message = message;
      return this;
    }

    /** The spec. A playbook checks the parameters when it is built. */
    public NotifySpec build() {
      return new NotifySpec(this);
    }
  }
}
