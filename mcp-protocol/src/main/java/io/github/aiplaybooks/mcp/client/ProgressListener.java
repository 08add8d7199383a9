package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;

/**
 * Receives the {@code notifications/progress} a server sends about one request. Called on the
 * client's callback thread, in the order the notifications arrived, always before the request's
 * result is delivered; it must not block.
 */
@FunctionalInterface
public interface ProgressListener {

  /** One progress notification. */
  void onProgress(ProgressNotificationParams progress);
}
