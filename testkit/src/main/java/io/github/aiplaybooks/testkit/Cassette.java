package io.github.aiplaybooks.testkit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.core.audit.CanonicalJson;
import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.LlmJson;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.LlmResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A recorded conversation: every request a {@link RecordingLlm} saw, with the response or the typed
 * failure, in order. {@link ReplayLlm} answers from it. As JSON:
 *
 * <pre>{@code
 * {"version": 1, "interactions": [
 *   {"key": "3f2a…", "step": "2_classify", "request": {...Converse request...},
 *    "response": {...Converse response...}},
 *   {"key": "9b1c…", "step": "4_decide", "request": {...},
 *    "error": {"kind": "THROTTLED", "code": "LLM_THROTTLED", "message": "Rate exceeded"}}]}
 * }</pre>
 *
 * @param version the format version, 1
 * @param interactions the calls in the order they were made
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Cassette(
    @JsonProperty("version") int version,
    @JsonProperty("interactions") List<Interaction> interactions) {

  /** The format version this class writes and reads. */
  public static final int VERSION = 1;

  /** Checks the version and copies the list. */
  public Cassette {
    if (version != VERSION) {
      throw new ScriptedLlmException(
          "CASSETTE_INVALID",
          "Cassette version " + version + " is not supported (only " + VERSION + ")");
    }
    interactions = List.copyOf(Objects.requireNonNull(interactions, "interactions"));
  }

  /**
   * One call.
   *
   * @param key the request's stable key ({@link #keyOf})
   * @param step the step that made the call, or {@code null}
   * @param request the request
   * @param response the response, or {@code null} when the call failed
   * @param error the failure, or {@code null} when it succeeded
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Interaction(
      @JsonProperty("key") String key,
      @JsonProperty("step") String step,
      @JsonProperty("request") LlmRequest request,
      @JsonProperty("response") LlmResponse response,
      @JsonProperty("error") RecordedError error) {
    /** Checks there is a request and exactly one of response and error. */
    public Interaction {
      Objects.requireNonNull(key, "Interaction.key");
      Objects.requireNonNull(request, "Interaction.request");
      if ((response == null) == (error == null)) {
        throw new ScriptedLlmException(
            "CASSETTE_INVALID", "A cassette interaction needs exactly one of response and error");
      }
    }
  }

  /**
   * A typed failure, as recorded.
   *
   * @param kind what went wrong
   * @param code the exception's code
   * @param message the exception's message
   */
  public record RecordedError(
      @JsonProperty("kind") LlmFailure.Kind kind,
      @JsonProperty("code") String code,
      @JsonProperty("message") String message) {}

  /**
   * The stable key of a request: the SHA-256 of its canonical JSON without request metadata other
   * than the step. Run ids and other per-run metadata so do not stop a replay from matching.
   */
  public static String keyOf(LlmRequest request) {
    ObjectNode json = (ObjectNode) LlmJson.write(request);
    json.remove("requestMetadata");
    if (request.step() != null) {
      json.put("step", request.step());
    }
    return CanonicalJson.sha256Hex(CanonicalJson.write(json));
  }

  /**
   * Reads a cassette file.
   *
   * @throws ScriptedLlmException {@code CASSETTE_INVALID}, naming the file and member
   */
  public static Cassette read(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScriptedLlmException(
          "CASSETTE_INVALID", "Cannot read cassette " + file + ": " + e, e);
    }
    try {
      return LlmJson.read(json, Cassette.class, file.toString());
    } catch (io.github.aiplaybooks.PlaybooksException e) {
      if (e instanceof ScriptedLlmException s) {
        throw s;
      }
      throw new ScriptedLlmException("CASSETTE_INVALID", e.getMessage(), e);
    }
  }

  /** Writes this cassette to {@code file} as indented JSON, creating its directory. */
  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          file,
          LlmJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScriptedLlmException(
          "CASSETTE_INVALID", "Cannot write cassette " + file + ": " + e, e);
    }
  }
}
