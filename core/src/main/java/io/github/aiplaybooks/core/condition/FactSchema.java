package io.github.aiplaybooks.core.condition;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The facts a condition may read, each with a {@link FactType}. Compiling against a schema ({@link
 * Condition#compile(String, FactSchema)}) turns a misspelt fact into a compile-time {@link
 * UnknownFactException} with a suggestion, reads undeclared names on the right of {@code ==},
 * {@code !=} and {@code IN} as symbols, and, with types, reports type errors at compile time.
 *
 * <pre>{@code
 * FactSchema schema = FactSchema.builder()
 *     .fact("severity", FactType.SYMBOL)
 *     .fact("off_hours", FactType.BOOLEAN)
 *     .fact("blast_radius", FactType.count("pods"))
 *     .fact("namespace")                     // any type
 *     .build();
 * Condition c = Condition.compile("severity == P0 AND off_hours", schema);
 * }</pre>
 *
 * <p>Immutable; build with {@link #builder()} or {@link #of(String...)}.
 */
public final class FactSchema {
  private final Map<String, FactType> types;

  private FactSchema(Map<String, FactType> types) {
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
  }

  /** A schema declaring {@code names}, each of {@link FactType#ANY} type. */
  public static FactSchema of(String... names) {
    Builder b = builder();
    for (String name : names) {
      b.fact(name);
    }
    return b.build();
  }

  /** A schema declaring {@code names}, each of {@link FactType#ANY} type. */
  public static FactSchema of(Collection<String> names) {
    Builder b = builder();
    names.forEach(b::fact);
    return b.build();
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder(Map.of());
  }

  /** A builder that starts with this schema's declarations. */
  public Builder toBuilder() {
    return new Builder(types);
  }

  /** Whether {@code name} is declared. */
  public boolean declares(String name) {
    return types.containsKey(name);
  }

  /** The declared type of {@code name}, if it is declared. */
  public Optional<FactType> type(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** The declared names, in the order they were declared. */
  public Set<String> names() {
    return types.keySet();
  }

  /** The declared name closest to {@code name}, if one is close enough to be a likely typo. */
  public Optional<String> closestName(String name) {
    return Suggestions.closest(name, types.keySet());
  }

  /**
   * The facts in {@code facts} whose values do not have their declared type, each to what is wrong,
   * in the order of {@code facts}; empty when every declared fact present is well typed. Undeclared
   * facts are not checked. Conditions check the facts they read when they read them; this checks
   * them all at once, for loaders that report bad input before deciding anything.
   *
   * <pre>{@code
   * schema.violations(Facts.of(Map.of("blast_radius", "lots")));
   * // {blast_radius=is declared as a count of pods but is a string (lots)}
   * }</pre>
   */
  public Map<String, String> violations(Facts facts) {
    Objects.requireNonNull(facts, "facts");
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : facts.names()) {
      FactType type = types.get(name);
      if (type == null || type.kind() == FactType.Kind.ANY) {
        continue;
      }
      type.violation(facts.lookup(name))
          .ifPresent(what -> out.put(name, "is declared as " + type.describe() + " but " + what));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Whether every declared fact present in {@code facts} has its declared type: {@link #violations}
   * is empty. Does not allocate, so a policy engine can check every request's facts.
   */
  public boolean conforms(Facts facts) {
    Objects.requireNonNull(facts, "facts");
    for (int i = 0, n = facts.size(); i < n; i++) {
      FactType type = types.get(facts.nameAt(i));
      if (type != null && type.kind() != FactType.Kind.ANY && !type.admits(facts.valueAt(i))) {
        return false;
      }
    }
    return true;
  }

  FactType typeOrNull(String name) {
    return types.get(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FactSchema && types.equals(((FactSchema) o).types);
  }

  @Override
  public int hashCode() {
    return types.hashCode();
  }

  @Override
  public String toString() {
    return "FactSchema" + types;
  }

  /** Declares facts. Not thread-safe; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private final Map<String, FactType> types;

    private Builder(Map<String, FactType> types) {
      this.types = new LinkedHashMap<>(types);
    }

    /** Declares {@code name} with {@link FactType#ANY} type. */
    public Builder fact(String name) {
      return fact(name, FactType.ANY);
    }

    /**
     * Declares {@code name} with {@code type}, replacing an earlier declaration of the same name.
     *
     * @throws IllegalArgumentException if {@code name} is not an {@linkplain Identifiers
     *     identifier}
     */
    public Builder fact(String name, FactType type) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Identifiers.requireIdentifier(name, "name");
      types.put(name, type);
      return this;
    }

    /** The schema. */
    public FactSchema build() {
      return new FactSchema(types);
    }
  }
}
