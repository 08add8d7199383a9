package io.github.aiplaybooks.core.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory byte pipe: what is written to {@link #out()} can be read from {@link #in()}. Unlike
 * {@link java.io.PipedInputStream} it does not care which threads read and write. Closing either
 * end makes the reader see the end of the stream.
 */
final class Pipe {
  private static final byte[] EOF = new byte[0];
  private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  private final InputStream in =
      new InputStream() {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (len == 0) {
            return 0;
          }
          while (pos == current.length) {
            if (ended) {
              return -1;
            }
            try {
              current = chunks.take();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new java.io.InterruptedIOException();
            }
            pos = 0;
            if (current == EOF) {
              ended = true;
              chunks.add(EOF);
              current = new byte[0];
              return -1;
            }
          }
          int n = Math.min(len, current.length - pos);
          System.arraycopy(current, pos, b, off, n);
          pos += n;
          return n;
        }

        @Override
        public void close() {
          Pipe.this.close();
        }
      };

  private final OutputStream out =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (closed) {
            throw new IOException("pipe closed");
          }
          chunks.add(Arrays.copyOfRange(b, off, off + len));
        }

        @Override
        public void close() {
          Pipe.this.close();
        }
      };

  /** The reading end. */
  public InputStream in() {
    return in;
  }

  /** The writing end. */
  public OutputStream out() {
    return out;
  }

  /** Ends the stream for the reader. */
  public void close() {
    if (!closed) {
      closed = true;
      chunks.add(EOF);
    }
  }
}
