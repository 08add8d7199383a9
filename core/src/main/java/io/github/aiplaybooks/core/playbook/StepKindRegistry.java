package io.github.aiplaybooks.core.playbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@link StepKind} of an action. For an action name it takes, in order:
 *
 * <ol>
 *   <li>a kind registered explicitly with {@link Builder#register};
 *   <li>a built-in kind (the seed's 29 actions);
 *   <li>the one kind found through {@link ServiceLoader} ({@code
 *       META-INF/services/io.github.aiplaybooks.core.playbook.StepKind}), when discovery is on.
 * </ol>
 *
 * <p>No kind is a {@link StepKindException} ({@value StepKindException#UNKNOWN}) that lists the
 * known actions and the closest one; several discovered kinds for one name and no explicit one is a
 * {@link StepKindException} ({@value StepKindException#AMBIGUOUS}) that lists them.
 *
 * <pre>{@code
 * StepKindRegistry kinds = StepKindRegistry.builder().register(new OpenTicket()).build();
 * Playbook p = Playbook.builder().stepKinds(kinds)...build();
 * StepKindRegistry.defaults().kind("receive_alert").specType();   // ReceiveSpec.class
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StepKindRegistry {
  private static volatile StepKindRegistry defaults;

  private final Map<String, StepKind> explicit;
  private final Map<String, List<StepKind>> discovered;

  private StepKindRegistry(Map<String, StepKind> explicit, Map<String, List<StepKind>> discovered) {
    this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
    Map<String, List<StepKind>> d = new LinkedHashMap<>();
    discovered.forEach((k, v) -> d.put(k, List.copyOf(v)));
    this.discovered = Collections.unmodifiableMap(d);
  }

  /** The built-in kinds only. */
  public static StepKindRegistry builtIns() {
    return new StepKindRegistry(Map.of(), Map.of());
  }

  /**
   * The built-in kinds and those found through {@link ServiceLoader} with this class's class
   * loader; discovered once, then shared.
   */
  public static StepKindRegistry defaults() {
    StepKindRegistry d = defaults;
    if (d == null) {
      d = builder().discover(StepKindRegistry.class.getClassLoader()).build();
      defaults = d;
    }
    return d;
  }

  /** A new builder: built-in kinds, nothing registered, no discovery. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The kind of {@code action}.
   *
   * @throws StepKindException if no kind is known for it, or several were discovered
   */
  public StepKind kind(String action) {
    Objects.requireNonNull(action, "action");
    StepKind k = explicit.get(action);
    if (k == null) {
      k = BuiltInStepKind.ALL.get(action);
    }
    if (k != null) {
      return k;
    }
    List<StepKind> found = discovered.getOrDefault(action, List.of());
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      Set<String> known = actions();
      throw new StepKindException(
          StepKindException.UNKNOWN,
          action,
          new ArrayList<>(known),
          "unknown action '"
              + action
              + "'"
              + Names.didYouMean(action, known)
              + "; known actions: "
              + Names.list(known)
              + " (register a StepKind to add one)");
    }
    List<String> classes = new ArrayList<>();
    found.forEach(f -> classes.add(f.getClass().getName()));
    throw new StepKindException(
        StepKindException.AMBIGUOUS,
        action,
        classes,
        "several step kinds for action '"
            + action
            + "' were found on the class path: "
            + String.join(", ", new TreeSet<>(classes))
            + "; register the one to use with StepKindRegistry.builder().register(...)");
  }

  /** Whether {@code action} is one of the seed's built-in actions. */
  public static boolean isBuiltIn(String action) {
    return BuiltInStepKind.ALL.containsKey(action);
  }

  /** Every action this registry can resolve or name as a candidate, sorted. */
  public Set<String> actions() {
    Set<String> names = new TreeSet<>(BuiltInStepKind.ALL.keySet());
    names.addAll(explicit.keySet());
    names.addAll(discovered.keySet());
    return Collections.unmodifiableSet(names);
  }

  /** Registers kinds and turns on discovery. Not thread-safe. */
  public static final class Builder {
    private final Map<String, StepKind> explicit = new LinkedHashMap<>();
    private final Map<String, List<StepKind>> discovered = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers {@code kind}; it wins over any discovered kind of the same action.
     *
     * @throws IllegalArgumentException if the action is built in, already registered, or not a
     *     valid action name, or the kind's spec type is not {@link CustomSpec}
     */
    public Builder register(StepKind kind) {
      Objects.requireNonNull(kind, "kind");
      String action = checked(kind);
      if (explicit.containsKey(action)) {
        throw new IllegalArgumentException(
            "kind: action '"
                + action
                + "' is registered twice: "
                + explicit.get(action)
                + ", "
                + kind);
      }
      explicit.put(action, kind);
      return this;
    }

    /**
     * Adds the kinds {@link ServiceLoader} finds with {@code loader}.
     *
     * @throws IllegalArgumentException if a discovered kind is invalid, naming its class
     */
    public Builder discover(ClassLoader loader) {
      for (StepKind kind : ServiceLoader.load(StepKind.class, loader)) {
        discovered.computeIfAbsent(checked(kind), a -> new ArrayList<>()).add(kind);
      }
      return this;
    }

    private static String checked(StepKind kind) {
      String action = kind.action();
      if (!Names.isStepName(action)) {
        throw new IllegalArgumentException(
            "kind: "
                + kind.getClass().getName()
                + " has an invalid action name '"
                + action
                + "' (lower case letters, digits and _, starting with a letter)");
      }
      if (BuiltInStepKind.ALL.containsKey(action)) {
        throw new IllegalArgumentException(
            "kind: action '"
                + action
                + "' is built in; "
                + kind.getClass().getName()
                + " cannot replace it");
      }
      if (kind.specType() != CustomSpec.class) {
        throw new IllegalArgumentException(
            "kind: "
                + kind.getClass().getName()
                + " must take CustomSpec parameters, not "
                + kind.specType());
      }
      Set<String> params = new LinkedHashSet<>(kind.parameters());
      for (String p : params) {
        if (p.equals("action") || p.startsWith("x-")) {
          throw new IllegalArgumentException(
              "kind: " + kind.getClass().getName() + " cannot take the parameter '" + p + "'");
        }
      }
      return action;
    }

    /** The registry. */
    public StepKindRegistry build() {
      return new StepKindRegistry(explicit, discovered);
    }
  }
}
