package io.github.aiplaybooks.core.llm;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What {@link StructuredOutput#ask} got: a {@link Valid} answer that conforms to the schema, an
 * {@link Invalid} one after every attempt, or {@link Unavailable} when the model could not be
 * asked. Only {@link Valid} carries an answer: an unvalidated one never leaves {@link
 * StructuredOutput}.
 *
 * <pre>{@code
 * StructuredResult r = structured.ask(request, StepSchemas.CLASSIFY);
 * if (r instanceof StructuredResult.Valid valid) {
 *   String severity = valid.value().get("severity").asString();
 * } else {
 *   // fall back: route on the alert's own fields and escalate
 * }
 * }</pre>
 */
public sealed interface StructuredResult {

  /** How many calls were made, re-asks included. */
  int attempts();

  /** The tokens all attempts used together. */
  TokenUsage usage();

  /** Whether the answer conforms to the schema. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /**
   * An answer that conforms to the schema. The tree is a copy the caller owns.
   *
   * @param value the answer, a JSON object that passed the schema
   * @param attempts the calls made, 1 when the first answer was valid
   * @param usage the tokens all attempts used
   */
  record Valid(JsonNode value, int attempts, TokenUsage usage) implements StructuredResult {
    /** Checks the members are present. */
    public Valid {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(usage, "usage");
    }
  }

  /**
   * Every attempt broke the schema.
   *
   * @param reasons what was wrong, one entry per attempt ({@code "attempt 2: /severity (enum):
   *     ..."})
   * @param attempts the calls made
   * @param usage the tokens all attempts used
   */
  record Invalid(List<String> reasons, int attempts, TokenUsage usage) implements StructuredResult {
    /** Copies the reasons. */
    public Invalid {
      reasons = List.copyOf(reasons);
      Objects.requireNonNull(usage, "usage");
    }
  }

  /**
   * The model could not be asked, or refused: throttled, unavailable, timed out, refused by a
   * guardrail, or the request was rejected.
   *
   * @param failure the typed failure (an exception implementing {@link LlmFailure})
   * @param attempts the calls made, the failed one included
   * @param usage the tokens the earlier attempts used
   */
  record Unavailable(LlmFailure failure, int attempts, TokenUsage usage)
      implements StructuredResult {
    /** Checks the members are present. */
    public Unavailable {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(usage, "usage");
    }

    /** What went wrong. */
    public LlmFailure.Kind kind() {
      return failure.kind();
    }

    /** The failure's message. */
    public String reason() {
      return failure.exception().getMessage();
    }
  }
}
