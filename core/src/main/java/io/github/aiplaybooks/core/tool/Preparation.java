package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What an {@link ActionAdapter} read from the system before a change, without changing anything:
 * the trusted facts the policy decides on (such as {@code blast_radius}, {@code replicas}, {@code
 * namespace}), the inverse that undoes the change (the previous spec, replica count or revision),
 * and a snapshot of the state before.
 *
 * <pre>{@code
 * return Preparation.builder()
 *     .facts(Facts.builder().put("blast_radius", 3).put("replicas", 3).put("target_replicas", 6).build())
 *     .inverse(PlannedAction.of("scale_deployment", target, params("replicas", 3)))
 *     .description("scale deployment default/api-service from 3 to 6 replicas")
 *     .build();
 * }</pre>
 *
 * <p>An action without a rollback plan can still run, but never without a human: {@link
 * MutationGate#decide} turns an {@code ALLOW} into {@code REQUIRE_APPROVAL} for it ("Always create
 * rollback plan before changes"). A rollback plan is an inverse, or the adapter's word that the
 * change {@linkplain Builder#restoresItself restores itself}. Immutable.
 */
public final class Preparation {
  private final Facts facts;
  private final PlannedAction inverse;
  private final String restoresItself;
  private final String description;
  private final JsonNode before;

  private Preparation(Builder b) {
    if (b.inverse != null && b.restoresItself != null) {
      throw new IllegalStateException(
          "inverse: a change with an inverse does not restore itself; give one or the other");
    }
    this.facts = b.facts;
    this.inverse = b.inverse;
    this.restoresItself = b.restoresItself;
    this.description = b.description;
    this.before = b.before == null ? null : b.before.deepCopy();
  }

  /** A builder with no facts, no inverse and no description. */
  public static Builder builder() {
    return new Builder();
  }

  /** The trusted facts read from the system. */
  public Facts facts() {
    return facts;
  }

  /** The action that undoes this one, if the adapter could work one out. */
  public Optional<PlannedAction> inverse() {
    return Optional.ofNullable(inverse);
  }

  /**
   * Why the change needs no inverse, when it restores itself: a restarted pod is recreated from the
   * same spec by its controller. Such a change has a rollback plan (there is nothing to undo), so
   * it can run without a human; the adapter, which is trusted code, says so.
   */
  public Optional<String> restoresItself() {
    return Optional.ofNullable(restoresItself);
  }

  /** Whether the change has a rollback plan: an inverse, or it restores itself. */
  public boolean hasRollbackPlan() {
    return inverse != null || restoresItself != null;
  }

  /** What the action will do, for people: {@code scale deployment default/api from 3 to 6}. */
  public String description() {
    return description;
  }

  /** A snapshot of the state before the change, for the report, if the adapter took one. */
  public Optional<JsonNode> before() {
    return Optional.ofNullable(before == null ? null : before.deepCopy());
  }

  @Override
  public String toString() {
    return "Preparation{" + description + ", facts=" + facts + ", inverse=" + inverse + "}";
  }

  /** Builds a {@link Preparation}. Not thread-safe. */
  public static final class Builder {
    private Facts facts = Facts.empty();
    private PlannedAction inverse;
    private String restoresItself;
    private String description = "";
    private JsonNode before;

    private Builder() {}

    /** The trusted facts read from the system. */
    public Builder facts(Facts facts) {
      this.facts = Objects.requireNonNull(facts, "facts");
      return this;
    }

    /** The action that undoes this one, or {@code null} when there is none. */
    public Builder inverse(PlannedAction inverse) {
      this.inverse = inverse;
      return this;
    }

    /**
     * Says the change needs no inverse because it restores itself, and why (see {@link
     * Preparation#restoresItself()}); {@code null} to take it back.
     */
    public Builder restoresItself(String why) {
      this.restoresItself = why;
      return this;
    }

    /** What the action will do, for people. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** A snapshot of the state before the change, or {@code null}. */
    public Builder before(JsonNode before) {
      this.before = before;
      return this;
    }

    /** The preparation. */
    public Preparation build() {
      return new Preparation(this);
    }
  }
}
