package io.github.aiplaybooks.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The default rules skip their regular expressions on text that cannot match them (a pre-filter,
 * for speed: redaction runs on every audit event). The pre-filters must never change a result:
 * checked against the same rules with every pre-filter off, on text built from the fragments
 * secrets are made of.
 */
class SecretRedactorPrefilterTest {
  private static final SecretRedactor FAST = SecretRedactor.ofDefaults();
  private static final SecretRedactor REFERENCE = SecretRedactor.unfilteredDefaults();

  private static final List<String> FRAGMENTS =
      List.of(
          "password",
          "PASSWORD",
          "Passwd",
          "pass",
          "secret",
          "Client_Secret",
          "token",
          "TOKEN",
          "api_key",
          "apikey",
          "access-key",
          "private_key",
          "credentials",
          "key",
          "name",
          "Name",
          "value",
          "VALUE",
          "authorization",
          "Authorization",
          "proxy-",
          "bearer ",
          "Bearer ",
          "basic ",
          ":",
          "=",
          ": ",
          " = ",
          "\"",
          "'",
          ",",
          "\n",
          "\r\n",
          " ",
          "-",
          "_",
          ".",
          "/",
          "+",
          "@",
          "://",
          "https://",
          "user",
          "hooks.slack.com/services/",
          "T000/B000/XXXX",
          "eyJ",
          "eyJhbGciOiJIUzI1NiJ9",
          ".",
          "ghp_",
          "github_pat_",
          "xoxb-",
          "1234567890",
          "AKIA",
          "ASIA",
          "A3TX",
          "ABCDEFGHIJKLMNOP",
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          "abcdefghij",
          "ABCDEFGHIJ",
          "0123456789",
          "-----BEGIN RSA PRIVATE KEY-----",
          "-----END RSA PRIVATE KEY-----",
          "MIIEpAIBAAKCAQEA",
          "[REDACTED:secret]",
          "[",
          "]",
          "{",
          "}",
          "cookie",
          "set-cookie",
          "DB_PASSWORD",
          "env",
          "x",
          // Whole secrets of every kind, so that every rule matches often:
          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig",
          "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
          "github_pat_11ABCDEFG0123456789_abcdefghij",
          "xoxb-1234567890-abcdef",
          "https://hooks.slack.com/services/T000/B000/XXXX",
          "https://admin:s3cr3t@db.example.com",
          "Authorization: Bearer abcdefgh12345678",
          "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
          "name: DB_PASSWORD\n  value: hunter22");

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(14).map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void preFiltersNeverChangeTheRedactedText(@ForAll("texts") String text) {
    assertThat(FAST.redact(text)).isEqualTo(REFERENCE.redact(text));
  }

  @Property(tries = 1000)
  void preFiltersNeverChangeWhichKeysAreSensitive(@ForAll("texts") String key) {
    assertThat(FAST.isSensitiveKey(key)).isEqualTo(REFERENCE.isSensitiveKey(key));
  }

  @Property(tries = 500)
  void arbitraryTextAgreesToo(@ForAll String text) {
    assertThat(FAST.redact(text)).isEqualTo(REFERENCE.redact(text));
  }

  @Test
  void theReferenceIsNotTriviallyEqual() {
    // The comparison above means something only if secrets are found at all.
    String text = "password=hunter22 AKIAIOSFODNN7EXAMPLE Bearer abcdefgh12345678";
    assertThat(REFERENCE.redact(text))
        .isEqualTo(FAST.redact(text))
        .doesNotContain("hunter22", "AKIAIOSFODNN7EXAMPLE", "abcdefgh12345678");
  }
}
