package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Inference parameters common to every model, as in Converse's {@code InferenceConfiguration}. Each
 * member is optional: {@code null} leaves the model's default.
 *
 * <pre>{@code
 * InferenceConfig config = InferenceConfig.builder().maxTokens(2048).temperature(0.0).build();
 * }</pre>
 *
 * @param maxTokens the most tokens the answer may have, at least 1, or {@code null}
 * @param temperature randomness, 0 to 1, or {@code null}
 * @param topP nucleus sampling, 0 to 1, or {@code null}
 * @param stopSequences sequences that stop generation (at most 2500 in Converse)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InferenceConfig(
    @JsonProperty("maxTokens") Integer maxTokens,
    @JsonProperty("temperature") Double temperature,
    @JsonProperty("topP") Double topP,
    @JsonProperty("stopSequences") List<String> stopSequences) {

  /** Checks the ranges, naming the member, and copies the list. */
  public InferenceConfig {
    if (maxTokens != null && maxTokens < 1) {
      throw new LlmInvalidRequestException(
          "InferenceConfig.maxTokens must be at least 1, was " + maxTokens);
    }
    checkUnit("temperature", temperature);
    checkUnit("topP", topP);
    stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
  }

  private static void checkUnit(String name, Double value) {
    if (value != null && !(value >= 0.0 && value <= 1.0)) {
      throw new LlmInvalidRequestException(
          "InferenceConfig." + name + " must be between 0 and 1, was " + value);
    }
  }

  /** A builder with every member unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these members. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxTokens = maxTokens;
    b.temperature = temperature;
    b.topP = topP;
    b.stopSequences = stopSequences;
    return b;
  }

  /** Builds an {@link InferenceConfig}. */
  public static final class Builder {
    private Integer maxTokens;
    private Double temperature;
    private Double topP;
    private List<String> stopSequences = List.of();

    private Builder() {}

    /** Sets the most tokens the answer may have. */
    public Builder maxTokens(Integer maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /** Sets the temperature, 0 to 1. */
    public Builder temperature(Double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** Sets top-p, 0 to 1. */
    public Builder topP(Double topP) {
      this.topP = topP;
      return this;
    }

    /** Sets the stop sequences. */
    public Builder stopSequences(List<String> stopSequences) {
      this.stopSequences = stopSequences;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws LlmInvalidRequestException naming the member out of range
     */
    public InferenceConfig build() {
      return new InferenceConfig(maxTokens, temperature, topP, stopSequences);
    }
  }
}
