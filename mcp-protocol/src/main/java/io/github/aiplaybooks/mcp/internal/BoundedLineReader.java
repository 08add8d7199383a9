package io.github.aiplaybooks.mcp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-delimited frames from a stream without ever buffering more than a fixed number of
 * bytes: a longer line is skipped to its end and reported as oversized. Not thread-safe.
 */
public final class BoundedLineReader {

  /**
   * One line.
   *
   * @param bytes the line without its terminator (empty when oversized)
   * @param length the line's length in bytes, also when oversized
   * @param oversized whether the line was longer than the limit and was skipped
   */
  public record Line(byte[] bytes, long length, boolean oversized) {}

  private final InputStream in;
  private final int maxBytes;
  private final byte[] chunk = new byte[8192];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[1024];

  /**
   * @param in the stream to read
   * @param maxBytes the longest line kept, in bytes
   */
  public BoundedLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /**
   * Reads the next line; a trailing {@code \r} is dropped.
   *
   * @return the line, or {@code null} at the end of the stream (a last line without terminator is
   *     returned first)
   */
  public Line next() throws IOException {
    int len = 0;
    long total = 0;
    boolean sawAny = false;
    while (true) {
      if (chunkPos == chunkLen) {
        chunkLen = in.read(chunk);
        chunkPos = 0;
        if (chunkLen <= 0) {
          chunkLen = 0;
          if (!sawAny) {
            return null;
          }
          return finish(len, total);
        }
      }
      sawAny = true;
      while (chunkPos < chunkLen) {
        byte b = chunk[chunkPos++];
        if (b == '\n') {
          return finish(len, total);
        }
        total++;
        if (total <= maxBytes + 1L) {
          if (len == line.length) {
            line = Arrays.copyOf(line, (int) Math.min((long) maxBytes + 1, line.length * 2L));
          }
          line[len++] = b;
        }
      }
    }
  }

  private Line finish(int len, long total) {
    if (len > 0 && line[len - 1] == '\r' && total <= maxBytes + 1L) {
      len--;
      total--;
    }
    if (total > maxBytes) {
      return new Line(new byte[0], total, true);
    }
    return new Line(Arrays.copyOf(line, len), total, false);
  }
}
