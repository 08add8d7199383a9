package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.mcp.schema.Tool;
import java.util.Objects;

/**
 * A tool whose definition changed since it was pinned: a {@link ToolRouter} neither offers nor
 * calls it until the host approves the change with {@link
 * ToolRouter#approveDefinitionChange(String)}.
 *
 * @param server the name of the server that offers it
 * @param tool its definition as the server describes it now
 * @param pinnedSha256 the SHA-256 of the approved definition
 * @param currentSha256 the SHA-256 of {@code tool}
 */
public record PendingToolChange(
    String server, Tool tool, String pinnedSha256, String currentSha256) {

  /** Checks the required members. */
  public PendingToolChange {
    Objects.requireNonNull(server, "PendingToolChange.server");
    Objects.requireNonNull(tool, "PendingToolChange.tool");
    Objects.requireNonNull(pinnedSha256, "PendingToolChange.pinnedSha256");
    Objects.requireNonNull(currentSha256, "PendingToolChange.currentSha256");
  }
}
