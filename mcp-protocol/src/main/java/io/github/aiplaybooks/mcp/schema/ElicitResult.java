package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's answer to {@code elicitation/create}.
 *
 * <pre>{@code
 * ElicitResult yes = ElicitResult.accept(form);      // the user submitted the form
 * ElicitResult no = ElicitResult.decline();          // the user said no
 * }</pre>
 *
 * @param action what the user did
 * @param content the submitted form when {@code action} is {@link Action#ACCEPT} (form mode), or
 *     {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ElicitResult(
    @JsonProperty("action") Action action,
    @JsonProperty("content") ObjectNode content,
    @JsonProperty("_meta") ObjectNode meta) {

  /** What the user did with the request. */
  public enum Action {
    /** Submitted (form mode: with {@code content}). */
    @JsonProperty("accept")
    ACCEPT,
    /** Explicitly refused. */
    @JsonProperty("decline")
    DECLINE,
    /** Dismissed without choosing. */
    @JsonProperty("cancel")
    CANCEL
  }

  /** Checks the required action. */
  public ElicitResult {
    Objects.requireNonNull(action, "ElicitResult.action");
  }

  /** The user accepted and submitted {@code content}. */
  public static ElicitResult accept(ObjectNode content) {
    return new ElicitResult(Action.ACCEPT, Objects.requireNonNull(content, "content"), null);
  }

  /** The user declined. */
  public static ElicitResult decline() {
    return new ElicitResult(Action.DECLINE, null, null);
  }

  /** The user dismissed the request. */
  public static ElicitResult cancel() {
    return new ElicitResult(Action.CANCEL, null, null);
  }
}
