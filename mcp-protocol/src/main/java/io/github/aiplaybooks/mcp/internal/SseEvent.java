package io.github.aiplaybooks.mcp.internal;

/**
 * One Server-Sent Event.
 *
 * @param id the {@code id} field, or {@code null}
 * @param event the {@code event} field, or {@code null} (the default {@code message})
 * @param data the data lines joined with newlines (empty for a priming event)
 * @param retryMillis the {@code retry} field, or -1
 */
public record SseEvent(String id, String event, String data, long retryMillis) {}
