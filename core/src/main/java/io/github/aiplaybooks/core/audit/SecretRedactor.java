package io.github.aiplaybooks.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces secrets in text and JSON with a marker such as {@code [REDACTED:aws_access_key_id]},
 * before they reach a prompt, the audit trail or a report.
 *
 * <p>The defaults find: AWS access key ids ({@code AKIA…}, {@code ASIA…}) and secret access keys,
 * bearer and {@code Authorization} tokens, JWTs, {@code password=}/{@code secret=}/{@code
 * token=}/{@code api_key:}-style pairs (in env, logs, YAML and JSON text; the key is kept, the
 * value goes), Kubernetes env entries ({@code name: DB_PASSWORD} then {@code value: ...}), private
 * key blocks (also when cut off before their end line), GitHub and Slack tokens, Slack webhook
 * URLs, and credentials in URLs ({@code https://user:pass@host}). In JSON, the value of a member
 * whose name ends in such a word ({@code password}, {@code client_secret}, {@code
 * AWS_SESSION_TOKEN}) is replaced whole, and every string is redacted as text.
 *
 * <p>Redaction is idempotent ({@code redact(redact(s)).equals(redact(s))}) and only ever replaces:
 * remove the markers from the output and it is never longer than the input. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SecretRedactor redactor = SecretRedactor.builder()
 *     .addPattern("employee_id", "EMP-[0-9]{6}")
 *     .build();
 * String safe = redactor.redact(podLogs);
 * JsonNode safeJson = redactor.redact(toolResult);
 * }</pre>
 */
public final class SecretRedactor {
  private static final String MARKER_PREFIX = "[REDACTED:";
  private static final Pattern KIND = Pattern.compile("[a-z0-9_]{1,40}");
  private static final String SECRET_WORDS =
      "password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key"
          + "|private[_-]?key|client[_-]?secret|credentials?";
  private static final String VALUE =
      "(?:\"(?<dq>[^\"\\r\\n]*)\"|'(?<sq>[^'\\r\\n]*)'|(?<bare>[^\\s,;&\"'\\[\\]{}]+))";
  private static final int MAX_PASSES = 4;
  private static final Pattern MARKER = Pattern.compile("\\[REDACTED:[a-z0-9_]{1,40}\\]");

  // Pre-filters: one pass finds what a text contains; a default rule runs only if it may match.
  private static final int F_SEP = 1; // ':' or '='
  private static final int F_AT = 1 << 1;
  private static final int F_SCHEME = 1 << 2; // "://"
  private static final int F_PASS = 1 << 3; // the rest of this group: any case
  private static final int F_SECRET = 1 << 4;
  private static final int F_TOKEN = 1 << 5;
  private static final int F_KEY = 1 << 6;
  private static final int F_CREDENTIAL = 1 << 7;
  private static final int F_AUTHORIZATION = 1 << 8;
  private static final int F_BEARER = 1 << 9;
  private static final int F_NAME = 1 << 10;
  private static final int F_VALUE = 1 << 11;
  private static final int F_COOKIE = 1 << 12;
  private static final int F_EYJ = 1 << 13; // this group: exact case
  private static final int F_XOX = 1 << 14;
  private static final int F_GH = 1 << 15;
  private static final int F_GITHUB_PAT = 1 << 16;
  private static final int F_BEGIN = 1 << 17; // "-----BEGIN "
  private static final int F_SLACK_HOOK = 1 << 18;
  private static final int F_RUN20 = 1 << 19; // 20 upper-case letters or digits in a row
  private static final int F_RUN40 = 1 << 20; // 40 of [A-Za-z0-9/+] in a row

  /**
   * The stems of {@link #SECRET_WORDS}: every match of the two {@code secret} rules and every
   * default sensitive key contains one of them, in any case.
   */
  private static final int F_SECRET_WORD = F_PASS | F_SECRET | F_TOKEN | F_KEY | F_CREDENTIAL;

  private static final List<Rule> DEFAULT_RULES =
      List.of(
          new Rule(
              "private_key",
              Pattern.compile(
                  "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
                      + "(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|.*\\z)",
                  Pattern.DOTALL),
              f -> has(f, F_BEGIN)),
          new Rule(
              "url_credentials",
              Pattern.compile(
                  "\\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\\s:/@\\[\\]]+:(?<secret>[^\\s@/\\[\\]]+)@"),
              f -> has(f, F_SCHEME | F_AT)),
          new Rule(
              "slack_webhook",
              Pattern.compile("https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]+"),
              f -> has(f, F_SLACK_HOOK)),
          new Rule(
              "jwt",
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
              f -> has(f, F_EYJ)),
          new Rule(
              "authorization",
              Pattern.compile(
                  "(?i)\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?"
                      + "(?:bearer|basic|token|digest|aws4-hmac-sha256)?\\s*"
                      + "(?<secret>[^\\s\"',;\\[\\]]{8,})"),
              f -> has(f, F_AUTHORIZATION)),
          new Rule(
              "bearer_token",
              Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)"),
              f -> has(f, F_BEARER)),
          new Rule(
              "github_token",
              Pattern.compile(
                  "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b"),
              f -> (f & (F_GH | F_GITHUB_PAT)) != 0),
          new Rule(
              "slack_token",
              Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
              f -> has(f, F_XOX)),
          new Rule(
              "aws_access_key_id",
              Pattern.compile("\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b"),
              f -> has(f, F_RUN20)),
          new Rule(
              "secret",
              Pattern.compile(
                  "(?i)\\bname[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9_.-]*(?:"
                      + SECRET_WORDS
                      + ")[\"']?\\s*[,\\r\\n]+\\s*-?\\s*[\"']?value[\"']?\\s*[:=]\\s*"
                      + VALUE),
              f -> has(f, F_SEP | F_NAME | F_VALUE) && (f & F_SECRET_WORD) != 0),
          new Rule(
              "secret",
              Pattern.compile(
                  "(?i)(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*(?:"
                      + SECRET_WORDS
                      + ")[\"']?\\s*[:=]\\s*"
                      + VALUE),
              f -> has(f, F_SEP) && (f & F_SECRET_WORD) != 0),
          new Rule(
              "aws_secret_access_key",
              Pattern.compile(
                  "(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                      + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
              f -> has(f, F_RUN40)));

  private static final Pattern DEFAULT_SENSITIVE_KEY =
      Pattern.compile("(?i)(?:.*[_.-])?(?:" + SECRET_WORDS + "|authorization|cookie|set-cookie)");

  private static final int KEY_CACHE_SIZE = 4096;
  private static final ConcurrentHashMap<String, Boolean> KEY_CACHE = new ConcurrentHashMap<>();

  private static final SecretRedactor DEFAULTS = builder().build();

  private final List<Rule> rules;
  private final List<Pattern> sensitiveKeys;

  private SecretRedactor(List<Rule> rules, List<Pattern> sensitiveKeys) {
    this.rules = List.copyOf(rules);
    this.sensitiveKeys = List.copyOf(sensitiveKeys);
  }

  /** The redactor with the default patterns. */
  public static SecretRedactor ofDefaults() {
    return DEFAULTS;
  }

  /**
   * The defaults with every pre-filter off: the slow reference the pre-filtered {@link
   * #ofDefaults()} must agree with (tests only).
   */
  static SecretRedactor unfilteredDefaults() {
    List<Rule> rules = new ArrayList<>();
    for (Rule r : DEFAULT_RULES) {
      rules.add(r.unfiltered());
    }
    return new SecretRedactor(
        rules,
        List.of(Pattern.compile(DEFAULT_SENSITIVE_KEY.pattern(), DEFAULT_SENSITIVE_KEY.flags())));
  }

  /** A builder starting from the default patterns. */
  public static Builder builder() {
    return new Builder();
  }

  /** The marker that replaces a secret of {@code kind}: {@code [REDACTED:kind]}. */
  public static String marker(String kind) {
    return MARKER_PREFIX + kind + "]";
  }

  /** {@code text} with every secret replaced by its marker. */
  public String redact(String text) {
    Objects.requireNonNull(text, "text");
    String current = text;
    // Repeat until nothing changes, so that redaction is idempotent even where rules overlap.
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      String next = current;
      int features = features(current);
      for (Rule rule : rules) {
        if (rule.mayMatch(features)) {
          String applied = rule.apply(next);
          if (applied != next) {
            next = applied;
            features = features(next);
          }
        }
      }
      if (next.equals(current)) {
        return next;
      }
      current = next;
    }
    return current;
  }

  /** A redacted copy of {@code json}; the input is not changed. */
  public JsonNode redact(JsonNode json) {
    Objects.requireNonNull(json, "json");
    if (json.isString()) {
      String text = json.stringValue();
      String safe = redact(text);
      // String nodes are immutable: one without a secret can be shared, not copied.
      return safe.equals(text) ? json : JsonNodeFactory.instance.stringNode(safe);
    }
    if (json.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : json) {
        out.add(redact(element));
      }
      return out;
    }
    if (json.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      boolean secretEnvEntry =
          json.path("name").isString() && isSensitiveKey(json.path("name").stringValue());
      for (Map.Entry<String, JsonNode> e : json.properties()) {
        JsonNode value = e.getValue();
        boolean sensitive =
            isSensitiveKey(e.getKey()) || (secretEnvEntry && e.getKey().equals("value"));
        if (sensitive && !value.isNull() && !isEmptyOrMarker(value)) {
          out.put(e.getKey(), marker("secret"));
        } else {
          out.set(e.getKey(), redact(value));
        }
      }
      return out;
    }
    return json.deepCopy();
  }

  /** Whether a JSON member named {@code key} holds a secret. */
  public boolean isSensitiveKey(String key) {
    for (Pattern p : sensitiveKeys) {
      if (p == DEFAULT_SENSITIVE_KEY ? isDefaultSensitiveKey(key) : p.matcher(key).matches()) {
        return true;
      }
    }
    return false;
  }

  // ---- pre-filters ----

  private static boolean has(int features, int all) {
    return (features & all) == all;
  }

  private static final byte C_UPPER_OR_DIGIT = 1;
  private static final byte C_BASE64 = 2;
  private static final byte C_LOOK = 4; // a character some feature starts with

  /** The class bits of each ASCII character, for {@link #features}. */
  private static final byte[] CHAR_CLASS = new byte[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      CHAR_CLASS[c] |= C_UPPER_OR_DIGIT | C_BASE64;
    }
    for (char c = '0'; c <= '9'; c++) {
      CHAR_CLASS[c] |= C_UPPER_OR_DIGIT | C_BASE64;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      CHAR_CLASS[c] |= C_BASE64;
    }
    CHAR_CLASS['/'] |= C_BASE64;
    CHAR_CLASS['+'] |= C_BASE64;
    for (char c : ":=@-exgh".toCharArray()) {
      CHAR_CLASS[c] |= C_LOOK;
    }
    for (char c : "pstkcabnv".toCharArray()) {
      CHAR_CLASS[c] |= C_LOOK;
      CHAR_CLASS[Character.toUpperCase(c)] |= C_LOOK;
    }
  }

  /** What {@code text} contains that some default rule needs, as {@code F_} bits: one pass. */
  static int features(String text) {
    int f = 0;
    int upperRun = 0;
    int base64Run = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int cls = c < 128 ? CHAR_CLASS[c] : 0;
      upperRun = (cls & C_UPPER_OR_DIGIT) != 0 ? upperRun + 1 : 0;
      base64Run = (cls & C_BASE64) != 0 ? base64Run + 1 : 0;
      if (base64Run >= 20) {
        if (upperRun >= 20) {
          f |= F_RUN20;
        }
        if (base64Run >= 40) {
          f |= F_RUN40;
        }
      }
      if ((cls & C_LOOK) != 0) {
        f |= look(text, i, c);
      }
    }
    return f;
  }

  /** The feature that starts at {@code i}, where the character {@code c} is, or 0. */
  private static int look(String text, int i, char c) {
    switch (c) {
      case ':':
        return text.startsWith("//", i + 1) ? F_SEP | F_SCHEME : F_SEP;
      case '=':
        return F_SEP;
      case '@':
        return F_AT;
      case '-':
        return text.startsWith("-----BEGIN ", i) ? F_BEGIN : 0;
      case 'e':
        return text.startsWith("eyJ", i) ? F_EYJ : 0;
      case 'x':
        return text.startsWith("xox", i) ? F_XOX : 0;
      case 'g':
        return text.startsWith("gh", i)
            ? F_GH
            : text.startsWith("github_pat_", i) ? F_GITHUB_PAT : 0;
      case 'h':
        return text.startsWith("hooks.slack.com/", i) ? F_SLACK_HOOK : 0;
      default:
        break;
    }
    switch (c | 0x20) {
      case 'p':
        return word(text, i, "pass", F_PASS);
      case 's':
        return word(text, i, "secret", F_SECRET);
      case 't':
        return word(text, i, "token", F_TOKEN);
      case 'k':
        return word(text, i, "key", F_KEY);
      case 'c':
        return word(text, i, "credential", F_CREDENTIAL) | word(text, i, "cookie", F_COOKIE);
      case 'a':
        return word(text, i, "authorization", F_AUTHORIZATION);
      case 'b':
        return word(text, i, "bearer", F_BEARER);
      case 'n':
        return word(text, i, "name", F_NAME);
      case 'v':
        return word(text, i, "value", F_VALUE);
      default:
        return 0;
    }
  }

  /**
   * {@code bit} if {@code text} has {@code word} (lower-case ASCII letters) at {@code i}, in any
   * ASCII case: as {@code (?i)} matches without {@code UNICODE_CASE}.
   */
  private static int word(String text, int i, String word, int bit) {
    int n = word.length();
    if (i + n > text.length()) {
      return 0;
    }
    for (int k = 1; k < n; k++) {
      if ((text.charAt(i + k) | 0x20) != word.charAt(k)) {
        return 0;
      }
    }
    return bit;
  }

  private static boolean mayBeDefaultSensitiveKey(String key) {
    return (features(key) & (F_SECRET_WORD | F_AUTHORIZATION | F_COOKIE)) != 0;
  }

  /**
   * Whether {@code key} is sensitive by the default key pattern; JSON member names come from a
   * small vocabulary, so answers are remembered (up to {@link #KEY_CACHE_SIZE} names).
   */
  private static boolean isDefaultSensitiveKey(String key) {
    Boolean known = KEY_CACHE.get(key);
    if (known != null) {
      return known;
    }
    boolean sensitive =
        mayBeDefaultSensitiveKey(key) && DEFAULT_SENSITIVE_KEY.matcher(key).matches();
    if (KEY_CACHE.size() < KEY_CACHE_SIZE && key.length() <= 64) {
      KEY_CACHE.put(key, sensitive);
    }
    return sensitive;
  }

  private static boolean isEmptyOrMarker(JsonNode value) {
    return value.isString()
        && (value.stringValue().isEmpty() || value.stringValue().startsWith(MARKER_PREFIX));
  }

  private static boolean overlaps(List<int[]> spans, int start, int end) {
    for (int[] span : spans) {
      if (start < span[1] && span[0] < end) {
        return true;
      }
    }
    return false;
  }

  /** One pattern: the named group that matched ({@code secret}, {@code dq}, ...) or the match. */
  private static final class Rule {
    private static final String[] GROUPS = {"secret", "dq", "sq", "bare"};

    private final String kind;
    private final Pattern pattern;
    private final IntPredicate mayMatch;
    private final List<String> groups = new ArrayList<>();

    /** A rule that always runs its pattern. */
    Rule(String kind, Pattern pattern) {
      this(kind, pattern, null);
    }

    /**
     * A rule whose pattern runs only on text whose {@link #features} satisfy {@code mayMatch}: a
     * necessary condition of a match, far cheaper than the pattern; {@code null} to run always.
     */
    Rule(String kind, Pattern pattern, IntPredicate mayMatch) {
      this.kind = kind;
      this.pattern = pattern;
      this.mayMatch = mayMatch;
      for (String group : GROUPS) {
        // Java 17 has no Pattern.namedGroups(): look for the group in the source.
        if (pattern.pattern().contains("(?<" + group + ">")) {
          groups.add(group);
        }
      }
    }

    /** The same rule without its pre-filter: to check that the pre-filter changes nothing. */
    Rule unfiltered() {
      return new Rule(kind, pattern);
    }

    /** Whether the pattern must run on a text with these {@link #features}. */
    boolean mayMatch(int features) {
      return mayMatch == null || mayMatch.test(features);
    }

    String apply(String text) {
      Matcher m = pattern.matcher(text);
      if (!m.find()) {
        return text;
      }
      // Markers already in the text are never matched into, so redaction stays idempotent.
      List<int[]> markers = new ArrayList<>();
      Matcher mm = MARKER.matcher(text);
      while (mm.find()) {
        markers.add(new int[] {mm.start(), mm.end()});
      }
      StringBuilder out = new StringBuilder(text.length());
      int copied = 0;
      do {
        int start = m.start();
        int end = m.end();
        for (String group : groups) {
          if (m.start(group) >= 0) {
            start = m.start(group);
            end = m.end(group);
            break;
          }
        }
        if (start == end || start < copied || overlaps(markers, start, end)) {
          continue;
        }
        out.append(text, copied, start).append(marker(kind));
        copied = end;
      } while (m.find());
      out.append(text, copied, text.length());
      return out.toString();
    }
  }

  /** Builds a {@link SecretRedactor}. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>(DEFAULT_RULES);
    private final List<Pattern> sensitiveKeys = new ArrayList<>(List.of(DEFAULT_SENSITIVE_KEY));

    private Builder() {}

    /** Drops the default patterns and sensitive key names. */
    public Builder withoutDefaults() {
      rules.clear();
      sensitiveKeys.clear();
      return this;
    }

    /**
     * Adds a pattern. If it has a named group {@code secret}, only that group is replaced;
     * otherwise the whole match is.
     *
     * @param kind the marker's kind: 1 to 40 of {@code [a-z0-9_]}
     * @param regex a Java regular expression
     * @throws IllegalArgumentException naming the kind, for a bad kind or regex
     */
    public Builder addPattern(String kind, String regex) {
      Objects.requireNonNull(regex, "regex");
      Pattern p;
      try {
        p = Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "addPattern(" + kind + "): invalid regex: " + e.getMessage(), e);
      }
      return addPattern(kind, p);
    }

    /** Adds a compiled pattern; see {@link #addPattern(String, String)}. */
    public Builder addPattern(String kind, Pattern pattern) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(pattern, "pattern");
      if (!KIND.matcher(kind).matches()) {
        throw new IllegalArgumentException(
            "addPattern: kind '" + kind + "' must be 1 to 40 of [a-z0-9_]");
      }
      rules.add(new Rule(kind, pattern));
      return this;
    }

    /**
     * Adds a regex (matched against the whole name) for JSON member names whose values are secret.
     */
    public Builder addSensitiveKey(String regex) {
      sensitiveKeys.add(Pattern.compile(regex));
      return this;
    }

    /** The redactor. */
    public SecretRedactor build() {
      return new SecretRedactor(rules, sensitiveKeys);
    }
  }
}
