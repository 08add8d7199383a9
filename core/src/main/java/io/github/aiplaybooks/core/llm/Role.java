package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who wrote a {@link Message}: Converse's {@code ConversationRole}. */
public enum Role {
  /** The caller: the engine, carrying the alert, the evidence and tool results. */
  USER("user"),
  /** The model. */
  ASSISTANT("assistant");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  /** The name on the wire: {@code user} or {@code assistant}. */
  @JsonValue
  public String wire() {
    return wire;
  }
}
