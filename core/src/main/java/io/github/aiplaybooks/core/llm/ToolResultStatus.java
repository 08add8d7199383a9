package io.github.aiplaybooks.core.llm;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a tool call succeeded: Converse's {@code ToolResultStatus}. */
public enum ToolResultStatus {
  /** The tool ran and its content is the result. */
  SUCCESS("success"),
  /** The tool failed, or its input was rejected; the content says why. */
  ERROR("error");

  private final String wire;

  ToolResultStatus(String wire) {
    this.wire = wire;
  }

  /** The name on the wire: {@code success} or {@code error}. */
  @JsonValue
  public String wire() {
    return wire;
  }
}
