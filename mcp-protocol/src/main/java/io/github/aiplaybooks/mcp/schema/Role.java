package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who a message or content is for: the user or the assistant (the model). */
public enum Role {
  /** The human user. */
  @JsonProperty("user")
  USER,
  /** The assistant, that is the model. */
  @JsonProperty("assistant")
  ASSISTANT
}
