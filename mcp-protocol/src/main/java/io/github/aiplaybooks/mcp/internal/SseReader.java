package io.github.aiplaybooks.mcp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Parses a {@code text/event-stream} per the HTML standard: {@code data}, {@code id}, {@code event}
 * and {@code retry} fields, comments, and CR, LF or CRLF line ends. An event larger than the limit
 * is an {@link IOException}. Not thread-safe.
 */
public final class SseReader {
  private final InputStream in;
  private final int maxEventBytes;
  private int pushback = -1;
  private String lastEventId;

  /**
   * @param in the response body
   * @param maxEventBytes the largest event accepted
   */
  public SseReader(InputStream in, int maxEventBytes) {
    this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in);
    this.maxEventBytes = maxEventBytes;
  }

  /** The id of the last event that set one, or {@code null}. */
  public String lastEventId() {
    return lastEventId;
  }

  /**
   * Reads the next event that carries a field.
   *
   * @return the event, or {@code null} at the end of the stream
   */
  public SseEvent next() throws IOException {
    StringBuilder data = null;
    String event = null;
    String id = null;
    long retry = -1;
    boolean any = false;
    int size = 0;
    while (true) {
      String line = readLine();
      if (line == null) {
        return null;
      }
      size += line.length();
      if (size > maxEventBytes) {
        throw new IOException("SSE event larger than " + maxEventBytes + " bytes");
      }
      if (line.isEmpty()) {
        if (any) {
          if (id != null) {
            lastEventId = id;
          }
          return new SseEvent(id, event, data == null ? "" : data.toString(), retry);
        }
        continue;
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> {
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          any = true;
        }
        case "event" -> {
          event = value;
          any = true;
        }
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            id = value;
          }
          any = true;
        }
        case "retry" -> {
          if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
              retry = Long.parseLong(value);
            } catch (NumberFormatException ignored) {
              // Too large to mean anything: ignore the field, as the standard says.
            }
          }
          any = true;
        }
        default -> {
          // Unknown fields are ignored.
        }
      }
    }
  }

  private String readLine() throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    while (true) {
      int b = pushback >= 0 ? pushback : in.read();
      pushback = -1;
      if (b < 0) {
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
      }
      if (b == '\n') {
        return buf.toString(StandardCharsets.UTF_8);
      }
      if (b == '\r') {
        int next = in.read();
        if (next != '\n' && next >= 0) {
          pushback = next;
        }
        return buf.toString(StandardCharsets.UTF_8);
      }
      if (buf.size() > maxEventBytes) {
        throw new IOException("SSE line longer than " + maxEventBytes + " bytes");
      }
      buf.write(b);
    }
  }
}
