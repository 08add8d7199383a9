package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call to a model, shaped after Converse's request: the model id, system prompts, the
 * conversation so far, the offered tools, inference parameters and request metadata.
 *
 * <p>Requests are immutable; build them with {@link #builder(String)} and derive the next turn with
 * {@link #toBuilder()}.
 *
 * <pre>{@code
 * LlmRequest request = LlmRequest.builder("anthropic.claude-3-sonnet-20240229-v1:0")
 *     .system(prompts.system().render(Map.of()))
 *     .message(Message.user("Classify this alert: " + alert))
 *     .inferenceConfig(InferenceConfig.builder().maxTokens(1024).temperature(0.0).build())
 *     .metadata(LlmRequest.METADATA_STEP, "2_classify")
 *     .build();
 * }</pre>
 *
 * @param modelId the model, such as {@code anthropic.claude-3-sonnet-20240229-v1:0}
 * @param system the system prompt blocks, possibly empty
 * @param messages the conversation, at least one message
 * @param toolConfig the offered tools, or {@code null} for none
 * @param inferenceConfig inference parameters, or {@code null} for the model's defaults
 * @param requestMetadata up to 16 string pairs for logs and test doubles (Converse's {@code
 *     requestMetadata}); see {@link #METADATA_STEP}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlmRequest(
    @JsonProperty("modelId") String modelId,
    @JsonProperty("system") List<SystemPrompt> system,
    @JsonProperty("messages") List<Message> messages,
    @JsonProperty("toolConfig") ToolConfiguration toolConfig,
    @JsonProperty("inferenceConfig") InferenceConfig inferenceConfig,
    @JsonProperty("requestMetadata") Map<String, String> requestMetadata) {

  /**
   * The metadata key under which the engine puts the playbook step that makes the call, such as
   * {@code 2_classify}. Test doubles ({@code ScriptedLlm}) answer by it.
   */
  public static final String METADATA_STEP = "playbooks.step";

  /** The metadata key under which the engine puts the run id. */
  public static final String METADATA_RUN_ID = "playbooks.run_id";

  /** The metadata key under which the engine puts the playbook name. */
  public static final String METADATA_PLAYBOOK = "playbooks.playbook";

  /** The most metadata pairs Converse accepts. */
  public static final int MAX_METADATA_ENTRIES = 16;

  /** The longest metadata key or value Converse accepts. */
  public static final int MAX_METADATA_LENGTH = 256;

  /** Checks the members, naming the one that is wrong, and copies the collections. */
  public LlmRequest {
    if (modelId == null || modelId.isBlank()) {
      throw new LlmInvalidRequestException("LlmRequest.modelId must not be blank");
    }
    system = system == null ? List.of() : List.copyOf(system);
    messages = List.copyOf(Objects.requireNonNull(messages, "LlmRequest.messages"));
    if (messages.isEmpty()) {
      throw new LlmInvalidRequestException("LlmRequest.messages must hold at least one message");
    }
    if (messages.get(0).role() != Role.USER) {
      throw new LlmInvalidRequestException(
          "LlmRequest.messages[0] must be a user message, was " + messages.get(0).role().wire());
    }
    requestMetadata = copyMetadata(requestMetadata);
  }

  private static Map<String, String> copyMetadata(Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw new LlmInvalidRequestException(
          "LlmRequest.requestMetadata holds "
              + metadata.size()
              + " entries; at most "
              + MAX_METADATA_ENTRIES
              + " are allowed");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if (key == null || key.isEmpty() || key.length() > MAX_METADATA_LENGTH) {
        throw new LlmInvalidRequestException(
            "LlmRequest.requestMetadata key '" + key + "' must be 1 to 256 characters");
      }
      if (value == null || value.length() > MAX_METADATA_LENGTH) {
        throw new LlmInvalidRequestException(
            "LlmRequest.requestMetadata['" + key + "'] must be a string of at most 256 characters");
      }
      copy.put(key, value);
    }
    return Collections.unmodifiableMap(copy);
  }

  /** The step that makes this call ({@link #METADATA_STEP}), or {@code null}. */
  public String step() {
    return requestMetadata.get(METADATA_STEP);
  }

  /** The text of the last user message, or an empty string. */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).text();
      }
    }
    return "";
  }

  /** A builder for a request to {@code modelId}. */
  public static Builder builder(String modelId) {
    return new Builder(modelId);
  }

  /** A builder holding this request's members: the way to add the next turn. */
  public Builder toBuilder() {
    Builder b = new Builder(modelId);
    b.system.addAll(system);
    b.messages.addAll(messages);
    b.toolConfig = toolConfig;
    b.inferenceConfig = inferenceConfig;
    b.requestMetadata.putAll(requestMetadata);
    return b;
  }

  /** Builds an {@link LlmRequest}. Not thread-safe. */
  public static final class Builder {
    private String modelId;
    private final List<SystemPrompt> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private ToolConfiguration toolConfig;
    private InferenceConfig inferenceConfig;
    private final Map<String, String> requestMetadata = new LinkedHashMap<>();

    private Builder(String modelId) {
      this.modelId = modelId;
    }

    /** Sets the model id. */
    public Builder modelId(String modelId) {
      this.modelId = modelId;
      return this;
    }

    /** Adds a system prompt block. */
    public Builder system(String text) {
      system.add(SystemPrompt.of(text));
      return this;
    }

    /** Replaces the system prompt blocks. */
    public Builder systemPrompts(List<SystemPrompt> prompts) {
      system.clear();
      system.addAll(prompts);
      return this;
    }

    /** Appends a message. */
    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Appends messages. */
    public Builder messages(List<Message> more) {
      for (Message m : more) {
        message(m);
      }
      return this;
    }

    /** Sets the offered tools, or {@code null} for none. */
    public Builder toolConfig(ToolConfiguration toolConfig) {
      this.toolConfig = toolConfig;
      return this;
    }

    /** Offers these tools with this choice. */
    public Builder tools(List<ToolSpec> tools, ToolChoice choice) {
      this.toolConfig = ToolConfiguration.of(tools, choice);
      return this;
    }

    /** Sets the inference parameters, or {@code null} for the model's defaults. */
    public Builder inferenceConfig(InferenceConfig inferenceConfig) {
      this.inferenceConfig = inferenceConfig;
      return this;
    }

    /** Puts one metadata pair, such as {@code (METADATA_STEP, "2_classify")}. */
    public Builder metadata(String key, String value) {
      requestMetadata.put(key, value);
      return this;
    }

    /**
     * The request.
     *
     * @throws LlmInvalidRequestException naming the member that is wrong
     */
    public LlmRequest build() {
      return new LlmRequest(
          modelId, system, messages, toolConfig, inferenceConfig, requestMetadata);
    }
  }
}
