package io.github.aiplaybooks.core.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one step of a run went.
 *
 * @param step the step's key, such as {@code 6_execute}
 * @param action the step's action, such as {@code run_remediation}
 * @param status how it ended
 * @param summary what it did, for people
 * @param startedAt when it started, by the engine's clock
 * @param finishedAt when it ended
 * @param error the error, for a step that failed unexpectedly, else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(
    @JsonProperty("step") String step,
    @JsonProperty("action") String action,
    @JsonProperty("status") StepStatus status,
    @JsonProperty("summary") String summary,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("error") String error) {

  /** Checks the required components. */
  public StepResult {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    summary = summary == null ? "" : summary;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** How long it took, by the engine's clock. */
  @JsonIgnore
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
