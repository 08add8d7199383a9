package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.mcp.schema.Tool;
import java.util.Objects;

/**
 * A tool as a {@link ToolRouter} offers it: its definition is the approved (pinned) one.
 *
 * @param server the name of the server that offers it
 * @param tool its definition
 * @param sha256 the SHA-256 of its canonical definition, which is the pinned one
 */
public record RoutedTool(String server, Tool tool, String sha256) {

  /** Checks the required members. */
  public RoutedTool {
    Objects.requireNonNull(server, "RoutedTool.server");
    Objects.requireNonNull(tool, "RoutedTool.tool");
    Objects.requireNonNull(sha256, "RoutedTool.sha256");
  }
}
