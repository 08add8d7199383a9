package io.github.aiplaybooks.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  private static final List<Rule> DEFAULT_RULES =
      List.of(
          new Rule(
              "private_key",
              Pattern.compile(
                  "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
                      + "(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|.*\\z)",
                  Pattern.DOTALL)),
          new Rule(
              "url_credentials",
              Pattern.compile(
                  "\\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\\s:/@\\[\\]]+:(?<secret>[^\\s@/\\[\\]]+)@")),
          new Rule(
              "slack_webhook",
              Pattern.compile(
                  "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]+")),
          new Rule(
              "jwt",
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*")),
          new Rule(
              "authorization",
              Pattern.compile(
                  "(?i)\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?"
                      + "(?:bearer|basic|token|digest|aws4-hmac-sha256)?\\s*"
                      + "(?<secret>[^\\s\"',;\\[\\]]{8,})")),
          new Rule(
              "bearer_token",
              Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)")),
          new Rule(
              "github_token",
              Pattern.compile(
                  "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b")),
          new Rule("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
          new Rule(
              "aws_access_key_id",
              Pattern.compile("\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b")),
          new Rule(
              "secret",
              Pattern.compile(
                  "(?i)\\bname[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9_.-]*(?:"
                      + SECRET_WORDS
                      + ")[\"']?\\s*[,\\r\\n]+\\s*-?\\s*[\"']?value[\"']?\\s*[:=]\\s*"
                      + VALUE)),
          new Rule(
              "secret",
              Pattern.compile(
                  "(?i)(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*(?:"
                      + SECRET_WORDS
                      + ")[\"']?\\s*[:=]\\s*"
                      + VALUE)),
          new Rule(
              "aws_secret_access_key",
              Pattern.compile(
                  "(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                      + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")));

  private static final Pattern DEFAULT_SENSITIVE_KEY =
      Pattern.compile("(?i)(?:.*[_.-])?(?:" + SECRET_WORDS + "|authorization|cookie|set-cookie)");

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
      for (Rule rule : rules) {
        next = rule.apply(next);
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
      return JsonNodeFactory.instance.stringNode(redact(json.stringValue()));
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
      if (p.matcher(key).matches()) {
        return true;
      }
    }
    return false;
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
    private final List<String> groups = new ArrayList<>();

    Rule(String kind, Pattern pattern) {
      this.kind = kind;
      this.pattern = pattern;
      for (String group : GROUPS) {
        // Java 17 has no Pattern.namedGroups(): look for the group in the source.
        if (pattern.pattern().contains("(?<" + group + ">")) {
          groups.add(group);
        }
      }
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
