package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contents of a resource: {@link TextResourceContents} (it has {@code text}) or {@link
 * BlobResourceContents} (it has {@code blob}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
  @JsonSubTypes.Type(TextResourceContents.class),
  @JsonSubTypes.Type(BlobResourceContents.class)
})
public sealed interface ResourceContents permits TextResourceContents, BlobResourceContents {

  /** The resource's URI. */
  String uri();

  /** Its MIME type, or {@code null}. */
  String mimeType();

  /** The {@code _meta} member, or {@code null}. */
  ObjectNode meta();
}
