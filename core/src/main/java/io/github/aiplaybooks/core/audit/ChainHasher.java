package io.github.aiplaybooks.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash of one chain link: SHA-256 (or HMAC-SHA256 with a key) over {@code prev_hash + "\n" +
 * canonical JSON of the event}, in lower-case hex. Shared by the writer and the verifier so they
 * cannot drift apart.
 */
final class ChainHasher {
  /** The {@code prev_hash} of the first line of a file. */
  static final String GENESIS = "0".repeat(64);

  static final String PREV_HASH = "prev_hash";
  static final String HASH = "hash";

  private final byte[] hmacKey;

  ChainHasher(byte[] hmacKey) {
    this.hmacKey = hmacKey == null ? null : hmacKey.clone();
  }

  /** The hash of an event (without the two hash members) linked to {@code prevHash}. */
  String hash(String prevHash, JsonNode eventWithoutHashes) {
    String input = prevHash + "\n" + CanonicalJson.write(eventWithoutHashes);
    if (hmacKey == null) {
      return CanonicalJson.sha256Hex(input);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
    }
  }

  /** The line to write for {@code event}, linked to {@code prevHash}; the new hash is in it. */
  ObjectNode link(String prevHash, ObjectNode event) {
    // Normalize first, so the hash is over exactly what a reader of the line will see.
    ObjectNode normalized = (ObjectNode) CanonicalJson.read(CanonicalJson.write(event));
    String hash = hash(prevHash, normalized);
    normalized.put(PREV_HASH, prevHash);
    normalized.put(HASH, hash);
    return normalized;
  }
}
