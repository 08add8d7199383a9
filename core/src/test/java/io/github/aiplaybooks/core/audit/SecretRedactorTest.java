package io.github.aiplaybooks.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SecretRedactorTest {
  static final SecretRedactor R = SecretRedactor.ofDefaults();
  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  static final String GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  static final String SLACK = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp";

  @Test
  void awsAccessKeyIdsAndSecretKeys() {
    assertThat(R.redact("key " + AWS_KEY_ID + " used"))
        .isEqualTo("key [REDACTED:aws_access_key_id] used");
    assertThat(R.redact("ASIAY34FZKBOKMUTVV7A")).isEqualTo("[REDACTED:aws_access_key_id]");
    assertThat(R.redact("AWS_SECRET_ACCESS_KEY=" + AWS_SECRET))
        .isEqualTo("AWS_SECRET_ACCESS_KEY=[REDACTED:secret]");
    assertThat(R.redact("creds: " + AWS_SECRET + " end"))
        .isEqualTo("creds: [REDACTED:aws_secret_access_key] end");
  }

  @Test
  void bearerAuthorizationAndJwtTokens() {
    assertThat(R.redact("Authorization: Bearer abcdef1234567890"))
        .isEqualTo("Authorization: Bearer [REDACTED:authorization]");
    assertThat(R.redact("curl -H 'x: y' bearer abcdef1234567890=="))
        .isEqualTo("curl -H 'x: y' bearer [REDACTED:bearer_token]");
    assertThat(R.redact("id_token " + JWT + " ok")).isEqualTo("id_token [REDACTED:jwt] ok");
  }

  @Test
  void keyValuePairsInEnvLogsYamlAndJsonText() {
    assertThat(R.redact("DB_PASSWORD=hunter2 other=1"))
        .isEqualTo("DB_PASSWORD=[REDACTED:secret] other=1");
    assertThat(R.redact("login failed password: 'p@ss w0rd'"))
        .isEqualTo("login failed password: '[REDACTED:secret]'");
    assertThat(R.redact("{\"client_secret\": \"s3cr3t\", \"user\": \"bob\"}"))
        .isEqualTo("{\"client_secret\": \"[REDACTED:secret]\", \"user\": \"bob\"}");
    assertThat(R.redact("GITHUB_TOKEN=abc123;api_key=zzz"))
        .isEqualTo("GITHUB_TOKEN=[REDACTED:secret];api_key=[REDACTED:secret]");
    assertThat(
            R.redact(
                "env:\n  - name: DB_PASSWORD\n    value: hunter2\n  - name: LOG_LEVEL\n    value: info"))
        .isEqualTo(
            "env:\n  - name: DB_PASSWORD\n    value: [REDACTED:secret]\n  - name: LOG_LEVEL\n    value: info");
    assertThat(R.redact("{\"name\":\"API_TOKEN\",\"value\":\"t0k\"}"))
        .isEqualTo("{\"name\":\"API_TOKEN\",\"value\":\"[REDACTED:secret]\"}");
  }

  @Test
  void privateKeyBlocksEvenWhenCutOff() {
    String key =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1\nabc\n-----END RSA PRIVATE KEY-----";
    assertThat(R.redact("before\n" + key + "\nafter"))
        .isEqualTo("before\n[REDACTED:private_key]\nafter");
    assertThat(R.redact("log\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt\n[… truncated"))
        .isEqualTo("log\n[REDACTED:private_key]");
  }

  @Test
  void githubSlackAndUrlCredentials() {
    assertThat(R.redact("token " + GITHUB)).isEqualTo("token [REDACTED:github_token]");
    assertThat(R.redact("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"))
        .isEqualTo("[REDACTED:github_token]");
    assertThat(R.redact("slack " + SLACK)).isEqualTo("slack [REDACTED:slack_token]");
    assertThat(R.redact("post to https://hooks.slack.com/services/T000/B000/XXXXXXXX now"))
        .isEqualTo("post to [REDACTED:slack_webhook] now");
    assertThat(R.redact("jdbc postgres://admin:s3cret@db.internal:5432/app"))
        .isEqualTo("jdbc postgres://admin:[REDACTED:url_credentials]@db.internal:5432/app");
  }

  @Test
  void normalOperationalTextIsUntouched() {
    List<String> normal =
        List.of(
            "Pod api-service-abc123 is in CrashLoopBackOff",
            "Analysis: Pod is crashing due to OOMKilled (exit code 137). Memory limit is 256Mi.",
            "kubectl://patch deployment api-service -n default -p '{\"spec\":{\"replicas\":3}}'",
            "commit 9c4e1bd3a0f4b8e2c1d7a6b5f4e3d2c1b0a9f8e7 merged",
            "input_tokens: 1200, output_tokens: 300, max_tokens=2048",
            "trace 1-5759e988-bd862e3fe1be46a994272793 took 512ms at 2024-01-01T00:00:00Z",
            "https://console.aws.amazon.com/cloudwatch/home?region=us-gov-west-1#logs",
            "The secret_name field names a Kubernetes Secret; tokenizer ok; passwords rotated.",
            "node ip-10-0-1-1.ec2.internal NotReady; uid 123e4567-e89b-12d3-a456-426614174000");
    for (String text : normal) {
      assertThat(R.redact(text)).as(text).isEqualTo(text);
    }
  }

  @Test
  void jsonIsRedactedRecursivelyByKeyAndByText() {
    JsonNode in =
        JSON.readTree(
            "{\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\"},"
                + "{\"name\":\"LOG_LEVEL\",\"value\":\"info\"}],"
                + "\"AWS_SESSION_TOKEN\":\"IQoJb3JpZ2luX2Vj\",\"input_tokens\":1200,"
                + "\"auth\":{\"password\":{\"nested\":true}},"
                + "\"log\":\"using "
                + AWS_KEY_ID
                + "\",\"empty_password\":\"\"}");

    JsonNode out = R.redact(in);

    assertThat(out.at("/env/0/value").asString()).isEqualTo("[REDACTED:secret]");
    assertThat(out.at("/env/1/value").asString()).isEqualTo("info");
    assertThat(out.get("AWS_SESSION_TOKEN").asString()).isEqualTo("[REDACTED:secret]");
    assertThat(out.get("input_tokens").asInt()).isEqualTo(1200);
    assertThat(out.at("/auth/password").asString()).isEqualTo("[REDACTED:secret]");
    assertThat(out.get("log").asString()).isEqualTo("using [REDACTED:aws_access_key_id]");
    assertThat(out.get("empty_password").asString()).isEmpty();
    assertThat(in.at("/env/0/value").asString()).isEqualTo("hunter2");
    assertThat(R.redact(out)).isEqualTo(out);
  }

  @Test
  void extraPatternsAndKeysAreConfigurable() {
    SecretRedactor custom =
        SecretRedactor.builder()
            .addPattern("employee_id", "EMP-[0-9]{6}")
            .addPattern("pin", "pin (?<secret>[0-9]{4})")
            .addSensitiveKey("(?i)ssn")
            .build();
    assertThat(custom.redact("EMP-123456 pin 9876 " + AWS_KEY_ID))
        .isEqualTo("[REDACTED:employee_id] pin [REDACTED:pin] [REDACTED:aws_access_key_id]");
    assertThat(custom.redact(JSON.readTree("{\"SSN\":\"123-45-6789\"}")).get("SSN").asString())
        .isEqualTo("[REDACTED:secret]");
    SecretRedactor only = SecretRedactor.builder().withoutDefaults().addPattern("x", "x+").build();
    assertThat(only.redact("xx " + AWS_KEY_ID)).isEqualTo("[REDACTED:x] " + AWS_KEY_ID);
    assertThatThrownBy(() -> SecretRedactor.builder().addPattern("Bad Kind", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad Kind");
    assertThatThrownBy(() -> SecretRedactor.builder().addPattern("k", "("))
        .hasMessageContaining("addPattern(k)");
  }

  @Provide
  Arbitrary<String> textWithSecrets() {
    Arbitrary<String> secrets =
        Arbitraries.of(
            AWS_KEY_ID,
            AWS_SECRET,
            JWT,
            GITHUB,
            SLACK,
            "Bearer abcdefgh12345678",
            "password=hunter2",
            "token: 'x y'",
            "\"api_key\": \"\"",
            "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----\nabc",
            "https://u:p@h",
            "name: X_SECRET\n value: v",
            "[REDACTED:secret]",
            "[REDACTED:",
            "Authorization: Basic dXNlcjpwYXNz");
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(20);
    Arbitrary<String> separators = Arbitraries.of(" ", "\n", "=", ":", "\"", "'", "", "@", "/");
    return Arbitraries.oneOf(secrets, noise, separators)
        .list()
        .ofMaxSize(12)
        .map(parts -> String.join("", parts));
  }

  @Property(tries = 500)
  void redactionIsIdempotentAndOnlyEverReplaces(@ForAll("textWithSecrets") String text) {
    String once = R.redact(text);
    assertThat(R.redact(once)).isEqualTo(once);
    String withoutMarkers = once.replaceAll("\\[REDACTED:[a-z0-9_]+\\]", "");
    assertThat(withoutMarkers.length()).isLessThanOrEqualTo(text.length());
  }

  @Property(tries = 300)
  void arbitraryTextIsRedactedIdempotently(@ForAll String text) {
    String once = R.redact(text);
    assertThat(R.redact(once)).isEqualTo(once);
    assertThat(once.replaceAll("\\[REDACTED:[a-z0-9_]+\\]", "").length())
        .isLessThanOrEqualTo(text.length());
  }
}
