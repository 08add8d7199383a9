package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of {@code tools/call}.
 *
 * <p>A tool that failed while running reports it here with {@code isError: true} (so the model can
 * read what went wrong); a call that could not be made at all (unknown tool, invalid arguments) is
 * a JSON-RPC error instead.
 *
 * <pre>{@code
 * CallToolResult ok = CallToolResult.text("3 pods running");
 * CallToolResult failed = CallToolResult.error("namespace 'prod' not found");
 * }</pre>
 *
 * @param content the unstructured result, possibly empty
 * @param structuredContent the structured result (revision 2025-06-18 and later), or {@code null}
 * @param isError whether the tool failed; {@code null} means false
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallToolResult(
    @JsonProperty("content") List<ContentBlock> content,
    @JsonProperty("structuredContent") ObjectNode structuredContent,
    @JsonProperty("isError") Boolean isError,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required content and copies it. */
  public CallToolResult {
    content = List.copyOf(Objects.requireNonNull(content, "CallToolResult.content"));
  }

  /** A successful result with one text block. */
  public static CallToolResult text(String text) {
    return new CallToolResult(List.of(TextContent.of(text)), null, null, null);
  }

  /** A failed result ({@code isError: true}) with one text block saying why. */
  public static CallToolResult error(String message) {
    return new CallToolResult(List.of(TextContent.of(message)), null, true, null);
  }

  /** A successful result with structured content and its JSON text as a text block. */
  public static CallToolResult structured(ObjectNode structuredContent) {
    return new CallToolResult(
        List.of(TextContent.of(structuredContent.toString())), structuredContent, null, null);
  }

  /** {@link #isError()}, with its default {@code false}. */
  @JsonIgnore
  public boolean failed() {
    return Boolean.TRUE.equals(isError);
  }

  /** The text of every text block, joined by newlines. */
  @JsonIgnore
  public String joinedText() {
    return content.stream()
        .filter(TextContent.class::isInstance)
        .map(c -> ((TextContent) c).text())
        .collect(Collectors.joining("\n"));
  }
}
