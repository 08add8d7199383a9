package io.github.aiplaybooks.core.condition;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The named values conditions read: booleans, numbers, strings, quantities and lists of those.
 * Values are converted when the facts are built, so that evaluating a condition never parses or
 * allocates:
 *
 * <ul>
 *   <li>a string that is entirely a quantity literal with a unit ({@code "12%"}, {@code "350ms"},
 *       {@code "$65/month"}, {@code "10_pods"}) is that {@link Quantity}; other strings (also
 *       {@code "12"}) stay strings;
 *   <li>a number is a plain-number {@link Quantity}, read in the base unit of whatever quantity it
 *       is compared with;
 *   <li>a {@link Duration} is a duration quantity; an enum constant is its name;
 *   <li>a list holds values of the above, not lists;
 *   <li>{@code null} (from a map or JSON) means the fact is absent.
 * </ul>
 *
 * <pre>{@code
 * Facts trusted = Facts.builder()
 *     .put("action", "restart_pod")
 *     .put("blast_radius", 3)
 *     .put("off_hours", true)
 *     .build();
 * Facts facts = trusted.withDefaults(Facts.of(Map.of("off_hours", false, "severity", "P2")));
 * Facts fromFile = Facts.fromJson(mapper.readTree(file).get("facts"));
 * }</pre>
 *
 * <p>Compiling a condition gives the fact names it reads a small index, and facts built afterwards
 * keep those facts in an array; so build facts after compiling the conditions that read them (a
 * policy at start-up, facts per request) and each read is an array access. Facts built earlier give
 * the same results, read by name.
 *
 * <p>Immutable and thread-safe.
 */
public final class Facts {
  private static final Facts EMPTY = new Facts(new LinkedHashMap<>());

  /** The names, values and {@link FactIds} ids (or -1) of the facts, in the order added. */
  private final String[] names;

  private final FactValue[] vals;
  private final int[] ids;

  /**
   * The facts whose names have a {@link FactIds} id, indexed by it, up to the highest such id
   * present; ids from {@link #slots}{@code .length} up to {@link #idsKnown} are absent facts.
   */
  private final FactValue[] slots;

  /** How many ids existed when these facts were built; later ids are read from the map. */
  private final int idsKnown;

  /**
   * The facts by name. Facts made by {@link #withDefaults} make it on first use, since the
   * evaluator reads them by id; the race to make it is benign (equal maps, safely published).
   */
  private volatile LinkedHashMap<String, FactValue> byName;

  private Facts(LinkedHashMap<String, FactValue> values) {
    this.byName = values;
    int known = FactIds.count();
    int n = values.size();
    String[] ns = new String[n];
    FactValue[] vs = new FactValue[n];
    int[] is = new int[n];
    int max = -1;
    int i = 0;
    for (Map.Entry<String, FactValue> e : values.entrySet()) {
      int id = FactIds.idOf(e.getKey());
      // An id given out after count() was read is left to the map.
      int usable = id < known ? id : -1;
      ns[i] = e.getKey();
      vs[i] = e.getValue();
      is[i] = usable;
      max = Math.max(max, usable);
      i++;
    }
    FactValue[] s = new FactValue[max + 1];
    for (i = 0; i < n; i++) {
      if (is[i] >= 0) {
        s[is[i]] = vs[i];
      }
    }
    this.names = ns;
    this.vals = vs;
    this.ids = is;
    this.slots = s;
    this.idsKnown = known;
  }

  private Facts(String[] names, FactValue[] vals, int[] ids, FactValue[] slots, int idsKnown) {
    this.names = names;
    this.vals = vals;
    this.ids = ids;
    this.slots = slots;
    this.idsKnown = idsKnown;
  }

  private LinkedHashMap<String, FactValue> byName() {
    LinkedHashMap<String, FactValue> m = byName;
    if (m == null) {
      m = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], vals[i]);
      }
      byName = m;
    }
    return m;
  }

  /** No facts. */
  public static Facts empty() {
    return EMPTY;
  }

  /**
   * Facts from a map; a {@code null} value means the fact is absent.
   *
   * @throws ConditionTypeException if a value cannot be a fact (see the class description)
   */
  public static Facts of(Map<String, ?> values) {
    Builder b = builder();
    values.forEach(
        (name, value) -> {
          if (value != null) {
            b.put(name, value);
          }
        });
    return b.build();
  }

  /**
   * Facts from a JSON object: each property a fact, whose value is a number, boolean, string or an
   * array of those; {@code null} means absent.
   *
   * @throws ConditionTypeException if {@code object} is not an object or a value cannot be a fact;
   *     the message names the JSON pointer (relative to {@code object}), such as {@code /tags/2}
   */
  public static Facts fromJson(JsonNode object) {
    return fromJson(object, "");
  }

  /**
   * Facts from a JSON object found at {@code pointer} in a larger document, so that errors name the
   * whole pointer: {@code Facts.fromJson(action.get("facts"), "/facts")} reports {@code
   * /facts/tags/2}.
   *
   * @param pointer the JSON pointer of {@code object}, such as {@code "/facts"}, or {@code ""}
   * @throws ConditionTypeException if {@code object} is not an object or a value cannot be a fact
   */
  public static Facts fromJson(JsonNode object, String pointer) {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(pointer, "pointer");
    if (!object.isObject()) {
      throw new ConditionTypeException(
          (pointer.isEmpty() ? "facts" : "facts at " + pointer)
              + " must be a JSON object of name to value, was "
              + object.getNodeType());
    }
    LinkedHashMap<String, FactValue> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (!e.getValue().isNull()) {
        String at = JsonPointers.child(pointer, e.getKey());
        values.put(e.getKey(), FactValue.fromJson(e.getValue(), at));
      }
    }
    return new Facts(values);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>(), false);
  }

  /** A builder that starts with these facts. */
  public Builder toBuilder() {
    return new Builder(byName(), true);
  }

  /**
   * These facts, plus each fact of {@code defaults} whose name is absent here. Use it to layer
   * computed defaults under trusted facts: {@code trusted.withDefaults(computed)}. Built after the
   * conditions that read them were compiled, both are merged by copying a few arrays.
   */
  public Facts withDefaults(Facts defaults) {
    Objects.requireNonNull(defaults, "defaults");
    int extra = defaults.names.length;
    if (extra == 0) {
      return this;
    }
    int known = FactIds.count();
    if (idsKnown != known || defaults.idsKnown != known) {
      LinkedHashMap<String, FactValue> merged = new LinkedHashMap<>(byName());
      defaults.byName().forEach(merged::putIfAbsent);
      return new Facts(merged);
    }
    // Both were built with every id there is, so a fact with an id is present iff its slot is.
    int n = names.length;
    String[] ns = Arrays.copyOf(names, n + extra);
    FactValue[] vs = Arrays.copyOf(vals, n + extra);
    int[] is = Arrays.copyOf(ids, n + extra);
    int count = n;
    int max = slots.length - 1;
    for (int k = 0; k < extra; k++) {
      int id = defaults.ids[k];
      String name = defaults.names[k];
      boolean present =
          id >= 0 ? id < slots.length && slots[id] != null : byName().containsKey(name);
      if (!present) {
        ns[count] = name;
        vs[count] = defaults.vals[k];
        is[count] = id;
        count++;
        max = Math.max(max, id);
      }
    }
    if (count == n) {
      return this;
    }
    FactValue[] s = Arrays.copyOf(slots, max + 1);
    for (int k = n; k < count; k++) {
      if (is[k] >= 0) {
        s[is[k]] = vs[k];
      }
    }
    if (count < n + extra) {
      ns = Arrays.copyOf(ns, count);
      vs = Arrays.copyOf(vs, count);
      is = Arrays.copyOf(is, count);
    }
    return new Facts(ns, vs, is, s, known);
  }

  /** Whether the fact {@code name} is present. */
  public boolean contains(String name) {
    return byName().containsKey(name);
  }

  /**
   * The value of {@code name}: a {@link Boolean}, {@link String}, {@link Quantity} (numbers too) or
   * an unmodifiable {@link java.util.List} of those; empty if absent.
   */
  public Optional<Object> get(String name) {
    FactValue v = byName().get(name);
    return v == null ? Optional.empty() : Optional.of(v.value());
  }

  /** The names of the facts present, in the order they were added. */
  public Set<String> names() {
    return Collections.unmodifiableSet(byName().keySet());
  }

  /** How many facts are present. */
  public int size() {
    return names.length;
  }

  /** The name of the {@code i}-th fact, in the order added. */
  String nameAt(int i) {
    return names[i];
  }

  /** The value of the {@code i}-th fact, in the order added. */
  FactValue valueAt(int i) {
    return vals[i];
  }

  /** The value the evaluator reads, or {@code null} if absent. Does not allocate. */
  FactValue lookup(String name) {
    return byName().get(name);
  }

  /**
   * The value of the fact with {@link FactIds} id {@code id} (or -1) and name {@code name}, or
   * {@code null} if absent: an array read when the id is known to these facts.
   */
  FactValue lookup(String name, int id) {
    if (id >= 0) {
      if (id < slots.length) {
        return slots[id];
      }
      if (id < idsKnown) {
        return null;
      }
    }
    return byName().get(name);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Facts)) {
      return false;
    }
    Map<String, FactValue> other = ((Facts) o).byName();
    if (other.size() != names.length) {
      return false;
    }
    for (Map.Entry<String, FactValue> e : byName().entrySet()) {
      FactValue v = other.get(e.getKey());
      if (v == null || !v.value().equals(e.getValue().value())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, FactValue> e : byName().entrySet()) {
      h += e.getKey().hashCode() ^ e.getValue().value().hashCode();
    }
    return h;
  }

  /** {@code {action=restart_pod, blast_radius=3, cost_increase=12%}}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(names[i]).append('=').append(vals[i].display());
    }
    return b.append('}').toString();
  }

  /** Collects facts. Not thread-safe; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private LinkedHashMap<String, FactValue> values;

    /** Whether {@link #values} is shared with built facts, so must be copied before a change. */
    private boolean shared;

    private Builder(LinkedHashMap<String, FactValue> values, boolean shared) {
      this.values = values;
      this.shared = shared;
    }

    private LinkedHashMap<String, FactValue> writable() {
      if (shared) {
        values = new LinkedHashMap<>(values);
        shared = false;
      }
      return values;
    }

    /** Sets a boolean fact. */
    public Builder put(String name, boolean value) {
      return set(name, FactValue.of(value));
    }

    /**
     * Sets a number fact.
     *
     * @throws ConditionTypeException if {@code value} is not finite
     */
    public Builder put(String name, double value) {
      if (!Double.isFinite(value)) {
        throw new ConditionTypeException(
            "fact '" + name + "': " + value + " is not a finite number");
      }
      return set(name, FactValue.ofNumber(value));
    }

    /** Sets a string fact; a quantity literal such as {@code "12%"} becomes that quantity. */
    public Builder put(String name, String value) {
      return set(name, FactValue.ofFactString(Objects.requireNonNull(value, "value")));
    }

    /** Sets a quantity fact. */
    public Builder put(String name, Quantity value) {
      return set(name, FactValue.of(Objects.requireNonNull(value, "value")));
    }

    /** Sets a duration fact. */
    public Builder put(String name, Duration value) {
      return set(name, FactValue.of(Quantity.duration(value)));
    }

    /**
     * Sets a fact from any supported Java value: Boolean, Number, CharSequence, Quantity, Duration,
     * Enum, or a Collection or array of those.
     *
     * @throws ConditionTypeException if {@code value} cannot be a fact
     */
    public Builder put(String name, Object value) {
      Objects.requireNonNull(name, "name");
      return set(name, FactValue.fromJava(Objects.requireNonNull(value, "value"), name));
    }

    /** Sets a fact only if it is absent, as {@link #put(String, Object)} would. */
    public Builder putIfAbsent(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (!values.containsKey(name)) {
        put(name, value);
      }
      return this;
    }

    /** Sets every fact of {@code facts}, replacing facts of the same name. */
    public Builder putAll(Facts facts) {
      writable().putAll(facts.byName());
      return this;
    }

    /** Removes a fact, if present. */
    public Builder remove(String name) {
      writable().remove(name);
      return this;
    }

    private Builder set(String name, FactValue v) {
      writable().put(Objects.requireNonNull(name, "name"), v);
      return this;
    }

    /** The facts. The builder can be used further without affecting them. */
    public Facts build() {
      // The facts take the map; the next change to this builder copies it first.
      shared = true;
      return new Facts(values);
    }
  }
}
