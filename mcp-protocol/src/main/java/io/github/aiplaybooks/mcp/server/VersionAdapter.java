package io.github.aiplaybooks.mcp.server;

import io.github.aiplaybooks.mcp.schema.AudioContent;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.ContentBlock;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.ResourceLink;
import io.github.aiplaybooks.mcp.schema.TextContent;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.util.ArrayList;
import java.util.List;

/** Drops or rewrites what an older protocol revision cannot carry. */
final class VersionAdapter {
  private VersionAdapter() {}

  static Tool tool(Tool tool, ProtocolVersion version) {
    if (version == ProtocolVersion.LATEST) {
      return tool;
    }
    Tool.Builder b = tool.toBuilder().execution(null).icons(null);
    if (!version.supportsStructuredContent()) {
      b.outputSchema(null).title(null);
    }
    if (!version.supportsToolAnnotations()) {
      b.annotations(null);
    }
    return b.build();
  }

  static CallToolResult result(CallToolResult result, ProtocolVersion version) {
    if (version.supportsStructuredContent()) {
      return result;
    }
    List<ContentBlock> content = new ArrayList<>(result.content().size());
    for (ContentBlock block : result.content()) {
      if (block instanceof ResourceLink link) {
        content.add(TextContent.of("Resource: " + link.uri()));
      } else if (block instanceof AudioContent audio && !version.supportsToolAnnotations()) {
        content.add(
            TextContent.of("[" + audio.mimeType() + " audio omitted: not in " + version + "]"));
      } else {
        content.add(block);
      }
    }
    return new CallToolResult(content, null, result.isError(), result.meta());
  }
}
