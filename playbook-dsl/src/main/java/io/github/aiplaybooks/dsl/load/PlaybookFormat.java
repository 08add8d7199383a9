package io.github.aiplaybooks.dsl.load;

import java.util.Locale;
import java.util.Optional;

/** The text formats a playbook is read from and written to. */
public enum PlaybookFormat {
  /** JSON, as the seed writes playbooks. */
  JSON,
  /** YAML 1.2, what SREs keep in git. JSON is YAML too, so a JSON file reads either way. */
  YAML;

  /** The format a file name's extension names: {@code .json}, {@code .yaml} or {@code .yml}. */
  public static Optional<PlaybookFormat> forFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return Optional.of(YAML);
    }
    return Optional.empty();
  }
}
