package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.FactSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one step (or the routing tree) may read, and where each name's value comes from: the facts
 * its conditions may read with their types ({@link #facts()}), the {@code ${variables}} its
 * templates and tool references may read ({@link #variables()}), and the {@link FactOrigin} of
 * every name.
 *
 * <h2>Model outputs never stand in for trusted facts</h2>
 *
 * <p>A name that is a {@linkplain StandardFacts standard fact}, a name of the trigger's context or
 * an input always reads that trusted value. When a step's {@code extract} or {@code output} (or any
 * output of its kind) has such a name, the playbook still loads as written, and the step's value is
 * readable only as <em>{@code step.name}</em>: the step's name (without its number), a dot, the
 * output's name. So after the seed's
 *
 * <pre>{@code
 * "2_classify": {"action": "analyze_alert",
 *   "extract": ["severity", "type", "affected_resources", "blast_radius"]}
 * }</pre>
 *
 * <p>a later {@code blast_radius < 10_pods} reads the blast radius trusted code computed, and
 * {@code classify.blast_radius} the model's claim; {@code severity} and {@code type} read the
 * alert's own fields, {@code classify.severity} and {@code classify.type} the model's. Every output
 * of every step is also readable by its qualified name; an output whose name collides with nothing
 * trusted is readable by its bare name as well (the last step to produce a name wins).
 *
 * <p>Conditions and templates may both use qualified names ({@code ${classify.type}}).
 *
 * <h2>Asking what a condition reads</h2>
 *
 * <pre>{@code
 * Scope scope = playbook.scope(step);
 * scope.origins(condition);             // {blast_radius=standard fact, ...}
 * scope.modelProducedFacts(condition);  // the model's claims it reads: keep them out of policy
 * scope.readsOnlyTrustedFacts(condition);
 * }</pre>
 *
 * <p>Immutable; equal when facts, variables and origins are.
 */
public final class Scope {
  private final FactSchema facts;
  private final Set<String> variables;
  private final Map<String, FactOrigin> origins;

  Scope(FactSchema facts, Set<String> variables, Map<String, FactOrigin> origins) {
    this.facts = facts;
    this.variables = Collections.unmodifiableSet(new LinkedHashSet<>(variables));
    this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
  }

  /**
   * The facts conditions here may read, with their types; the step's conditions are compiled
   * against it.
   */
  public FactSchema facts() {
    return facts;
  }

  /** The {@code ${variables}} templates and tool references here may read. */
  public Set<String> variables() {
    return variables;
  }

  /**
   * The origin of every name here, facts and variables alike. A name that is both a standard fact
   * (for conditions) and a name of the trigger's context (for templates) has the standard fact's
   * origin; both are trusted.
   */
  public Map<String, FactOrigin> origins() {
    return origins;
  }

  /** Where the value of {@code name} comes from, if the name may be read here. */
  public Optional<FactOrigin> origin(String name) {
    return Optional.ofNullable(origins.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * The origin of each fact {@code condition} reads ({@link Condition#factNames()}), in order. A
   * name this scope does not know is left out; {@link #readsOnlyTrustedFacts} counts it as
   * untrusted.
   */
  public Map<String, FactOrigin> origins(Condition condition) {
    Map<String, FactOrigin> out = new LinkedHashMap<>();
    for (String name : condition.factNames()) {
      FactOrigin o = origins.get(name);
      if (o != null) {
        out.put(name, o);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The facts {@code condition} reads that the model produced: claims, which must never decide a
   * policy question.
   */
  public Set<String> modelProducedFacts(Condition condition) {
    Set<String> out = new LinkedHashSet<>();
    origins(condition)
        .forEach(
            (name, o) -> {
              if (o.modelProduced()) {
                out.add(name);
              }
            });
    return Collections.unmodifiableSet(out);
  }

  /**
   * Whether every fact {@code condition} reads is {@linkplain FactOrigin#trusted() trusted}: a
   * standard fact, the trigger's context or an input (fail closed: a name not known here is not).
   */
  public boolean readsOnlyTrustedFacts(Condition condition) {
    for (String name : condition.factNames()) {
      FactOrigin o = origins.get(name);
      if (o == null || !o.trusted()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scope
        && facts.equals(((Scope) o).facts)
        && variables.equals(((Scope) o).variables)
        && origins.equals(((Scope) o).origins);
  }

  @Override
  public int hashCode() {
    return Objects.hash(facts, variables, origins);
  }

  @Override
  public String toString() {
    return "Scope" + origins;
  }
}
