package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation: a role and its content blocks, as in Converse's {@code Message}.
 *
 * <pre>{@code
 * Message ask = Message.user("Classify this alert: " + alertJson);
 * Message answer = response.message();
 * String text = answer.text();
 * }</pre>
 *
 * @param role who wrote it
 * @param content the blocks, at least one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(
    @JsonProperty("role") Role role, @JsonProperty("content") List<ContentBlock> content) {

  /** Checks the members and copies the list. */
  public Message {
    Objects.requireNonNull(role, "Message.role");
    content = List.copyOf(Objects.requireNonNull(content, "Message.content"));
    if (content.isEmpty()) {
      throw new LlmInvalidRequestException("Message.content must hold at least one block");
    }
  }

  /** A user message with one text block. */
  public static Message user(String text) {
    return new Message(Role.USER, List.of(ContentBlock.text(text)));
  }

  /** A user message with the given blocks (text, tool results). */
  public static Message user(List<ContentBlock> content) {
    return new Message(Role.USER, content);
  }

  /** An assistant message with one text block (for few-shot examples and replays). */
  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, List.of(ContentBlock.text(text)));
  }

  /** An assistant message with the given blocks. */
  public static Message assistant(List<ContentBlock> content) {
    return new Message(Role.ASSISTANT, content);
  }

  /** The text blocks joined with newlines; empty when there are none. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (ContentBlock block : content) {
      if (block instanceof ContentBlock.Text t) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(t.text());
      }
    }
    return out.toString();
  }

  /** The tool calls in this message, in order; empty when there are none. */
  public List<ContentBlock.ToolUse> toolUses() {
    List<ContentBlock.ToolUse> uses = new ArrayList<>();
    for (ContentBlock block : content) {
      if (block instanceof ContentBlock.ToolUse use) {
        uses.add(use);
      }
    }
    return List.copyOf(uses);
  }
}
