package io.github.aiplaybooks.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends audit events to a file, one JSON object per line, as a hash chain: each line carries
 * {@code prev_hash} (the previous line's hash; 64 zeros for the first line) and {@code hash}, the
 * SHA-256 (or, with {@link Builder#hmacKey}, HMAC-SHA256) of {@code prev_hash + "\n" +} the
 * canonical JSON ({@link CanonicalJson}) of the event. {@link AuditChainVerifier} reports the first
 * line where a modification, deletion, insertion or reordering shows.
 *
 * <p>Reopening a file continues its chain: {@code open} verifies the file (unless {@link
 * Builder#verifyOnOpen} is off) and refuses to append to a broken chain. The sink holds an
 * exclusive lock on the file while open, so two writers never interleave. Each event is written
 * with one append; {@link Builder#syncOnWrite} also forces it to disk. Thread-safe.
 *
 * <pre>{@code
 * try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(Path.of("audit.jsonl"))) {
 *   sink.accept(event);
 * }
 * }</pre>
 */
public final class JsonLinesAuditSink implements AuditSink {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final ChainHasher hasher;
  private final boolean syncOnWrite;
  private String lastHash;
  private long lines;
  private boolean closed;

  private JsonLinesAuditSink(
      Path file,
      FileChannel channel,
      FileLock lock,
      ChainHasher hasher,
      boolean syncOnWrite,
      String lastHash,
      long lines) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.hasher = hasher;
    this.syncOnWrite = syncOnWrite;
    this.lastHash = lastHash;
    this.lines = lines;
  }

  /**
   * Opens (or creates) {@code file} with the defaults: SHA-256, verify on open, no fsync per event.
   *
   * @throws AuditException {@code AUDIT_CHAIN_BROKEN}, {@code AUDIT_FILE_LOCKED} or {@code
   *     AUDIT_WRITE_FAILED}, naming the file
   */
  public static JsonLinesAuditSink open(Path file) {
    return builder(file).open();
  }

  /** A builder for a sink writing {@code file}. */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /**
   * The hash of the last line written (or found on open). Keep it elsewhere to detect truncation.
   */
  public synchronized String lastHash() {
    return lastHash;
  }

  /** How many lines the file holds. */
  public synchronized long lines() {
    return lines;
  }

  @Override
  public synchronized void accept(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      throw new AuditException("AUDIT_SINK_CLOSED", "Audit file " + file + " is closed");
    }
    ObjectNode line = hasher.link(lastHash, event.toJson());
    byte[] bytes = (CanonicalJson.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (syncOnWrite) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new AuditException(
          "AUDIT_WRITE_FAILED",
          "Cannot append event "
              + event.sequence()
              + " of run "
              + event.runId()
              + " to audit file "
              + file
              + ": "
              + e.getMessage(),
          e);
    }
    lastHash = line.get(ChainHasher.HASH).stringValue();
    lines++;
  }

  @Override
  public synchronized void flush() {
    if (closed) {
      return;
    }
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new AuditException(
          "AUDIT_WRITE_FAILED", "Cannot flush audit file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new AuditException(
            "AUDIT_WRITE_FAILED", "Cannot close audit file " + file + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "JsonLinesAuditSink[" + file + "]";
  }

  static byte[] checkKey(byte[] key) {
    Objects.requireNonNull(key, "hmacKey");
    if (key.length < 16) {
      throw new IllegalArgumentException("hmacKey must be at least 16 bytes, was " + key.length);
    }
    return key.clone();
  }

  /** Builds a {@link JsonLinesAuditSink}. The key is never shown by {@code toString}. */
  public static final class Builder {
    private final Path file;
    private byte[] hmacKey;
    private boolean verifyOnOpen = true;
    private boolean syncOnWrite;

    private Builder(Path file) {
      this.file = Objects.requireNonNull(file, "file");
    }

    /** Chains with HMAC-SHA256 under this secret key (at least 16 bytes) instead of SHA-256. */
    public Builder hmacKey(byte[] key) {
      this.hmacKey = checkKey(key);
      return this;
    }

    /**
     * Whether {@link #open()} verifies the whole file before appending (default true). When off,
     * only the last line is read to continue the chain.
     */
    public Builder verifyOnOpen(boolean verifyOnOpen) {
      this.verifyOnOpen = verifyOnOpen;
      return this;
    }

    /** Whether each event is forced to disk before {@code accept} returns (default false). */
    public Builder syncOnWrite(boolean syncOnWrite) {
      this.syncOnWrite = syncOnWrite;
      return this;
    }

    /**
     * Opens the file, creating it and its directory if needed, and continues its chain.
     *
     * @throws AuditException {@code AUDIT_CHAIN_BROKEN} if the file fails verification, {@code
     *     AUDIT_FILE_LOCKED} if another writer holds it, {@code AUDIT_WRITE_FAILED} on I/O errors
     */
    public JsonLinesAuditSink open() {
      FileChannel channel = null;
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        channel =
            FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          throw new AuditException(
              "AUDIT_FILE_LOCKED", "Audit file " + file + " is held open by another writer");
        }
        ChainHasher hasher = new ChainHasher(hmacKey);
        ChainVerification v =
            verifyOnOpen
                ? AuditChainVerifier.builder()
                    .hmacKeyUnchecked(hmacKey)
                    .build()
                    .verify(channel, file.toString())
                : lastLine(channel);
        if (v instanceof ChainVerification.Broken broken) {
          lock.release();
          throw new AuditException(
              "AUDIT_CHAIN_BROKEN",
              "Refusing to append to a broken audit chain: " + broken.message());
        }
        ChainVerification.Intact intact = (ChainVerification.Intact) v;
        channel.position(channel.size());
        return new JsonLinesAuditSink(
            file, channel, lock, hasher, syncOnWrite, intact.lastHash(), intact.lines());
      } catch (IOException e) {
        closeQuietly(channel);
        throw new AuditException(
            "AUDIT_WRITE_FAILED", "Cannot open audit file " + file + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeQuietly(channel);
        throw e;
      }
    }

    private ChainVerification lastLine(FileChannel channel) throws IOException {
      long size = channel.size();
      if (size == 0) {
        return new ChainVerification.Intact(0, ChainHasher.GENESIS);
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      if (last.get(0) != '\n') {
        return new ChainVerification.Broken(
            -1, ChainVerification.Problem.TRUNCATED, "Audit file " + file + " ends inside a line");
      }
      // Scan back for the start of the last line.
      long end = size - 1;
      long start = end;
      ByteBuffer one = ByteBuffer.allocate(1);
      while (start > 0) {
        one.clear();
        channel.read(one, start - 1);
        if (one.get(0) == '\n') {
          break;
        }
        start--;
      }
      ByteBuffer lineBytes = ByteBuffer.allocate((int) (end - start));
      channel.read(lineBytes, start);
      String line = new String(lineBytes.array(), StandardCharsets.UTF_8);
      try {
        String hash = CanonicalJson.read(line).get(ChainHasher.HASH).stringValue();
        long count = 0;
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long pos = 0;
        while (pos < size) {
          chunk.clear();
          int n = channel.read(chunk, pos);
          for (int i = 0; i < n; i++) {
            if (chunk.get(i) == '\n') {
              count++;
            }
          }
          pos += n;
        }
        return new ChainVerification.Intact(count, hash);
      } catch (RuntimeException e) {
        return new ChainVerification.Broken(
            -1,
            ChainVerification.Problem.MALFORMED,
            "Audit file " + file + ": the last line is not an audit line");
      }
    }

    private static void closeQuietly(FileChannel channel) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // Already failing; the first error is the one to report.
        }
      }
    }
  }
}
