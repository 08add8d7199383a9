package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.llm.ContentBlock;
import io.github.aiplaybooks.core.llm.LlmClient;
import io.github.aiplaybooks.core.llm.LlmFailure;
import io.github.aiplaybooks.core.llm.LlmInvalidRequestException;
import io.github.aiplaybooks.core.llm.LlmJson;
import io.github.aiplaybooks.core.llm.LlmRefusedException;
import io.github.aiplaybooks.core.llm.LlmRequest;
import io.github.aiplaybooks.core.llm.LlmResponse;
import io.github.aiplaybooks.core.llm.LlmThrottledException;
import io.github.aiplaybooks.core.llm.LlmUnavailableException;
import io.github.aiplaybooks.core.llm.Message;
import io.github.aiplaybooks.core.llm.StopReason;
import io.github.aiplaybooks.core.llm.TokenUsage;
import io.github.aiplaybooks.core.llm.ToolChoice;
import io.github.aiplaybooks.core.llm.ToolConfiguration;
import io.github.aiplaybooks.core.llm.ToolOutputLimiter;
import io.github.aiplaybooks.core.llm.ToolSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A model that answers from a script, for tests: per playbook step (the {@link
 * LlmRequest#METADATA_STEP} metadata the engine sets), or by a matcher on the request. Answers for
 * a step (or a matcher) are given in order; {@link ScriptedAnswer#times(int)} repeats one.
 *
 * <p>It fails loudly: a call that no remaining answer matches throws {@link ScriptedLlmException}
 * ({@code SCRIPTED_LLM_UNEXPECTED_CALL}) naming the call and listing what was expected, and {@link
 * #verify()} throws if scripted answers were never used. Usage is estimated from the request and
 * answer lengths unless scripted. Tool-use ids are {@code tooluse-1}, {@code tooluse-2}, ... by
 * call number, so runs are deterministic. Thread-safe.
 *
 * <p>A script can also be loaded from JSON ({@link #fromFile(Path)}); the format is documented in
 * the module's README.
 *
 * <pre>{@code
 * ScriptedLlm llm = ScriptedLlm.builder()
 *     .onStep("2_classify", ScriptedAnswer.json(classification))
 *     .onStep("4_decide", ScriptedAnswer.failure(LlmFailure.Kind.THROTTLED))
 *     .onStep("4_decide", ScriptedAnswer.json(plan))
 *     .when("asks about OOMKilled", r -> r.lastUserText().contains("OOMKilled"), ScriptedAnswer.text("raise the limit"))
 *     .build();
 * ... run the playbook ...
 * llm.verify();
 * }</pre>
 */
public final class ScriptedLlm implements LlmClient {
  private static final String REMOTE = "scripted-llm";

  /** A queue of answers for one step or matcher. */
  static final class Entry {
    final String step;
    final String description;
    final Predicate<LlmRequest> matcher;
    final ScriptedAnswer answer;
    int left;

    Entry(String step, String description, Predicate<LlmRequest> matcher, ScriptedAnswer answer) {
      this.step = step;
      this.description = description;
      this.matcher = matcher;
      this.answer = answer;
      this.left = answer.times();
    }

    String label() {
      return step != null ? "step " + step : "when '" + description + "'";
    }
  }

  private final List<Entry> entries;
  private final List<LlmRequest> requests = new ArrayList<>();
  private int calls;

  private ScriptedLlm(List<Entry> entries) {
    this.entries = entries;
  }

  /** A builder for an empty script. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a script from a JSON file (format in the testkit README).
   *
   * @throws ScriptedLlmException {@code SCRIPTED_LLM_SCRIPT_INVALID}, naming the file and the JSON
   *     pointer of the problem
   */
  public static ScriptedLlm fromFile(Path file) {
    return ScriptFile.load(file);
  }

  /**
   * Loads a script from JSON text.
   *
   * @param source names the script in error messages
   */
  public static ScriptedLlm fromJson(String json, String source) {
    return ScriptFile.parse(json, source);
  }

  @Override
  public synchronized LlmResponse converse(LlmRequest request) {
    Objects.requireNonNull(request, "request");
    calls++;
    requests.add(request);
    Entry entry = find(request);
    if (entry == null) {
      throw new ScriptedLlmException("SCRIPTED_LLM_UNEXPECTED_CALL", unexpected(request));
    }
    entry.left--;
    return answer(entry.answer, request);
  }

  private Entry find(LlmRequest request) {
    String step = request.step();
    if (step != null) {
      for (Entry e : entries) {
        if (e.left > 0 && step.equals(e.step)) {
          return e;
        }
      }
    }
    for (Entry e : entries) {
      if (e.left > 0 && e.matcher != null && e.matcher.test(request)) {
        return e;
      }
    }
    return null;
  }

  private String unexpected(LlmRequest request) {
    StringBuilder out = new StringBuilder();
    out.append("ScriptedLlm: unexpected call #")
        .append(calls)
        .append(" for step ")
        .append(request.step() == null ? "(none)" : "'" + request.step() + "'")
        .append(", model ")
        .append(request.modelId());
    ToolConfiguration tools = request.toolConfig();
    if (tools != null) {
      List<String> names = new ArrayList<>();
      for (ToolSpec t : tools.tools()) {
        names.add(t.name());
      }
      out.append(", tools ").append(names);
    }
    out.append(", last user text \"")
        .append(ScriptedAnswer.abbreviate(request.lastUserText(), 120))
        .append("\". ");
    out.append(describeRemaining("Expected"));
    return out.toString();
  }

  private String describeRemaining(String prefix) {
    List<String> left = new ArrayList<>();
    List<String> usedUp = new ArrayList<>();
    for (Entry e : entries) {
      if (e.left > 0) {
        left.add(e.label() + ": " + e.answer + " (" + e.left + " left)");
      } else if (!usedUp.contains(e.label())) {
        usedUp.add(e.label());
      }
    }
    StringBuilder out = new StringBuilder(prefix).append(": ");
    out.append(left.isEmpty() ? "no answers left" : String.join("; ", left));
    if (!usedUp.isEmpty()) {
      out.append(". Used up: ").append(String.join(", ", usedUp));
    }
    return out.toString();
  }

  private LlmResponse answer(ScriptedAnswer a, LlmRequest request) {
    String id = "tooluse-" + calls;
    Message message;
    StopReason natural;
    switch (a.kind()) {
      case TEXT:
        message = Message.assistant(a.text());
        natural = StopReason.END_TURN;
        break;
      case JSON:
        String tool = answeringTool(request.toolConfig());
        if (tool != null) {
          message = Message.assistant(List.of(new ContentBlock.ToolUse(id, tool, a.json())));
          natural = StopReason.TOOL_USE;
        } else {
          message = Message.assistant(a.json().toString());
          natural = StopReason.END_TURN;
        }
        break;
      case TOOL_USE:
        message = Message.assistant(List.of(new ContentBlock.ToolUse(id, a.toolName(), a.json())));
        natural = StopReason.TOOL_USE;
        break;
      case GUARDRAIL:
        message = Message.assistant("Sorry, I can't help with that.");
        natural = StopReason.GUARDRAIL_INTERVENED;
        break;
      case FAILURE:
        throw failure(a.failure(), request);
      default:
        throw new IllegalStateException("unknown answer kind " + a.kind());
    }
    StopReason stop = a.stopReasonOrNull() == null ? natural : a.stopReasonOrNull();
    TokenUsage usage = a.usageOrNull();
    if (usage == null) {
      usage =
          TokenUsage.of(
              ToolOutputLimiter.estimateTokens(LlmJson.writeString(request)),
              ToolOutputLimiter.estimateTokens(LlmJson.writeString(message)));
    }
    return new LlmResponse(message, stop, usage, 0);
  }

  private static String answeringTool(ToolConfiguration config) {
    if (config == null) {
      return null;
    }
    if (config.toolChoice() instanceof ToolChoice.Specific specific) {
      return specific.name();
    }
    return config.tools().size() == 1 ? config.tools().get(0).name() : null;
  }

  static RuntimeException failure(LlmFailure.Kind kind, LlmRequest request) {
    String step = request.step() == null ? "" : " (step " + request.step() + ")";
    switch (kind) {
      case THROTTLED:
        return new LlmThrottledException(REMOTE, "Scripted throttling" + step, null);
      case UNAVAILABLE:
        return LlmUnavailableException.unavailable(REMOTE, "Scripted outage" + step, null);
      case TIMEOUT:
        return LlmUnavailableException.timeout(REMOTE, "Scripted timeout" + step, null);
      case REFUSED:
        return LlmRefusedException.refused(REMOTE, "Scripted refusal" + step, null);
      case INVALID_REQUEST:
        return new LlmInvalidRequestException("Scripted invalid request" + step);
      default:
        throw new IllegalStateException("unknown failure " + kind);
    }
  }

  /**
   * Checks every scripted answer was used.
   *
   * @throws ScriptedLlmException {@code SCRIPTED_LLM_UNUSED_ANSWERS}, listing the answers left
   */
  public synchronized void verify() {
    for (Entry e : entries) {
      if (e.left > 0) {
        throw new ScriptedLlmException(
            "SCRIPTED_LLM_UNUSED_ANSWERS",
            "ScriptedLlm: "
                + calls
                + " calls made, but answers are left. "
                + describeRemaining("Left"));
      }
    }
  }

  /** Every request received, in order. */
  public synchronized List<LlmRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests made for {@code step}, in order. */
  public synchronized List<LlmRequest> requests(String step) {
    List<LlmRequest> out = new ArrayList<>();
    for (LlmRequest r : requests) {
      if (step.equals(r.step())) {
        out.add(r);
      }
    }
    return out;
  }

  /** How many answers are left in the script. */
  public synchronized int remaining() {
    int left = 0;
    for (Entry e : entries) {
      left += e.left;
    }
    return left;
  }

  /** Builds a {@link ScriptedLlm}. Answers are used in the order they are added. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /** Answers the next call for {@code step} with {@code answer}. */
    public Builder onStep(String step, ScriptedAnswer answer) {
      Objects.requireNonNull(step, "step");
      entries.add(new Entry(step, null, null, Objects.requireNonNull(answer, "answer")));
      return this;
    }

    /**
     * Answers the next call that {@code matcher} accepts (and no step answer took) with {@code
     * answer}.
     *
     * @param description names the matcher in failure messages
     */
    public Builder when(String description, Predicate<LlmRequest> matcher, ScriptedAnswer answer) {
      entries.add(
          new Entry(
              null,
              Objects.requireNonNull(description, "description"),
              Objects.requireNonNull(matcher, "matcher"),
              Objects.requireNonNull(answer, "answer")));
      return this;
    }

    /** The scripted model. */
    public ScriptedLlm build() {
      List<Entry> copy = new ArrayList<>();
      for (Entry e : entries) {
        copy.add(new Entry(e.step, e.description, e.matcher, e.answer));
      }
      return new ScriptedLlm(copy);
    }
  }
}
