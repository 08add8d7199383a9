package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text content ({@code "type": "text"}).
 *
 * @param text the text
 * @param annotations display hints, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextContent(
    @JsonProperty("text") String text,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") ObjectNode meta)
    implements ContentBlock {

  /** Checks the required text. */
  public TextContent {
    Objects.requireNonNull(text, "TextContent.text");
  }

  /** Text content without annotations. */
  public static TextContent of(String text) {
    return new TextContent(text, null, null);
  }
}
