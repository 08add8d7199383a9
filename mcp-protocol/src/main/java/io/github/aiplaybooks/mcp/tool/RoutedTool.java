package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.mcp.schema.Tool;
import java.util.Objects;

/**
 * A tool as a {@link ToolRouter} lists it.
 *
 * @param server the name of the server that offers it
 * @param tool its definition
 * @param sha256 the SHA-256 of its canonical definition
 * @param definitionChanged whether it differs from the pinned definition (calls are refused until
 *     the change is approved)
 */
public record RoutedTool(String server, Tool tool, String sha256, boolean definitionChanged) {

  /** Checks the required members. */
  public RoutedTool {
    Objects.requireNonNull(server, "RoutedTool.server");
    Objects.requireNonNull(tool, "RoutedTool.tool");
    Objects.requireNonNull(sha256, "RoutedTool.sha256");
  }
}
