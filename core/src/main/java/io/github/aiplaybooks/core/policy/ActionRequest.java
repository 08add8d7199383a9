package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Facts;
import java.util.Objects;
import java.util.Optional;

/**
 * An action someone wants to run, as the {@link PolicyEngine} judges it: the action's name (or an
 * alias), its {@link Target}, and the trusted facts about it.
 *
 * <p>The facts must come from trusted code (the cluster, the clock, the action itself, the
 * operator) and never from model output: the policy decides on them. The engine adds the computed
 * facts ({@code action}, {@code off_hours}, {@code namespace} and {@code cluster} from the target,
 * {@code scale_up}, {@code scale_down}) where these facts do not already have them, and refuses the
 * request when they disagree.
 *
 * <pre>{@code
 * ActionRequest request = ActionRequest.builder("restart_pod")
 *     .target(Target.of("pod", "default", "api-service-abc123"))
 *     .facts(Facts.builder().put("severity", "P1").put("blast_radius", 1).build())
 *     .idempotencyKey("incident-42/step-6")
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class ActionRequest {
  private final String action;
  private final Target target;
  private final Facts facts;
  private final String idempotencyKey;

  private ActionRequest(Builder b) {
    this.action = b.action;
    this.target = b.target;
    this.facts = b.facts;
    this.idempotencyKey = b.idempotencyKey;
  }

  /** A request for {@code action} with {@code facts} and no target. */
  public static ActionRequest of(String action, Facts facts) {
    return builder(action).facts(facts).build();
  }

  /** A builder for a request for {@code action} (a name or an alias of the catalog). */
  public static Builder builder(String action) {
    return new Builder(action);
  }

  /** A builder that starts with this request. */
  public Builder toBuilder() {
    return new Builder(action).target(target).facts(facts).idempotencyKey(idempotencyKey);
  }

  /** The action, as asked for: a canonical name or an alias. */
  public String action() {
    return action;
  }

  /** What it acts on; {@link Target#NONE} if not given. */
  public Target target() {
    return target;
  }

  /** The trusted facts; empty if none were given. */
  public Facts facts() {
    return facts;
  }

  /** A key that is the same for every retry of the same step, so it never applies twice. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ActionRequest)) {
      return false;
    }
    ActionRequest r = (ActionRequest) o;
    return action.equals(r.action)
        && target.equals(r.target)
        && facts.equals(r.facts)
        && Objects.equals(idempotencyKey, r.idempotencyKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, target, facts, idempotencyKey);
  }

  @Override
  public String toString() {
    return action
        + (target.isNone() ? "" : " on " + target)
        + " with "
        + facts
        + (idempotencyKey == null ? "" : " [" + idempotencyKey + "]");
  }

  /** Builds an {@link ActionRequest}. Not thread-safe. */
  public static final class Builder {
    private String action;
    private Target target = Target.NONE;
    private Facts facts = Facts.empty();
    private String idempotencyKey;

    private Builder(String action) {
      action(action);
    }

    /**
     * Sets the action's name or alias.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder action(String action) {
      Objects.requireNonNull(action, "action");
      if (action.isBlank()) {
        throw new IllegalArgumentException("action: must not be blank");
      }
      this.action = action;
      return this;
    }

    /** Sets what the action acts on; {@code null} means {@link Target#NONE}. */
    public Builder target(Target target) {
      this.target = target == null ? Target.NONE : target;
      return this;
    }

    /** Sets the trusted facts. */
    public Builder facts(Facts facts) {
      this.facts = Objects.requireNonNull(facts, "facts");
      return this;
    }

    /**
     * Sets the idempotency key, or {@code null} for none.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder idempotencyKey(String key) {
      if (key != null && key.isBlank()) {
        throw new IllegalArgumentException("idempotencyKey: must not be blank; use null for none");
      }
      this.idempotencyKey = key;
      return this;
    }

    /** The request. */
    public ActionRequest build() {
      return new ActionRequest(this);
    }
  }
}
