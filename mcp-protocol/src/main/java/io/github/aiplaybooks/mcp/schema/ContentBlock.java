package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One block of content in a tool result or prompt message, told apart on the wire by its {@code
 * type}: {@code text}, {@code image}, {@code audio}, {@code resource_link} or {@code resource}.
 *
 * <pre>{@code
 * for (ContentBlock block : result.content()) {
 *   if (block instanceof TextContent text) {
 *     System.out.println(text.text());
 *   }
 * }
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TextContent.class, name = "text"),
  @JsonSubTypes.Type(value = ImageContent.class, name = "image"),
  @JsonSubTypes.Type(value = AudioContent.class, name = "audio"),
  @JsonSubTypes.Type(value = ResourceLink.class, name = "resource_link"),
  @JsonSubTypes.Type(value = EmbeddedResource.class, name = "resource")
})
public sealed interface ContentBlock
    permits TextContent, ImageContent, AudioContent, ResourceLink, EmbeddedResource {

  /** Display hints, or {@code null}. */
  Annotations annotations();
}
