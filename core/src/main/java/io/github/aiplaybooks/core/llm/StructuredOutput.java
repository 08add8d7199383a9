package io.github.aiplaybooks.core.llm;

import io.github.aiplaybooks.PlaybooksException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a model for an answer that conforms to an {@link OutputSchema}, re-asks with the validation
 * errors, and returns a typed {@link StructuredResult}: never an unvalidated answer.
 *
 * <p>How it asks depends on the {@link Mode}. By default ({@link Mode#FORCED_TOOL}) it offers one
 * tool whose input schema is the output schema and forces it with {@code toolChoice: tool(name)}.
 * Whatever the mode, it also accepts a JSON object in a text answer (bare, in a Markdown code
 * fence, or inside prose) for models that answer in text.
 *
 * <p>An answer must be a JSON object within the size limits ({@link Builder#maxAnswerChars}, {@link
 * Builder#maxDepth}, {@link Builder#maxNodes}) and pass the schema. When it does not, the model is
 * re-asked at most {@link Builder#maxReasks} times: the conversation continues with the model's
 * answer and a {@code toolResult} with status {@code error} (or, for a text answer, a user message)
 * that names each failing JSON pointer. A refusal ({@code guardrail_intervened}, {@code
 * content_filtered}) or a typed {@link LlmFailure} ends the attempt as {@link
 * StructuredResult.Unavailable}. Other exceptions from the client propagate.
 *
 * <p>Instances are immutable and thread-safe if the client is.
 *
 * <pre>{@code
 * StructuredOutput structured = StructuredOutput.builder(llm).maxReasks(2).build();
 * StructuredResult r = structured.ask(request, StepSchemas.CLASSIFY);
 * }</pre>
 */
public final class StructuredOutput {

  /** How the model is asked to answer. */
  public enum Mode {
    /** Offer the schema as a tool and force it with {@code toolChoice: tool(name)} (default). */
    FORCED_TOOL,
    /** Offer the schema as a tool with {@code toolChoice: any}, for models without named choice. */
    ANY_TOOL,
    /** Offer no tool: append the schema to the last user message and read JSON from the text. */
    TEXT
  }

  /** The default number of re-asks: 2, so at most 3 attempts. */
  public static final int DEFAULT_MAX_REASKS = 2;

  private final LlmClient client;
  private final int maxReasks;
  private final Mode mode;
  private final int maxAnswerChars;
  private final int maxDepth;
  private final int maxNodes;
  private final AnswerReader reader;

  private StructuredOutput(Builder b) {
    this.client = b.client;
    this.maxReasks = b.maxReasks;
    this.mode = b.mode;
    this.maxAnswerChars = b.maxAnswerChars;
    this.maxDepth = b.maxDepth;
    this.maxNodes = b.maxNodes;
    this.reader = new AnswerReader(maxAnswerChars, maxDepth, maxNodes);
  }

  /** A builder asking through {@code client}. */
  public static Builder builder(LlmClient client) {
    return new Builder(client);
  }

  /** A builder holding this instance's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(client);
    b.maxReasks = maxReasks;
    b.mode = mode;
    b.maxAnswerChars = maxAnswerChars;
    b.maxDepth = maxDepth;
    b.maxNodes = maxNodes;
    return b;
  }

  /** How many times an invalid answer is re-asked. */
  public int maxReasks() {
    return maxReasks;
  }

  /** How the model is asked. */
  public Mode mode() {
    return mode;
  }

  /**
   * Asks for an answer conforming to {@code schema}.
   *
   * @param request the conversation so far; its last message must be the user's, and it must offer
   *     no tools (this class offers its own)
   * @throws LlmInvalidRequestException if the request offers tools or does not end with a user
   *     message
   */
  public StructuredResult ask(LlmRequest request, OutputSchema schema) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(schema, "schema");
    LlmRequest current = prepare(request, schema);
    TokenUsage usage = TokenUsage.ZERO;
    List<String> reasons = new ArrayList<>();
    int maxAttempts = maxReasks + 1;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      LlmResponse response;
      try {
        response = client.converse(current);
      } catch (PlaybooksException e) {
        Optional<LlmFailure> failure = LlmFailure.of(e);
        if (failure.isPresent()) {
          return new StructuredResult.Unavailable(failure.get(), attempt, usage);
        }
        throw e;
      }
      usage = usage.plus(response.usage());
      if (response.stopReason().isRefusal()) {
        String remote = "llm:" + current.modelId();
        String message =
            "The model stopped with "
                + response.stopReason().wire()
                + " while answering "
                + schema.toolName();
        LlmRefusedException refusal =
            response.stopReason() == StopReason.GUARDRAIL_INTERVENED
                ? LlmRefusedException.guardrail(remote, message, null)
                : LlmRefusedException.refused(remote, message, null);
        return new StructuredResult.Unavailable(refusal, attempt, usage);
      }
      Answer answer = read(response, schema);
      List<SchemaViolation> problems =
          answer.candidate.problems().isEmpty()
              ? schema.validate(answer.candidate.value())
              : answer.candidate.problems();
      if (problems.isEmpty()) {
        return new StructuredResult.Valid(answer.candidate.value().deepCopy(), attempt, usage);
      }
      reasons.add("attempt " + attempt + ": " + join(problems, "; "));
      if (attempt < maxAttempts) {
        current = reask(current, response, schema, answer, problems);
      }
    }
    return new StructuredResult.Invalid(reasons, maxAttempts, usage);
  }

  private LlmRequest prepare(LlmRequest request, OutputSchema schema) {
    if (request.toolConfig() != null) {
      throw new LlmInvalidRequestException(
          "LlmRequest.toolConfig must be null for StructuredOutput, which offers its own tool "
              + schema.toolName());
    }
    Message last = request.messages().get(request.messages().size() - 1);
    if (last.role() != Role.USER) {
      throw new LlmInvalidRequestException(
          "LlmRequest.messages must end with a user message for StructuredOutput, ends with "
              + last.role().wire());
    }
    LlmRequest.Builder b = request.toBuilder();
    switch (mode) {
      case FORCED_TOOL:
        b.tools(List.of(schema.toolSpec()), ToolChoice.tool(schema.toolName()));
        break;
      case ANY_TOOL:
        b.tools(List.of(schema.toolSpec()), ToolChoice.any());
        break;
      case TEXT:
        List<Message> messages = new ArrayList<>(request.messages());
        List<ContentBlock> content = new ArrayList<>(last.content());
        content.add(
            ContentBlock.text(
                "Answer with only a JSON object, and no other text, that conforms to this JSON"
                    + " Schema:\n"
                    + LlmJson.writeString(schema.toolSpec().inputSchema())));
        messages.set(messages.size() - 1, Message.user(content));
        b =
            LlmRequest.builder(request.modelId())
                .systemPrompts(request.system())
                .messages(messages)
                .inferenceConfig(request.inferenceConfig());
        request.requestMetadata().forEach(b::metadata);
        break;
      default:
        throw new IllegalStateException("unknown mode " + mode);
    }
    return b.build();
  }

  /** The model's answer: the candidate value, and the tool call it came from, if any. */
  private static final class Answer {
    final AnswerReader.Candidate candidate;
    final ContentBlock.ToolUse toolUse;

    Answer(AnswerReader.Candidate candidate, ContentBlock.ToolUse toolUse) {
      this.candidate = candidate;
      this.toolUse = toolUse;
    }
  }

  private Answer read(LlmResponse response, OutputSchema schema) {
    String cutOff =
        response.stopReason() == StopReason.MAX_TOKENS
            ? " (the answer stopped at max_tokens and is probably cut off)"
            : "";
    List<ContentBlock.ToolUse> uses = response.toolUses();
    for (ContentBlock.ToolUse use : uses) {
      if (use.name().equals(schema.toolName())) {
        return new Answer(withNote(reader.fromValue(use.input()), cutOff), use);
      }
    }
    if (!uses.isEmpty()) {
      return new Answer(
          AnswerReader.Candidate.problem(
              "tool",
              "the answer called "
                  + uses.get(0).name()
                  + "; answer by calling "
                  + schema.toolName()
                  + " instead"),
          null);
    }
    return new Answer(withNote(reader.fromText(response.text()), cutOff), null);
  }

  private static AnswerReader.Candidate withNote(AnswerReader.Candidate c, String note) {
    if (note.isEmpty() || c.problems().isEmpty()) {
      return c;
    }
    List<SchemaViolation> noted = new ArrayList<>();
    for (SchemaViolation v : c.problems()) {
      noted.add(new SchemaViolation(v.pointer(), v.keyword(), v.message() + note));
    }
    return new AnswerReader.Candidate(null, noted);
  }

  private LlmRequest reask(
      LlmRequest current,
      LlmResponse response,
      OutputSchema schema,
      Answer answer,
      List<SchemaViolation> problems) {
    String feedback = join(problems, "\n- ");
    List<ContentBlock.ToolUse> uses = response.toolUses();
    Message reply;
    if (uses.isEmpty()) {
      String how =
          mode == Mode.TEXT
              ? "Answer again with only the corrected JSON object."
              : "Answer again by calling "
                  + schema.toolName()
                  + " with a corrected, complete input.";
      reply =
          Message.user(
              "Your answer does not conform to the required JSON Schema:\n- "
                  + feedback
                  + "\n"
                  + how);
    } else {
      // Converse wants a result for every tool call the model made.
      List<ContentBlock> results = new ArrayList<>();
      for (ContentBlock.ToolUse use : uses) {
        String text =
            use == answer.toolUse || answer.toolUse == null
                ? "The input does not conform to the schema of "
                    + schema.toolName()
                    + ":\n- "
                    + feedback
                    + "\nCall "
                    + schema.toolName()
                    + " again with a corrected, complete input."
                : "Only one call of " + schema.toolName() + " is expected.";
        results.add(ContentBlock.ToolResult.error(use.toolUseId(), text));
      }
      reply = Message.user(results);
    }
    return current.toBuilder().message(bounded(response.message())).message(reply).build();
  }

  /** The model's turn to send back, with any over-limit block cut down so re-asks stay small. */
  private Message bounded(Message message) {
    List<ContentBlock> content = new ArrayList<>();
    for (ContentBlock block : message.content()) {
      if (block instanceof ContentBlock.Text text && text.text().length() > maxAnswerChars) {
        content.add(
            ContentBlock.text(
                text.text().substring(0, maxAnswerChars / 2)
                    + "\n[... answer cut at "
                    + (maxAnswerChars / 2)
                    + " of "
                    + text.text().length()
                    + " characters]"));
      } else if (block instanceof ContentBlock.ToolUse use && !reader.withinLimits(use.input())) {
        content.add(
            new ContentBlock.ToolUse(
                use.toolUseId(), use.name(), LlmJson.mapper().createObjectNode()));
      } else {
        content.add(block);
      }
    }
    return new Message(message.role(), content);
  }

  private static String join(List<SchemaViolation> problems, String separator) {
    StringBuilder out = new StringBuilder();
    for (SchemaViolation v : problems) {
      if (out.length() > 0) {
        out.append(separator);
      }
      out.append(v);
    }
    return out.toString();
  }

  /** Builds a {@link StructuredOutput}. */
  public static final class Builder {
    private final LlmClient client;
    private int maxReasks = DEFAULT_MAX_REASKS;
    private Mode mode = Mode.FORCED_TOOL;
    private int maxAnswerChars = 64 * 1024;
    private int maxDepth = 16;
    private int maxNodes = 4096;

    private Builder(LlmClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * How many times an invalid answer is re-asked, 0 to 10; default {@value #DEFAULT_MAX_REASKS}.
     */
    public Builder maxReasks(int maxReasks) {
      if (maxReasks < 0 || maxReasks > 10) {
        throw new IllegalArgumentException("maxReasks must be between 0 and 10, was " + maxReasks);
      }
      this.maxReasks = maxReasks;
      return this;
    }

    /** How the model is asked; default {@link Mode#FORCED_TOOL}. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The most characters an answer may hold (text, or strings and names in JSON); default 65536.
     */
    public Builder maxAnswerChars(int maxAnswerChars) {
      if (maxAnswerChars < 256) {
        throw new IllegalArgumentException(
            "maxAnswerChars must be at least 256, was " + maxAnswerChars);
      }
      this.maxAnswerChars = maxAnswerChars;
      return this;
    }

    /** The deepest an answer may nest; default 16. */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 2 || maxDepth > LlmJson.MAX_NESTING_DEPTH) {
        throw new IllegalArgumentException(
            "maxDepth must be between 2 and " + LlmJson.MAX_NESTING_DEPTH + ", was " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** The most JSON values an answer may hold; default 4096. */
    public Builder maxNodes(int maxNodes) {
      if (maxNodes < 1) {
        throw new IllegalArgumentException("maxNodes must be at least 1, was " + maxNodes);
      }
      this.maxNodes = maxNodes;
      return this;
    }

    /** The configured instance. */
    public StructuredOutput build() {
      return new StructuredOutput(this);
    }
  }
}
