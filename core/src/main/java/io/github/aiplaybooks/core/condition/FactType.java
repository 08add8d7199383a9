package io.github.aiplaybooks.core.condition;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The declared type of a fact in a {@link FactSchema}. With types, {@link Condition#compile(String,
 * FactSchema)} reports comparisons that can never work ({@code blast_radius < 20%} when {@code
 * blast_radius} is a count of pods) at compile time, and evaluation checks that each fact value has
 * its declared type.
 *
 * <pre>{@code
 * FactSchema schema = FactSchema.builder()
 *     .fact("severity", FactType.oneOf(List.of("P0", "P1", "P2")))
 *     .fact("off_hours", FactType.BOOLEAN)
 *     .fact("blast_radius", FactType.count("pods"))
 *     .fact("cost_increase", FactType.RATIO)
 *     .build();
 * }</pre>
 *
 * <p>A plain number is accepted wherever a quantity (ratio, duration, money, count) is declared and
 * is read in its base unit. Instances are immutable.
 */
public final class FactType {

  /** The kinds of fact. */
  public enum Kind {
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A plain number. */
    NUMBER,
    /** A string; a symbol such as {@code P0} is a string. */
    STRING,
    /** A ratio, such as {@code 20%} or {@code 2x}. */
    RATIO,
    /** A duration, such as {@code 500ms}. */
    DURATION,
    /** An amount of money, such as {@code $50/month}. */
    MONEY,
    /** A count of some unit, such as {@code 10_pods}. */
    COUNT,
    /** A list of values, for {@code IN}. */
    LIST,
    /** Any value: checked only when the condition is evaluated. */
    ANY
  }

  /** {@code true} or {@code false}. */
  public static final FactType BOOLEAN = new FactType(Kind.BOOLEAN, null, null);

  /** A plain number. */
  public static final FactType NUMBER = new FactType(Kind.NUMBER, null, null);

  /** A string. */
  public static final FactType STRING = new FactType(Kind.STRING, null, null);

  /** A symbol such as {@code P0} or {@code production}: the same as {@link #STRING}. */
  public static final FactType SYMBOL = STRING;

  /** A ratio ({@code 20%}, {@code 2x}), or a plain number read as a ratio (1.0 = 100%). */
  public static final FactType RATIO = new FactType(Kind.RATIO, null, null);

  /** A duration, or a plain number read as milliseconds. */
  public static final FactType DURATION = new FactType(Kind.DURATION, null, null);

  /** An amount of money, or a plain number read as US dollars (per month). */
  public static final FactType MONEY = new FactType(Kind.MONEY, null, null);

  /** A list of values. */
  public static final FactType LIST = new FactType(Kind.LIST, null, null);

  /** Any value. */
  public static final FactType ANY = new FactType(Kind.ANY, null, null);

  private final Kind kind;
  private final String countUnit;

  /** For {@link #oneOf}: every accepted spelling to its canonical value, else {@code null}. */
  private final Map<String, FactValue> canonical;

  private FactType(Kind kind, String countUnit, Map<String, FactValue> canonical) {
    this.kind = kind;
    this.countUnit = countUnit;
    this.canonical = canonical;
  }

  /**
   * A count of {@code unit}, such as {@code count("pods")}; a plain number is read as a count.
   *
   * @throws IllegalArgumentException if {@code unit} is not a word or is a time unit
   */
  public static FactType count(String unit) {
    Objects.requireNonNull(unit, "unit");
    if (!LiteralScanner.isCountUnit(unit)) {
      throw new IllegalArgumentException(
          "unit: '" + unit + "' is not a count unit (a word such as pods; not a time unit)");
    }
    return new FactType(Kind.COUNT, unit, null);
  }

  /**
   * A string that is one of {@code values}. Conditions that compare the fact with any other string
   * or symbol fail to compile, naming the closest value; a fact value outside the set is a type
   * error at evaluation.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static FactType oneOf(Collection<String> values) {
    Map<String, String> identity = new LinkedHashMap<>();
    for (String v : values) {
      identity.put(Objects.requireNonNull(v, "values: null element"), v);
    }
    return oneOf(identity);
  }

  /**
   * A string that is one of a set of canonical values, each of which may have other spellings
   * (aliases). {@code canonicalBySpelling} maps every accepted spelling to its canonical value;
   * canonical values are accepted as themselves. Literals in conditions and fact values are read as
   * their canonical value, so {@code action == change_rbac} holds when the fact {@code action} is
   * {@code modify_rbac}.
   *
   * <pre>{@code
   * FactType.oneOf(Map.of("delete_pod", "restart_pod", "change_rbac", "modify_rbac"));
   * }</pre>
   *
   * @throws IllegalArgumentException if the map is empty
   */
  public static FactType oneOf(Map<String, String> canonicalBySpelling) {
    if (canonicalBySpelling.isEmpty()) {
      throw new IllegalArgumentException("values: a oneOf type needs at least one value");
    }
    Map<String, FactValue> interned = new HashMap<>();
    Map<String, FactValue> canonical = new LinkedHashMap<>();
    for (String value : new LinkedHashSet<>(canonicalBySpelling.values())) {
      FactValue v = FactValue.ofString(Objects.requireNonNull(value, "values: null value"));
      interned.put(value, v);
      canonical.put(value, v);
    }
    canonicalBySpelling.forEach(
        (spelling, value) ->
            canonical.putIfAbsent(
                Objects.requireNonNull(spelling, "values: null spelling"), interned.get(value)));
    return new FactType(Kind.STRING, null, Collections.unmodifiableMap(canonical));
  }

  /** The kind of fact. */
  public Kind kind() {
    return kind;
  }

  /** The unit of a {@link Kind#COUNT}, such as {@code pods}. */
  public Optional<String> countUnit() {
    return Optional.ofNullable(countUnit);
  }

  /** The canonical values of a {@link #oneOf} type; empty for any other type. */
  public Set<String> values() {
    if (canonical == null) {
      return Set.of();
    }
    Set<String> values = new LinkedHashSet<>();
    canonical.values().forEach(v -> values.add(v.str));
    return Collections.unmodifiableSet(values);
  }

  /**
   * The accepted spelling of a {@link #oneOf} type closest to {@code value}, if one is close enough
   * to be a likely typo: for "did you mean" hints. Empty for any other type.
   */
  public Optional<String> closestValue(String value) {
    Objects.requireNonNull(value, "value");
    if (canonical == null) {
      return Optional.empty();
    }
    return Suggestions.closest(value, canonical.keySet());
  }

  /**
   * Why {@code value} (a value of the form {@link Facts#get} gives) does not have this type, or
   * empty if it does: such as {@code "is a string (lots)"}.
   */
  Optional<String> violation(FactValue v) {
    if (isNegativeCount(v)) {
      return Optional.of("is " + v.display() + ": a count is never negative");
    }
    if (!accepts(v)) {
      return Optional.of("is " + v.describe() + " (" + v.display() + ")");
    }
    if (canonical != null && canonical.get(v.str) == null) {
      String suggestion = Suggestions.closestOrNull(v.str, canonical.keySet());
      return Optional.of(
          "is '"
              + v.str
              + "'"
              + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : ""));
    }
    return Optional.empty();
  }

  /** Whether {@code v} is a number this count type would accept but for being negative. */
  boolean isNegativeCount(FactValue v) {
    return kind == Kind.COUNT
        && v.kind == FactValue.NUM
        && v.num < 0
        && (v.dim == FactValue.NUMBER || (v.dim == FactValue.COUNT && countUnit.equals(v.unit)));
  }

  /** Every accepted spelling of a {@link #oneOf} type to its canonical value, else {@code null}. */
  Map<String, FactValue> canonical() {
    return canonical;
  }

  /** Whether a value has this type and, for a {@link #oneOf} type, is one of its spellings. */
  boolean admits(FactValue v) {
    return accepts(v) && (canonical == null || canonical.get(v.str) != null);
  }

  /** Whether a value has this type (a plain number has every quantity type). */
  boolean accepts(FactValue v) {
    switch (kind) {
      case ANY:
        return true;
      case BOOLEAN:
        return v.kind == FactValue.BOOL;
      case STRING:
        return v.kind == FactValue.STR;
      case LIST:
        return v.kind == FactValue.LIST;
      case NUMBER:
        return v.kind == FactValue.NUM && v.dim == FactValue.NUMBER;
      case COUNT:
        return v.kind == FactValue.NUM
            && v.num >= 0
            && (v.dim == FactValue.NUMBER
                || (v.dim == FactValue.COUNT && countUnit.equals(v.unit)));
      default:
        return v.kind == FactValue.NUM
            && (v.dim == FactValue.NUMBER || v.dim == dimension().ordinal());
    }
  }

  /** The dimension of a quantity kind, or {@code null}. */
  Quantity.Dimension dimension() {
    switch (kind) {
      case NUMBER:
        return Quantity.Dimension.NUMBER;
      case RATIO:
        return Quantity.Dimension.RATIO;
      case DURATION:
        return Quantity.Dimension.DURATION;
      case MONEY:
        return Quantity.Dimension.MONEY;
      case COUNT:
        return Quantity.Dimension.COUNT;
      default:
        return null;
    }
  }

  /** "a boolean", "a count of pods", "one of P0, P1": for messages. */
  String describe() {
    switch (kind) {
      case BOOLEAN:
        return "a boolean";
      case NUMBER:
        return "a number";
      case STRING:
        return canonical == null ? "a string" : "one of " + String.join(", ", values());
      case RATIO:
        return "a ratio";
      case DURATION:
        return "a duration";
      case MONEY:
        return "an amount of money";
      case COUNT:
        return "a count of " + countUnit;
      case LIST:
        return "a list";
      default:
        return "any value";
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FactType)) {
      return false;
    }
    FactType t = (FactType) o;
    return kind == t.kind
        && Objects.equals(countUnit, t.countUnit)
        && Objects.equals(spellings(), t.spellings());
  }

  private Map<String, String> spellings() {
    if (canonical == null) {
      return null;
    }
    Map<String, String> m = new HashMap<>();
    canonical.forEach((k, v) -> m.put(k, v.str));
    return m;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, countUnit, canonical == null ? null : canonical.keySet());
  }

  /** {@code BOOLEAN}, {@code COUNT(pods)}, {@code STRING[P0, P1]}. */
  @Override
  public String toString() {
    if (countUnit != null) {
      return kind + "(" + countUnit + ")";
    }
    if (canonical != null) {
      return kind + values().toString();
    }
    return kind.toString();
  }
}
