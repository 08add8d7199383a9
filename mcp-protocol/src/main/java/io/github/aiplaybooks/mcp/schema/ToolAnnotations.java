package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Hints about a tool's behaviour, as its server declares them.
 *
 * <p>Each hint is {@code null} when the server left it out; the {@code effective...} methods apply
 * the specification's defaults: {@code readOnlyHint=false}, {@code destructiveHint=true}, {@code
 * idempotentHint=false}, {@code openWorldHint=true}. These are <em>hints from the server</em>: the
 * specification says never to trust them from an untrusted server, and this project's policy engine
 * computes its own facts.
 *
 * @param title a display title, or {@code null}
 * @param readOnlyHint whether the tool does not modify its environment, or {@code null}
 * @param destructiveHint whether it may destroy (not only add), or {@code null}
 * @param idempotentHint whether repeating the same call has no further effect, or {@code null}
 * @param openWorldHint whether it reaches an open world of external entities, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolAnnotations(
    @JsonProperty("title") String title,
    @JsonProperty("readOnlyHint") Boolean readOnlyHint,
    @JsonProperty("destructiveHint") Boolean destructiveHint,
    @JsonProperty("idempotentHint") Boolean idempotentHint,
    @JsonProperty("openWorldHint") Boolean openWorldHint) {

  /** Annotations with every hint left out, so every effective value is the default. */
  public static ToolAnnotations none() {
    return new ToolAnnotations(null, null, null, null, null);
  }

  /** Annotations of a read-only, closed-world tool. */
  public static ToolAnnotations readOnly() {
    return new ToolAnnotations(null, true, null, null, false);
  }

  /** {@link #readOnlyHint()}, or its default {@code false}. */
  public boolean effectiveReadOnly() {
    return Boolean.TRUE.equals(readOnlyHint);
  }

  /**
   * {@link #destructiveHint()}, or its default {@code true}; always {@code false} for a read-only
   * tool, since the hint only has meaning when {@code readOnlyHint} is false.
   */
  public boolean effectiveDestructive() {
    return !effectiveReadOnly() && !Boolean.FALSE.equals(destructiveHint);
  }

  /**
   * {@link #idempotentHint()}, or its default {@code false}; always {@code true} for a read-only
   * tool.
   */
  public boolean effectiveIdempotent() {
    return effectiveReadOnly() || Boolean.TRUE.equals(idempotentHint);
  }

  /** {@link #openWorldHint()}, or its default {@code true}. */
  public boolean effectiveOpenWorld() {
    return !Boolean.FALSE.equals(openWorldHint);
  }
}
