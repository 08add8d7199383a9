package io.github.aiplaybooks.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A canonical JSON text for hashing: object members sorted by name at every level, no whitespace,
 * numbers as the reader gives them back (floats kept exact as decimals). {@code
 * write(read(write(x)))} equals {@code write(x)}, so a hash over it survives a round trip through a
 * file.
 *
 * <pre>{@code
 * String hash = CanonicalJson.sha256Hex(CanonicalJson.write(event.toJson()));
 * }</pre>
 */
public final class CanonicalJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(200)
                          .maxDocumentLength(64L * 1024 * 1024)
                          .maxStringLength(64 * 1024 * 1024)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private CanonicalJson() {}

  /** The canonical text of {@code node}. */
  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(sorted(node));
  }

  /** Reads JSON text the way the canonical form expects (exact decimals, no duplicate keys). */
  public static JsonNode read(String json) {
    return MAPPER.readTree(json);
  }

  /** The canonical text after one round trip through text: the form to hash. */
  public static String normalize(JsonNode node) {
    return write(read(write(node)));
  }

  /** The lower-case hex SHA-256 of {@code text} in UTF-8. */
  public static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      entries.sort(Map.Entry.comparingByKey());
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : entries) {
        out.set(e.getKey(), sorted(e.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : node) {
        out.add(sorted(element));
      }
      return out;
    }
    return node;
  }
}
