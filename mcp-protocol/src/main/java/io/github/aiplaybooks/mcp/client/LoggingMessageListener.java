package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.schema.LoggingMessageNotificationParams;

/**
 * Receives the log messages ({@code notifications/message}) a server sends. Called on the client's
 * callback thread; it must not block. The client also writes each message to SLF4J (logger {@code
 * io.github.aiplaybooks.mcp.server-log.<name>}).
 */
@FunctionalInterface
public interface LoggingMessageListener {

  /** One log message from the server. */
  void onMessage(LoggingMessageNotificationParams message);
}
