package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.CallerFaultException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the LLM types as JSON, in the Converse shape their Javadoc shows; every Jackson
 * failure becomes a {@link CallerFaultException} with code {@code LLM_JSON_INVALID} that names the
 * type and the member.
 *
 * <p>The mapper refuses duplicate keys, nesting deeper than {@value #MAX_NESTING_DEPTH} and
 * documents over 16 MiB, so a hostile file or answer cannot exhaust memory or the stack.
 *
 * <pre>{@code
 * String json = LlmJson.writeString(request);
 * LlmRequest back = LlmJson.read(json, LlmRequest.class, "cassette.json");
 * }</pre>
 */
public final class LlmJson {
  /** The deepest nesting the mapper reads. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final int MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxDocumentLength(MAX_DOCUMENT_CHARS)
                          .maxStringLength(MAX_DOCUMENT_CHARS)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          // Optional counts (latencyMs, token counts) default to 0 when absent.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private LlmJson() {}

  /** The mapper for the LLM types. Jackson 3 mappers are immutable, so sharing it is safe. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads {@code json} as {@code type}.
   *
   * @param source names where the JSON came from (a file name) in error messages
   * @throws CallerFaultException {@code LLM_JSON_INVALID}, naming the source, type and member
   */
  public static <T> T read(String json, Class<T> type, String source) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JacksonException e) {
      throw invalid(source, type, e);
    } catch (RuntimeException e) {
      throw new CallerFaultException(
          "LLM_JSON_INVALID",
          source + ": cannot read " + type.getSimpleName() + ": " + rootMessage(e),
          e);
    }
  }

  /**
   * Reads the tree {@code json} as {@code type}.
   *
   * @throws CallerFaultException {@code LLM_JSON_INVALID}, naming the source, type and member
   */
  public static <T> T read(JsonNode json, Class<T> type, String source) {
    try {
      return MAPPER.treeToValue(json, type);
    } catch (JacksonException e) {
      throw invalid(source, type, e);
    } catch (RuntimeException e) {
      throw new CallerFaultException(
          "LLM_JSON_INVALID",
          source + ": cannot read " + type.getSimpleName() + ": " + rootMessage(e),
          e);
    }
  }

  /** Writes {@code value} as a JSON tree. */
  public static JsonNode write(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Writes {@code value} as compact JSON text. */
  public static String writeString(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  private static CallerFaultException invalid(String source, Class<?> type, JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append('/').append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('/').append(ref.getIndex());
      }
    }
    String where = path.length() > 0 ? " at " + path : "";
    return new CallerFaultException(
        "LLM_JSON_INVALID",
        source + ": cannot read " + type.getSimpleName() + where + ": " + rootMessage(e),
        e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root instanceof JacksonException je ? je.getOriginalMessage() : root.getMessage();
    if (message == null) {
      message = root.getClass().getSimpleName();
    }
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }
}
