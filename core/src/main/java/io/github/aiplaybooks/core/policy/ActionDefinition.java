package io.github.aiplaybooks.core.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One action of an {@link ActionCatalog}: its canonical name, the other names it goes by, its
 * {@link Effect} and the rate-limit category its executions count against.
 *
 * <pre>{@code
 * ActionDefinition restart = ActionDefinition.builder("restart_pod")
 *     .aliases("delete_pod")
 *     .effect(Effect.MUTATE)
 *     .rateLimitCategory("pod_restarts")
 *     .build();
 * ActionDefinition get = ActionDefinition.read("get");
 * }</pre>
 *
 * <p>Names and aliases are identifiers of the condition language, so that a policy can write {@code
 * action IN ['restart_pod']}. Immutable; two definitions are equal when all their parts are.
 */
public final class ActionDefinition {
  private final String name;
  private final Set<String> aliases;
  private final Effect effect;
  private final String rateLimitCategory;
  private final boolean changesReplicas;

  private ActionDefinition(Builder b) {
    this.name = b.name;
    this.aliases = Collections.unmodifiableSet(new LinkedHashSet<>(b.aliases));
    this.effect = b.effect;
    this.rateLimitCategory = b.rateLimitCategory;
    this.changesReplicas = b.changesReplicas;
  }

  /**
   * A builder for the action {@code name}, a {@link Effect#MUTATE} action with no aliases and no
   * rate-limit category until set.
   *
   * @throws IllegalArgumentException if {@code name} is not an identifier
   */
  public static Builder builder(String name) {
    return new Builder(Names.requireIdentifier(name, "name"));
  }

  /** A {@link Effect#READ} action with no rate-limit category. */
  public static ActionDefinition read(String name, String... aliases) {
    return builder(name).aliases(aliases).effect(Effect.READ).build();
  }

  /** A builder that starts with this definition. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.aliases.addAll(aliases);
    b.effect = effect;
    b.rateLimitCategory = rateLimitCategory;
    b.changesReplicas = changesReplicas;
    return b;
  }

  /** The canonical name, such as {@code restart_pod}. */
  public String name() {
    return name;
  }

  /** The other names the action goes by, such as {@code delete_pod}; may be empty. */
  public Set<String> aliases() {
    return aliases;
  }

  /** What the action does. */
  public Effect effect() {
    return effect;
  }

  /** The rate-limit category its executions count against, such as {@code pod_restarts}. */
  public Optional<String> rateLimitCategory() {
    return Optional.ofNullable(rateLimitCategory);
  }

  /**
   * Whether the action changes a replica count, as {@code scale_deployment} does (or {@code
   * scale_nodegroup}, whose replicas are nodes). For such an action the engine computes the facts
   * {@code scale_up} and {@code scale_down} from {@code replicas} and {@code target_replicas}, and
   * leaves them missing (so that rules fail closed) when those are not given; for any other action
   * both are 0.
   */
  public boolean changesReplicas() {
    return changesReplicas;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ActionDefinition)) {
      return false;
    }
    ActionDefinition d = (ActionDefinition) o;
    return name.equals(d.name)
        && aliases.equals(d.aliases)
        && effect == d.effect
        && Objects.equals(rateLimitCategory, d.rateLimitCategory)
        && changesReplicas == d.changesReplicas;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, aliases, effect, rateLimitCategory, changesReplicas);
  }

  /** {@code restart_pod (delete_pod) MUTATE pod_restarts}. */
  @Override
  public String toString() {
    return name
        + (aliases.isEmpty() ? "" : " (" + String.join(", ", aliases) + ")")
        + " "
        + effect
        + (rateLimitCategory == null ? "" : " " + rateLimitCategory)
        + (changesReplicas ? " changes-replicas" : "");
  }

  /** Builds an {@link ActionDefinition}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Set<String> aliases = new LinkedHashSet<>();
    private Effect effect = Effect.MUTATE;
    private String rateLimitCategory;
    private boolean changesReplicas;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds other names for the action.
     *
     * @throws IllegalArgumentException if an alias is not an identifier or is the name itself
     */
    public Builder aliases(String... aliases) {
      for (String alias : aliases) {
        Names.requireIdentifier(alias, "aliases");
        if (alias.equals(name)) {
          throw new IllegalArgumentException("aliases: '" + alias + "' is the action's own name");
        }
        this.aliases.add(alias);
      }
      return this;
    }

    /** Sets what the action does; {@link Effect#MUTATE} unless set. */
    public Builder effect(Effect effect) {
      this.effect = Objects.requireNonNull(effect, "effect");
      return this;
    }

    /**
     * Sets the rate-limit category the action's executions count against, or {@code null} for none.
     *
     * @throws IllegalArgumentException if {@code category} is not an identifier
     */
    public Builder rateLimitCategory(String category) {
      this.rateLimitCategory =
          category == null ? null : Names.requireIdentifier(category, "rateLimitCategory");
      return this;
    }

    /** Sets whether the action changes a replica count (see {@link #changesReplicas()}). */
    public Builder changesReplicas(boolean changesReplicas) {
      this.changesReplicas = changesReplicas;
      return this;
    }

    /** The definition. */
    public ActionDefinition build() {
      return new ActionDefinition(this);
    }
  }
}
