package io.github.aiplaybooks.core.condition;

import java.util.Objects;

/**
 * JSON pointers (RFC 6901), as every error message of AI Playbooks names a place in a JSON or YAML
 * document: {@code /require_approval/2}, {@code /facts/my~1fact}.
 *
 * <pre>{@code
 * JsonPointers.escape("a/b~c");              // "a~1b~0c"
 * JsonPointers.child("/facts", "a/b");       // "/facts/a~1b"
 * }</pre>
 */
public final class JsonPointers {
  private JsonPointers() {}

  /**
   * {@code token} (an object key) escaped for a JSON pointer: {@code ~} as {@code ~0}, {@code /} as
   * {@code ~1}.
   */
  public static String escape(String token) {
    Objects.requireNonNull(token, "token");
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /**
   * The pointer of the member {@code token} of the value at {@code parent}: {@code parent/token},
   * escaped.
   */
  public static String child(String parent, String token) {
    Objects.requireNonNull(parent, "parent");
    return parent + "/" + escape(token);
  }
}
