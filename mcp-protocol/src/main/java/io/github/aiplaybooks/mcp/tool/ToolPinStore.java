package io.github.aiplaybooks.mcp.tool;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link ToolRouter} keeps the SHA-256 of each tool definition it approved. Plug in a
 * persistent store to keep pins across restarts (and to share them between replicas); the default
 * {@link #inMemory()} forgets them with the process.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ToolPinStore {

  /** The pinned hash of {@code tool} on {@code server}, if any. */
  Optional<String> pinned(String server, String tool);

  /** Pins {@code sha256} (lower-case hex) as the approved definition of {@code tool}. */
  void pin(String server, String tool, String sha256);

  /** A store in memory. */
  static ToolPinStore inMemory() {
    Map<String, String> pins = new ConcurrentHashMap<>();
    return new ToolPinStore() {
      @Override
      public Optional<String> pinned(String server, String tool) {
        return Optional.ofNullable(pins.get(server + '\u0000' + tool));
      }

      @Override
      public void pin(String server, String tool, String sha256) {
        pins.put(server + '\u0000' + tool, sha256);
      }
    };
  }
}
