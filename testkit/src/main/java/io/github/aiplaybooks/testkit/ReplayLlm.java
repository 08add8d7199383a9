package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.llm.LlmInvalidRequestException;
import io.github.aiplaybooks.core.llm.LlmJson;
import io.github.aiplaybooks.core.llm.LlmRefusedException;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.LlmResponse;
import io.github.aiplaybooks.core.llm.LlmThrottledException;
import io.github.aiplaybooks.core.llm.LlmUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Answers from a {@link Cassette}, deterministically: each request is matched by its stable key
 * ({@link Cassette#keyOf}); the n-th request with a key gets the n-th recorded answer with that
 * key, and recorded failures are thrown again as the same typed exceptions.
 *
 * <p>A request that was not recorded fails with {@link ScriptedLlmException} ({@code
 * CASSETTE_MISMATCH}) that shows the closest recorded request (same step, not yet replayed) and the
 * first JSON pointer where the two differ. {@link #verify()} checks every interaction was replayed.
 * Thread-safe.
 *
 * <pre>{@code
 * ReplayLlm llm = ReplayLlm.from(Path.of("src/test/resources/cassettes/oom.json"));
 * ... run the playbook with llm ...
 * llm.verify();
 * }</pre>
 */
public final class ReplayLlm implements LlmClient {
  private static final String REMOTE = "replay";

  private final String source;
  private final List<Cassette.Interaction> left;
  private int calls;

  private ReplayLlm(Cassette cassette, String source) {
    this.left = new ArrayList<>(cassette.interactions());
    this.source = source;
  }

  /** Replays the cassette in {@code file}. */
  public static ReplayLlm from(Path file) {
    return new ReplayLlm(Cassette.read(file), file.toString());
  }

  /** Replays {@code cassette}. */
  public static ReplayLlm of(Cassette cassette) {
    return new ReplayLlm(Objects.requireNonNull(cassette, "cassette"), "cassette");
  }

  @Override
  public synchronized LlmResponse converse(LlmRequest request) {
    calls++;
    String key = Cassette.keyOf(request);
    for (Iterator<Cassette.Interaction> it = left.iterator(); it.hasNext(); ) {
      Cassette.Interaction i = it.next();
      if (i.key().equals(key)) {
        it.remove();
        if (i.error() != null) {
          throw rethrow(i.error());
        }
        return i.response();
      }
    }
    throw new ScriptedLlmException("CASSETTE_MISMATCH", mismatch(request, key));
  }

  private String mismatch(LlmRequest request, String key) {
    StringBuilder out =
        new StringBuilder("ReplayLlm (")
            .append(source)
            .append("): call #")
            .append(calls)
            .append(" for step ")
            .append(request.step() == null ? "(none)" : "'" + request.step() + "'")
            .append(" with key ")
            .append(key, 0, 12)
            .append("… was not recorded.");
    Cassette.Interaction closest = null;
    for (Cassette.Interaction i : left) {
      if (Objects.equals(i.step(), request.step())) {
        closest = i;
        break;
      }
    }
    if (closest == null && !left.isEmpty()) {
      closest = left.get(0);
    }
    if (closest == null) {
      return out.append(" Every recorded interaction was already replayed.").toString();
    }
    JsonNode recorded = withoutMetadata(closest.request());
    JsonNode actual = withoutMetadata(request);
    String pointer = firstDifference(recorded, actual, "");
    out.append(" The closest recorded request (step ")
        .append(closest.step() == null ? "(none)" : "'" + closest.step() + "'")
        .append(") differs at ")
        .append(pointer == null ? "(request metadata only)" : pointer.isEmpty() ? "/" : pointer);
    if (pointer != null) {
      out.append(": recorded ")
          .append(excerpt(recorded.at(pointer)))
          .append(", got ")
          .append(excerpt(actual.at(pointer)));
    }
    out.append(". ").append(left.size()).append(" recorded interactions are left.");
    return out.toString();
  }

  private static JsonNode withoutMetadata(LlmRequest request) {
    var json = (tools.jackson.databind.node.ObjectNode) LlmJson.write(request);
    json.remove("requestMetadata");
    return json;
  }

  private static String excerpt(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "(nothing)";
    }
    return ScriptedAnswer.abbreviate(node.toString(), 80);
  }

  /** The JSON pointer of the first difference, or {@code null} when equal. */
  static String firstDifference(JsonNode a, JsonNode b, String at) {
    if (a.equals(b)) {
      return null;
    }
    if (a.isObject() && b.isObject()) {
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        if (!b.has(e.getKey())) {
          return child;
        }
        String d = firstDifference(e.getValue(), b.get(e.getKey()), child);
        if (d != null) {
          return d;
        }
      }
      for (String name : b.propertyNames()) {
        if (!a.has(name)) {
          return at + "/" + name.replace("~", "~0").replace("/", "~1");
        }
      }
      return at;
    }
    if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        String d = firstDifference(a.get(i), b.get(i), at + "/" + i);
        if (d != null) {
          return d;
        }
      }
      return at + "/" + Math.min(a.size(), b.size());
    }
    return at;
  }

  private static RuntimeException rethrow(Cassette.RecordedError e) {
    String message = "Replayed: " + e.message();
    switch (e.kind()) {
      case THROTTLED:
        return new LlmThrottledException(REMOTE, message, null);
      case UNAVAILABLE:
        return LlmUnavailableException.unavailable(REMOTE, message, null);
      case TIMEOUT:
        return LlmUnavailableException.timeout(REMOTE, message, null);
      case REFUSED:
        return "LLM_GUARDRAIL_INTERVENED".equals(e.code())
            ? LlmRefusedException.guardrail(REMOTE, message, null)
            : LlmRefusedException.refused(REMOTE, message, null);
      default:
        return new LlmInvalidRequestException(message);
    }
  }

  /**
   * Checks every recorded interaction was replayed.
   *
   * @throws ScriptedLlmException {@code CASSETTE_UNUSED}, listing the steps left
   */
  public synchronized void verify() {
    if (!left.isEmpty()) {
      List<String> steps = new ArrayList<>();
      for (Cassette.Interaction i : left) {
        steps.add(i.step() == null ? "(none)" : i.step());
      }
      throw new ScriptedLlmException(
          "CASSETTE_UNUSED",
          "ReplayLlm ("
              + source
              + "): "
              + left.size()
              + " recorded interactions were not replayed, for steps "
              + steps);
    }
  }

  /** How many recorded interactions are left. */
  public synchronized int remaining() {
    return left.size();
  }
}
