package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.condition.JsonPointers;
import io.github.aiplaybooks.core.condition.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@link Policy policies} from their JSON (described on {@link Policy}) against an action
 * catalog. Strict, so that a mistake never turns into a rule that silently does not apply: unknown
 * keys, duplicate keys, values of the wrong type, conditions that do not compile, unknown actions
 * and unknown rate-limit categories are all errors, and all of them are reported at once in one
 * {@link PolicyException}, each with its JSON pointer.
 *
 * <pre>{@code
 * Policy policy = PolicyLoader.withCatalog(myCatalog).load(Path.of("policy.json"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicyLoader {
  private static final PolicyLoader DEFAULTS = new PolicyLoader(ActionCatalog.defaults());

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final Set<String> KEYS =
      Set.of(
          Policy.RATE_LIMITS,
          Policy.REQUIRE_APPROVAL,
          Policy.REQUIRE_HUMAN_IF,
          Policy.AUTO_APPROVE,
          Policy.AUTO_APPROVE_IF,
          Policy.EMERGENCY_STOP,
          Policy.BUSINESS_HOURS,
          Policy.FACTS,
          "description");

  private static final List<String> LISTS =
      List.of(
          Policy.REQUIRE_APPROVAL,
          Policy.REQUIRE_HUMAN_IF,
          Policy.AUTO_APPROVE,
          Policy.AUTO_APPROVE_IF);

  private static final Pattern COUNT_TYPE = Pattern.compile("count\\(\\s*([A-Za-z_]\\w*)\\s*\\)");

  private final ActionCatalog catalog;

  private PolicyLoader(ActionCatalog catalog) {
    this.catalog = catalog;
  }

  /** A loader with {@link ActionCatalog#defaults()}. */
  public static PolicyLoader defaults() {
    return DEFAULTS;
  }

  /** A loader whose policies know the actions of {@code catalog}. */
  public static PolicyLoader withCatalog(ActionCatalog catalog) {
    return new PolicyLoader(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * Loads the policy in {@code file} (UTF-8 JSON); errors name the file as given.
   *
   * @throws PolicyException if it cannot be read or is not a valid policy, listing every problem
   */
  public Policy load(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PolicyException(
          file.toString(), List.of(new PolicyException.Problem("", "no such file")));
    } catch (IOException e) {
      throw new PolicyException(
          file.toString(),
          List.of(new PolicyException.Problem("", "cannot be read: " + e.getMessage())));
    }
    return parse(text, file.toString());
  }

  /**
   * Reads a policy from JSON text; {@code source} names it in errors.
   *
   * @throws PolicyException if it is not a valid policy, listing every problem
   */
  public Policy parse(String json, String source) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new PolicyException(
          source, List.of(new PolicyException.Problem("", "not valid JSON: " + describe(e))));
    }
    if (root == null || root.isMissingNode()) {
      throw new PolicyException(
          source, List.of(new PolicyException.Problem("", "is empty; expected a JSON object")));
    }
    return read(root, source);
  }

  /**
   * Reads a policy from a JSON tree; {@code source} names it in errors.
   *
   * @throws PolicyException if it is not a valid policy, listing every problem
   */
  public Policy read(JsonNode root, String source) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(source, "source");
    Policy.Builder b = Policy.builder().source(source).catalog(catalog);
    if (!root.isObject()) {
      b.problem("", "must be a JSON object, was " + kind(root));
      return b.build();
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      String pointer = "/" + escape(key);
      if (!KEYS.contains(key)) {
        b.problem(
            pointer,
            "unknown key '"
                + key
                + "'"
                + Suggestions.didYouMean(key, KEYS.stream().sorted().toList())
                + "; a policy has "
                + String.join(", ", KEYS.stream().sorted().toList()));
      } else if (LISTS.contains(key)) {
        readList(b, key, value, pointer);
      } else if (key.equals(Policy.RATE_LIMITS)) {
        readRateLimits(b, value, pointer);
      } else if (key.equals(Policy.EMERGENCY_STOP)) {
        if (value.isBoolean()) {
          b.emergencyStop(value.booleanValue());
        } else {
          b.problem(pointer, "must be true or false, was " + kind(value));
        }
      } else if (key.equals(Policy.BUSINESS_HOURS)) {
        readBusinessHours(b, value, pointer);
      } else if (key.equals(Policy.FACTS)) {
        readFacts(b, value, pointer);
      } else if (!value.isString()) {
        b.problem(pointer, "must be a string, was " + kind(value));
      }
    }
    return b.build();
  }

  private static void readList(Policy.Builder b, String list, JsonNode value, String pointer) {
    if (!value.isArray()) {
      b.problem(
          pointer,
          "must be a list of action names and conditions, such as [\"restart_pod\","
              + " \"blast_radius < 10_pods\"], was "
              + kind(value));
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (item.isString()) {
        b.item(list, i, item.stringValue());
      } else {
        b.problem(
            pointer + "/" + i,
            "must be a string (an action name or a condition), was " + kind(item));
      }
    }
  }

  private static void readRateLimits(Policy.Builder b, JsonNode value, String pointer) {
    if (!value.isObject()) {
      b.problem(
          pointer,
          "must be an object of category to rate, such as {\"pod_restarts\": \"5 per hour\"},"
              + " was "
              + kind(value));
      return;
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      String at = pointer + "/" + escape(e.getKey());
      JsonNode limit = e.getValue();
      if (limit.isString()) {
        b.rateLimit(e.getKey(), limit.stringValue(), RateLimit.Scope.CATEGORY, at);
      } else if (limit.isObject()) {
        readRateLimitObject(b, e.getKey(), limit, at);
      } else {
        b.problem(
            at,
            "must be a rate such as \"5 per hour\" or {\"limit\": \"5 per hour\", \"per\":"
                + " \"target\"}, was "
                + kind(limit));
      }
    }
  }

  private static void readRateLimitObject(
      Policy.Builder b, String category, JsonNode limit, String at) {
    String rate = null;
    RateLimit.Scope scope = RateLimit.Scope.CATEGORY;
    boolean ok = true;
    for (Map.Entry<String, JsonNode> p : limit.properties()) {
      String pat = at + "/" + escape(p.getKey());
      JsonNode v = p.getValue();
      if (p.getKey().equals("limit")) {
        if (v.isString()) {
          rate = v.stringValue();
        } else {
          b.problem(pat, "must be a rate such as \"5 per hour\", was " + kind(v));
          ok = false;
        }
      } else if (p.getKey().equals("per")) {
        String per = v.isString() ? v.stringValue().toUpperCase(Locale.ROOT) : "";
        if (per.equals("CATEGORY") || per.equals("NAMESPACE") || per.equals("TARGET")) {
          scope = RateLimit.Scope.valueOf(per);
        } else {
          b.problem(
              pat,
              "must be \"category\", \"namespace\" or \"target\", was "
                  + (v.isString() ? "'" + v.stringValue() + "'" : kind(v)));
          ok = false;
        }
      } else {
        b.problem(pat, "unknown key '" + p.getKey() + "'; a rate limit has limit and per");
        ok = false;
      }
    }
    if (rate == null && ok) {
      b.problem(at, "has no \"limit\", such as \"5 per hour\"");
      ok = false;
    }
    if (ok) {
      b.rateLimit(category, rate, scope, at + "/limit");
    }
  }

  private static void readBusinessHours(Policy.Builder b, JsonNode value, String pointer) {
    if (!value.isObject()) {
      b.problem(
          pointer,
          "must be an object such as {\"days\": \"MON-FRI\", \"start\": \"09:00\", \"end\":"
              + " \"17:00\", \"zone\": \"UTC\"}, was "
              + kind(value));
      return;
    }
    BusinessHours d = BusinessHours.defaults();
    Set<DayOfWeek> days = d.days();
    LocalTime start = d.start();
    LocalTime end = d.end();
    ZoneId zone = d.zone();
    boolean ok = true;
    for (Map.Entry<String, JsonNode> p : value.properties()) {
      String at = pointer + "/" + escape(p.getKey());
      JsonNode v = p.getValue();
      try {
        switch (p.getKey()) {
          case "days":
            days = days(v);
            break;
          case "start":
            start = LocalTime.parse(text(v));
            break;
          case "end":
            // 24:00 is the midnight that ends a day: "00:00" to "24:00" is a 24-hour shift.
            end = text(v).strip().equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(text(v));
            break;
          case "zone":
            // normalized: "UTC" and "Z" are one zone.
            zone = ZoneId.of(text(v)).normalized();
            break;
          default:
            b.problem(
                at, "unknown key '" + p.getKey() + "'; business hours have days, start, end, zone");
            ok = false;
        }
      } catch (IllegalArgumentException | DateTimeException ex) {
        b.problem(at, ex.getMessage());
        ok = false;
      }
    }
    if (!ok) {
      return;
    }
    try {
      b.businessHours(BusinessHours.builder().days(days).hours(start, end).zone(zone).build());
    } catch (IllegalArgumentException ex) {
      b.problem(pointer, ex.getMessage());
    }
  }

  private static String text(JsonNode v) {
    if (!v.isString()) {
      throw new IllegalArgumentException("must be a string, was " + kind(v));
    }
    return v.stringValue();
  }

  private static Set<DayOfWeek> days(JsonNode v) {
    if (v.isString()) {
      String s = v.stringValue().strip();
      int dash = s.indexOf('-');
      if (dash > 0) {
        DayOfWeek from = day(s.substring(0, dash));
        DayOfWeek to = day(s.substring(dash + 1));
        if (to.compareTo(from) < 0) {
          throw new IllegalArgumentException(
              "'" + s + "': a range of days runs from Monday towards Sunday, such as MON-FRI");
        }
        return EnumSet.range(from, to);
      }
      return EnumSet.of(day(s));
    }
    if (v.isArray() && v.size() > 0) {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (JsonNode d : v) {
        days.add(day(text(d)));
      }
      return days;
    }
    throw new IllegalArgumentException(
        "must be a range such as \"MON-FRI\" or a list such as [\"MON\", \"WED\"], was " + kind(v));
  }

  private static DayOfWeek day(String s) {
    String u = s.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(u) || (u.length() == 3 && d.name().startsWith(u))) {
        return d;
      }
    }
    throw new IllegalArgumentException("'" + s + "' is not a day such as MON or MONDAY");
  }

  private static void readFacts(Policy.Builder b, JsonNode value, String pointer) {
    if (!value.isObject()) {
      b.problem(
          pointer,
          "must be an object of fact name to type, such as {\"team\": \"string\"}, was "
              + kind(value));
      return;
    }
    for (Map.Entry<String, JsonNode> p : value.properties()) {
      String at = pointer + "/" + escape(p.getKey());
      try {
        b.fact(p.getKey(), factType(p.getValue()), at);
      } catch (IllegalArgumentException ex) {
        b.problem(at, ex.getMessage());
      }
    }
  }

  private static FactType factType(JsonNode v) {
    if (v.isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode e : v) {
        values.add(text(e));
      }
      return FactType.oneOf(values);
    }
    String s = text(v).strip();
    Matcher count = COUNT_TYPE.matcher(s);
    if (count.matches()) {
      return FactType.count(count.group(1));
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "boolean":
        return FactType.BOOLEAN;
      case "number":
        return FactType.NUMBER;
      case "string":
      case "symbol":
        return FactType.STRING;
      case "ratio":
        return FactType.RATIO;
      case "duration":
        return FactType.DURATION;
      case "money":
        return FactType.MONEY;
      case "list":
        return FactType.LIST;
      case "any":
        return FactType.ANY;
      default:
        throw new IllegalArgumentException(
            "'"
                + s
                + "' is not a fact type: boolean, number, string, ratio, duration, money, list,"
                + " any, count(UNIT) or a list of the allowed strings");
    }
  }

  /** {@code "a string"}, {@code "a number"}, ...: what a JSON value is, for messages. */
  static String kind(JsonNode v) {
    if (v.isString()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "an object";
    }
    return "null";
  }

  /** Escapes a key for a JSON pointer (RFC 6901). */
  static String escape(String key) {
    return JsonPointers.escape(key);
  }

  /** The parser's complaint with its line and column. */
  static String describe(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 1
            ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return e.getOriginalMessage() + where;
  }
}
