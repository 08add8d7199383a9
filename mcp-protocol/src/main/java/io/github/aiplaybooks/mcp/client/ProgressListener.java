package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;

/**
 * Receives the {@code notifications/progress} a server sends about one request. Called on the
 * client's callback thread, in the order the notifications arrived; it must not block.
 *
 * <p>Over stdio, and over Streamable HTTP when the server answers the request with an SSE stream,
 * every notification comes before the request's result is delivered. A Streamable HTTP server that
 * answers with one JSON body sends the progress on its separate GET stream instead, so a
 * notification may come after the result, however late; the listener still gets it, unless the
 * client has finished 64 more requests with progress listeners since (the client keeps that many
 * finished listeners, not more).
 */
@FunctionalInterface
public interface ProgressListener {

  /** One progress notification. */
  void onProgress(ProgressNotificationParams progress);
}
