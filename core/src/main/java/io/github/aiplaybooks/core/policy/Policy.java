package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.ConditionException;
import io.github.aiplaybooks.core.condition.FactSchema;
import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.Rate;
import io.github.aiplaybooks.core.condition.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What may run without a human, what needs one, and how often: the seed's safety controls and
 * approval step in one immutable object, which a {@link PolicyEngine} applies.
 *
 * <p>Its JSON is one object with any of these keys (the first six are the seed's):
 *
 * <pre>{@code
 * {
 *   "rate_limits":      {"pod_restarts": "5 per hour", "nodes_terminated": "2 per hour",
 *                        "deployments_modified": {"limit": "3 per hour", "per": "target"}},
 *   "require_approval": ["delete_node", "change_rbac", "scale_down > 50%"],
 *   "require_human_if": ["blast_radius > 50_pods"],
 *   "auto_approve":     ["restart_pod", "scale_up < 2x"],
 *   "auto_approve_if":  ["severity == P0 AND off_hours == true", "blast_radius < 10_pods"],
 *   "emergency_stop":   false,
 *   "business_hours":   {"days": "MON-FRI", "start": "09:00", "end": "17:00", "zone": "UTC"},
 *   "facts":            {"team": "string", "pvc_size": "count(GiB)", "tier": ["gold", "silver"]},
 *   "description":      "free text"
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code require_approval} and {@code require_human_if} hold the rules that require a human;
 *       {@code auto_approve} and {@code auto_approve_if} the rules that allow an action without
 *       one. Items of a list are alternatives (OR). An item that is a bare action name, such as
 *       {@code restart_pod} or the alias {@code change_rbac}, means {@code action == name}; any
 *       other item is a condition over facts.
 *   <li>{@code rate_limits} maps a rate-limit category of the {@link ActionCatalog} to a rate such
 *       as {@code "5 per hour"}, or to {@code {"limit": "...", "per": "category" | "namespace" |
 *       "target"}}.
 *   <li>{@code emergency_stop}: {@code true} refuses every action that is not {@link Effect#READ}.
 *   <li>{@code business_hours}: when {@code off_hours} is false; see {@link BusinessHours} (days as
 *       {@code "MON-FRI"} or a list such as {@code ["MON", "WED"]}; an {@code end} before {@code
 *       start} is an overnight shift, {@code "start": "00:00", "end": "24:00"} the whole day;
 *       default Monday to Friday 09:00 to 17:00 <b>UTC</b>). A policy whose rules read {@code
 *       off_hours} should declare them with its zone: without, it loads with the default and {@link
 *       #warnings()} (logged) says so. Either way, a decision with a reason that rests on a
 *       computed {@code off_hours} also names the business hours and zone it was computed from.
 *   <li>{@code facts}: more facts the conditions may read, each with its type: {@code boolean},
 *       {@code number}, {@code string}, {@code ratio}, {@code duration}, {@code money}, {@code
 *       list}, {@code any}, {@code count(UNIT)}, or a list of the allowed strings.
 * </ul>
 *
 * <p>Conditions are compiled when the policy is loaded, against the facts it may read: a misspelt
 * fact, action or rate-limit category, a type error or an unknown key is an error then, never a
 * rule that silently does not match. That includes a symbol on the right of {@code ==}, {@code !=}
 * or {@code IN} spelt almost like a fact ({@code namespace == protected_namespce}): quote it if a
 * symbol was meant. The standard facts are:
 *
 * <table>
 *   <caption>Standard facts</caption>
 *   <tr><th>fact</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>action</td><td>an action of the catalog</td><td>computed: the canonical name</td></tr>
 *   <tr><td>off_hours</td><td>boolean</td><td>computed from {@code business_hours} and the
 *       clock, unless given</td></tr>
 *   <tr><td>scale_up</td><td>ratio</td><td>computed: target/current replicas when scaling up,
 *       else 0; 0 for an action that changes no replica count</td></tr>
 *   <tr><td>scale_down</td><td>ratio</td><td>computed: (current − target)/current replicas when
 *       scaling down, else 0; 0 for an action that changes no replica count</td></tr>
 *   <tr><td>replicas, target_replicas</td><td>number</td><td>current and wanted replicas, for
 *       the two above</td></tr>
 *   <tr><td>severity</td><td>one of P0, P1, P2, P3, P4</td><td>P0 is the worst; {@code
 *       severity == p0} is an error (did you mean P0?)</td></tr>
 *   <tr><td>blast_radius</td><td>count of pods</td><td>how many pods the action touches;
 *       computed as 0 for a READ action, unless given</td></tr>
 *   <tr><td>namespace, cluster, environment</td><td>string</td><td>where it acts</td></tr>
 *   <tr><td>cost_increase</td><td>ratio</td><td>such as {@code 12%}</td></tr>
 *   <tr><td>savings</td><td>money</td><td>such as {@code $120/month}</td></tr>
 *   <tr><td>risk</td><td>string</td><td>such as {@code low}</td></tr>
 *   <tr><td>confidence</td><td>ratio</td><td>such as {@code 0.9}</td></tr>
 * </table>
 *
 * <p>Computed facts are filled in where the trusted facts lack them, and a trusted fact that
 * disagrees with what the engine knows is refused ({@code DENY}, rule {@code facts}): {@code
 * namespace} and {@code cluster} come from the request's {@link Target} when it names them; for an
 * action that {@linkplain ActionDefinition#changesReplicas() changes replicas}, {@code scale_up}
 * and {@code scale_down} are always computed from {@code replicas} and {@code target_replicas} when
 * both are given (a trusted value that differs, both positive, or any negative value is refused);
 * without the counts (or scaling up from zero, which has no ratio) the missing ones stay missing,
 * so rules that read them fail closed. For any other action both are 0, and a trusted value that is
 * not is refused. Counts ({@code blast_radius}, {@code count(UNIT)} facts) are never negative.
 *
 * <p><b>Automatic rules about scaling allow only scaling.</b> A rule that allows without a human
 * ({@code auto_approve}, {@code auto_approve_if}) and reads {@code scale_up} allows only a request
 * that scales up, as if it read {@code <scales up> AND rule}; one that reads {@code scale_down}
 * only a request that scales down; one that reads both a request that scales either way. So the
 * seed's {@code scale_up < 2x} means "scaling up, to less than twice the replicas": it does not
 * allow a scale-down, nor {@code drain_node} (for which {@code scale_up} is 0, and {@code 0 < 2x}
 * would otherwise hold), and neither does {@code scale_up < 2x OR blast_radius < 10_pods}. When the
 * direction is unknown (no replica counts), such a rule never allows. Rules that require a human
 * are read plainly, on the computed values: {@code scale_down > 50% OR blast_radius > 50_pods}
 * requires a human for a {@code restart_pod} of 500 pods ({@code scale_down} is 0 there), and
 * {@code scale_down > 50%} for a scale-down of 60%.
 *
 * <p><b>A destructive action needs a rule that names it.</b> An automatic rule allows a {@link
 * Effect#DESTRUCTIVE} action only if it names that action: the bare item ({@code consolidate_lb},
 * or an alias), or a condition that holds (or may hold) for this action rather than for an action
 * it does not mention, such as {@code action IN ['delete_pvc', 'consolidate_lb']} or {@code action
 * == consolidate_lb AND blast_radius < 10_pods}. A rule that only excludes actions ({@code action
 * != delete_node}) or does not read {@code action} ({@code blast_radius < 10_pods}) never allows
 * one: a human decides.
 *
 * <pre>{@code
 * Policy seed = Policy.seed();
 * Policy fromFile = Policy.load(Path.of("examples/policy/seed-policy.json"));
 * Policy inCode = Policy.builder()
 *     .rateLimit("pod_restarts", "5 per hour")
 *     .requireApproval("delete_node", "scale_down > 50%")
 *     .autoApprove("restart_pod", "scale_up < 2x")
 *     .build();
 * }</pre>
 */
public final class Policy {
  private static final Logger LOG = LoggerFactory.getLogger(Policy.class);

  static final String RATE_LIMITS = "rate_limits";
  static final String REQUIRE_APPROVAL = "require_approval";
  static final String REQUIRE_HUMAN_IF = "require_human_if";
  static final String AUTO_APPROVE = "auto_approve";
  static final String AUTO_APPROVE_IF = "auto_approve_if";
  static final String EMERGENCY_STOP = "emergency_stop";
  static final String BUSINESS_HOURS = "business_hours";
  static final String FACTS = "facts";

  private static final String SEED_RESOURCE = "seed-policy.json";

  private final String source;
  private final ActionCatalog catalog;
  private final FactSchema schema;
  private final Map<String, RateLimit> rateLimits;
  private final List<Rule> requireRules;
  private final List<Rule> autoRules;
  private final boolean emergencyStop;
  private final BusinessHours businessHours;
  private final List<String> warnings;
  private final Builder origin;

  private Policy(
      Builder origin,
      FactSchema schema,
      Map<String, RateLimit> rateLimits,
      List<Rule> requireRules,
      List<Rule> autoRules) {
    this.origin = origin.copy();
    this.source = origin.source;
    this.catalog = origin.catalog;
    this.schema = schema;
    this.rateLimits = Collections.unmodifiableMap(new LinkedHashMap<>(rateLimits));
    this.requireRules = List.copyOf(requireRules);
    this.autoRules = List.copyOf(autoRules);
    this.emergencyStop = origin.emergencyStop;
    this.businessHours = origin.businessHours;
    List<String> w = new ArrayList<>();
    if (!declaresBusinessHours() && readsOffHours()) {
      w.add(
          "a rule reads off_hours, but the policy declares no business_hours, so they are the"
              + " default "
              + businessHours
              + " (Monday to Friday, 09:00 to 17:00, UTC); declare \"business_hours\" with your"
              + " zone");
    }
    this.warnings = List.copyOf(w);
    for (String warning : warnings) {
      LOG.warn("policy {}: {}", source, warning);
    }
  }

  private boolean readsOffHours() {
    for (Rule r : requireRules) {
      if (r.readsOffHours) {
        return true;
      }
    }
    for (Rule r : autoRules) {
      if (r.readsOffHours) {
        return true;
      }
    }
    return false;
  }

  /** The seed's safety controls and approval step, combined, with the default catalog. */
  public static Policy seed() {
    try (InputStream in = Policy.class.getResourceAsStream(SEED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + SEED_RESOURCE + " is missing from the jar");
      }
      return PolicyLoader.defaults()
          .parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SEED_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads a policy file with the default catalog; see {@link PolicyLoader#load(Path)}.
   *
   * @throws PolicyException naming the file and every problem in it
   */
  public static Policy load(Path file) {
    return PolicyLoader.defaults().load(file);
  }

  /**
   * Reads a policy from JSON text with the default catalog; {@code source} names it in errors.
   *
   * @throws PolicyException naming {@code source} and every problem in it
   */
  public static Policy parse(String json, String source) {
    return PolicyLoader.defaults().parse(json, source);
  }

  /**
   * The standard facts of the table above, with their types, {@code action} typed by {@code
   * catalog}: what every policy may read without declaring it. The playbook model reads the same
   * table ({@code io.github.aiplaybooks.core.playbook.StandardFacts}), so a condition means the
   * same in a policy and in a playbook.
   */
  public static FactSchema standardFacts(ActionCatalog catalog) {
    return PolicyFacts.standard(Objects.requireNonNull(catalog, "catalog")).build();
  }

  /** An empty policy's builder, with the default catalog. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this policy. */
  public Builder toBuilder() {
    return origin.copy();
  }

  /** Where the policy came from: a file name, a resource, or {@code "policy"} if built in code. */
  public String source() {
    return source;
  }

  /** The actions the policy knows. */
  public ActionCatalog catalog() {
    return catalog;
  }

  /** The facts its conditions may read: the standard facts and those it declares. */
  public FactSchema factSchema() {
    return schema;
  }

  /** The rate limits, by category. */
  public Map<String, RateLimit> rateLimits() {
    return rateLimits;
  }

  /** The rate limit of {@code category}, if it has one. */
  public Optional<RateLimit> rateLimit(String category) {
    return Optional.ofNullable(rateLimits.get(category));
  }

  /** The rules that require a human: {@code require_approval}, then {@code require_human_if}. */
  public List<RuleRef> requireRules() {
    return requireRules.stream().map(r -> r.ref).collect(Collectors.toUnmodifiableList());
  }

  /** The rules that allow without a human: {@code auto_approve}, then {@code auto_approve_if}. */
  public List<RuleRef> autoRules() {
    return autoRules.stream().map(r -> r.ref).collect(Collectors.toUnmodifiableList());
  }

  /** Whether the policy itself engages the emergency stop. */
  public boolean emergencyStop() {
    return emergencyStop;
  }

  /** The hours from which {@code off_hours} is computed. */
  public BusinessHours businessHours() {
    return businessHours;
  }

  /**
   * Whether the policy declares its {@link #businessHours()} ({@code business_hours}, or {@link
   * Builder#businessHours}); if not, they are {@link BusinessHours#defaults()}, in UTC.
   */
  public boolean declaresBusinessHours() {
    return origin.businessHoursSet != null;
  }

  /**
   * What is legal but likely a mistake, for people; logged (SLF4J, WARN) once when the policy is
   * built. Now one: a rule reads {@code off_hours} but the policy declares no {@code
   * business_hours}, so the UTC default applies.
   */
  public List<String> warnings() {
    return warnings;
  }

  List<Rule> compiledRequireRules() {
    return requireRules;
  }

  List<Rule> compiledAutoRules() {
    return autoRules;
  }

  /**
   * Whether {@code o} is a policy with the same catalog, facts, rate limits, rules (each list item
   * as written, in order), emergency stop and business hours (and whether they were declared, which
   * decisions report); where it came from ({@link #source()}) does not matter.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Policy)) {
      return false;
    }
    Policy p = (Policy) o;
    return emergencyStop == p.emergencyStop
        && catalog.equals(p.catalog)
        && schema.equals(p.schema)
        && rateLimits.equals(p.rateLimits)
        && requireRules().equals(p.requireRules())
        && autoRules().equals(p.autoRules())
        && businessHours.equals(p.businessHours)
        && declaresBusinessHours() == p.declaresBusinessHours();
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        catalog,
        schema,
        rateLimits,
        requireRules(),
        autoRules(),
        emergencyStop,
        businessHours,
        declaresBusinessHours());
  }

  @Override
  public String toString() {
    return "Policy["
        + source
        + ": "
        + rateLimits.size()
        + " rate limits, "
        + requireRules.size()
        + " require rules, "
        + autoRules.size()
        + " auto rules"
        + (emergencyStop ? ", emergency stop engaged" : "")
        + "]";
  }

  /**
   * Builds a {@link Policy}. Everything is checked in {@link #build()}, which reports every problem
   * at once with the JSON pointer the value would have in the policy's JSON ({@code
   * /require_approval/2}). Not thread-safe.
   */
  public static final class Builder {
    /** An item of a list, with its index in the list as written. */
    private record Item(String list, int index, String text) {}

    private record RateLimitEntry(
        String category, String rate, RateLimit.Scope scope, String pointer) {}

    private record FactDecl(String name, FactType type, String pointer) {}

    private String source = "policy";
    private ActionCatalog catalog = ActionCatalog.defaults();
    private final List<FactDecl> facts = new ArrayList<>();
    private final List<RateLimitEntry> rateLimits = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();
    private final Map<String, Integer> listSizes = new LinkedHashMap<>();
    private final List<PolicyException.Problem> problems = new ArrayList<>();
    private boolean emergencyStop;
    private BusinessHours businessHours = BusinessHours.defaults();

    /** The hours set explicitly, or {@code null} when the default applies. */
    private BusinessHours businessHoursSet;

    private Builder() {}

    Builder copy() {
      Builder b = new Builder();
      b.source = source;
      b.catalog = catalog;
      b.facts.addAll(facts);
      b.rateLimits.addAll(rateLimits);
      b.items.addAll(items);
      b.listSizes.putAll(listSizes);
      b.emergencyStop = emergencyStop;
      b.businessHours = businessHours;
      b.businessHoursSet = businessHoursSet;
      return b;
    }

    /** Names the policy in errors and {@link Policy#source()}; {@code "policy"} unless set. */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Sets the actions the policy knows; {@link ActionCatalog#defaults()} unless set. */
    public Builder catalog(ActionCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Declares a fact the conditions may read, beyond the standard ones (whose types it may change,
     * except for the computed facts {@code action}, {@code off_hours}, {@code scale_up} and {@code
     * scale_down}).
     */
    public Builder fact(String name, FactType type) {
      return fact(name, type, "/" + FACTS + "/" + PolicyLoader.escape(name));
    }

    Builder fact(String name, FactType type, String pointer) {
      facts.add(
          new FactDecl(
              Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"), pointer));
      return this;
    }

    /** Limits {@code category} to {@code rate}, such as {@code "5 per hour"}, for the category. */
    public Builder rateLimit(String category, String rate) {
      return rateLimit(
          category,
          rate,
          RateLimit.Scope.CATEGORY,
          "/" + RATE_LIMITS + "/" + PolicyLoader.escape(category));
    }

    /** Adds a rate limit. */
    public Builder rateLimit(RateLimit limit) {
      Objects.requireNonNull(limit, "limit");
      return rateLimit(
          limit.category(),
          limit.rate().toString(),
          limit.scope(),
          "/" + RATE_LIMITS + "/" + PolicyLoader.escape(limit.category()));
    }

    Builder rateLimit(String category, String rate, RateLimit.Scope scope, String pointer) {
      rateLimits.add(
          new RateLimitEntry(
              Objects.requireNonNull(category, "category"),
              Objects.requireNonNull(rate, "rate"),
              Objects.requireNonNull(scope, "scope"),
              pointer));
      return this;
    }

    /** Adds items to {@code require_approval}: action names or conditions. */
    public Builder requireApproval(String... items) {
      return append(REQUIRE_APPROVAL, items);
    }

    /** Adds items to {@code require_human_if}: action names or conditions. */
    public Builder requireHumanIf(String... items) {
      return append(REQUIRE_HUMAN_IF, items);
    }

    /** Adds items to {@code auto_approve}: action names or conditions. */
    public Builder autoApprove(String... items) {
      return append(AUTO_APPROVE, items);
    }

    /** Adds items to {@code auto_approve_if}: action names or conditions. */
    public Builder autoApproveIf(String... items) {
      return append(AUTO_APPROVE_IF, items);
    }

    private Builder append(String list, String... texts) {
      for (String text : texts) {
        item(list, listSizes.getOrDefault(list, 0), Objects.requireNonNull(text, list));
      }
      return this;
    }

    Builder item(String list, int index, String text) {
      items.add(new Item(list, index, text));
      listSizes.merge(list, index + 1, Math::max);
      return this;
    }

    /** Sets whether the policy engages the emergency stop; {@code false} unless set. */
    public Builder emergencyStop(boolean engaged) {
      this.emergencyStop = engaged;
      return this;
    }

    /** Sets the hours {@code off_hours} is computed from; {@link BusinessHours#defaults()}. */
    public Builder businessHours(BusinessHours hours) {
      this.businessHours = Objects.requireNonNull(hours, "hours");
      this.businessHoursSet = hours;
      return this;
    }

    Builder problem(String pointer, String message) {
      problems.add(new PolicyException.Problem(pointer, message));
      return this;
    }

    /**
     * The policy.
     *
     * @throws PolicyException listing every problem: an unknown or reserved fact, an unknown
     *     rate-limit category or a bad rate, an item that is neither an action nor a condition, a
     *     condition that does not compile
     */
    public Policy build() {
      List<PolicyException.Problem> found = new ArrayList<>(problems);
      FactSchema schema = schema(found);
      Map<String, RateLimit> limits = rateLimits(found);
      List<Rule> require = new ArrayList<>();
      List<Rule> auto = new ArrayList<>();
      for (String list :
          List.of(REQUIRE_APPROVAL, REQUIRE_HUMAN_IF, AUTO_APPROVE, AUTO_APPROVE_IF)) {
        boolean requires = list.startsWith("require");
        for (Item item : items) {
          if (item.list.equals(list)) {
            Rule rule = compile(item, requires, schema, found);
            if (rule != null) {
              (requires ? require : auto).add(rule);
            }
          }
        }
      }
      if (!found.isEmpty()) {
        throw new PolicyException(source, found);
      }
      return new Policy(this, schema, limits, require, auto);
    }

    private FactSchema schema(List<PolicyException.Problem> found) {
      FactSchema.Builder schema = PolicyFacts.standard(catalog);
      for (FactDecl f : facts) {
        if (PolicyFacts.COMPUTED.contains(f.name)) {
          found.add(
              new PolicyException.Problem(
                  f.pointer,
                  "fact '"
                      + f.name
                      + "' is computed by the policy engine; it cannot be declared again"));
          continue;
        }
        try {
          schema.fact(f.name, f.type);
        } catch (IllegalArgumentException e) {
          found.add(new PolicyException.Problem(f.pointer, e.getMessage()));
        }
      }
      return schema.build();
    }

    private Map<String, RateLimit> rateLimits(List<PolicyException.Problem> found) {
      Map<String, RateLimit> limits = new LinkedHashMap<>();
      for (RateLimitEntry e : rateLimits) {
        boolean ok = true;
        if (!catalog.rateLimitCategories().contains(e.category)) {
          found.add(
              new PolicyException.Problem(
                  e.pointer,
                  "'"
                      + e.category
                      + "' is not a rate-limit category of any action"
                      + closest(e.category, catalog.rateLimitCategories())
                      + "; known: "
                      + String.join(", ", catalog.rateLimitCategories())));
          ok = false;
        }
        Rate rate = null;
        try {
          rate = Rate.parse(e.rate);
        } catch (ConditionException ex) {
          found.add(
              new PolicyException.Problem(
                  e.pointer,
                  "'" + e.rate + "' is not a rate such as '5 per hour': " + ex.getMessage()));
          ok = false;
        }
        if (ok && rate.window().compareTo(SlidingWindowRateLimiter.MIN_WINDOW) < 0) {
          found.add(
              new PolicyException.Problem(
                  e.pointer,
                  "'"
                      + e.rate
                      + "' has a window of "
                      + rate.window()
                      + "; a rate-limit window is at least one second, such as '5 per second'"));
          ok = false;
        }
        if (ok) {
          limits.put(e.category, new RateLimit(e.category, rate, e.scope));
        }
      }
      return limits;
    }

    private Rule compile(
        Item item, boolean requires, FactSchema schema, List<PolicyException.Problem> found) {
      String pointer = "/" + item.list + "/" + item.index;
      String text = item.text.strip();
      RuleRef ref = RuleRef.item(item.list, item.index, text);
      if (text.isEmpty()) {
        found.add(
            new PolicyException.Problem(
                pointer, "an empty item: write an action name such as restart_pod or a condition"));
        return null;
      }
      try {
        Optional<String> bare = Condition.compile(text).bareIdentifier();
        if (bare.isPresent()) {
          String name = bare.get();
          Optional<ActionDefinition> action = catalog.resolve(name);
          if (action.isPresent()) {
            Condition c = Condition.compile(PolicyFacts.ACTION + " == " + name, schema);
            return new Rule(ref, c, requires, action.get().name(), schema);
          }
          if (!schema.declares(name)) {
            found.add(
                new PolicyException.Problem(
                    pointer,
                    "'"
                        + name
                        + "' is neither an action of the catalog nor a declared fact"
                        + suggestion(name, schema)));
            return null;
          }
        }
        return new Rule(ref, Condition.compile(text, schema), requires, null, schema);
      } catch (ConditionException e) {
        found.add(new PolicyException.Problem(pointer, e.getMessage()));
        return null;
      }
    }

    private String suggestion(String name, FactSchema schema) {
      Optional<String> action = catalog.closestName(name);
      if (action.isPresent()) {
        return " (did you mean the action '" + action.get() + "'?)";
      }
      return schema.closestName(name).map(f -> " (did you mean the fact '" + f + "'?)").orElse("");
    }

    private static String closest(String name, java.util.Collection<String> candidates) {
      return Suggestions.didYouMean(name, candidates);
    }
  }
}
