package io.github.aiplaybooks.core.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a {@link JsonLinesAuditSink} file: every line's hash matches its content and links to the
 * line before, so a modified, deleted, inserted or reordered line shows, at the first line where it
 * does.
 *
 * <p>A plain SHA-256 chain shows accidental and naive changes; someone who can rewrite the whole
 * file can also recompute it. Against that, give the sink and the verifier the same secret {@link
 * Builder#hmacKey}, and keep the last hash ({@link ChainVerification.Intact#lastHash()}) somewhere
 * else to detect lines cut off the end.
 *
 * <pre>{@code
 * ChainVerification v = AuditChainVerifier.ofDefaults().verify(Path.of("audit.jsonl"));
 * }</pre>
 */
public final class AuditChainVerifier {
  private static final AuditChainVerifier DEFAULTS = builder().build();

  private final ChainHasher hasher;
  private final byte[] hmacKey;

  private AuditChainVerifier(Builder b) {
    this.hmacKey = b.hmacKey;
    this.hasher = new ChainHasher(b.hmacKey);
  }

  /** A verifier for plain SHA-256 chains. */
  public static AuditChainVerifier ofDefaults() {
    return DEFAULTS;
  }

  /** A builder for a verifier. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this verifier's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.hmacKey = hmacKey;
    return b;
  }

  /**
   * Verifies {@code file}. A missing file is an intact, empty chain.
   *
   * @throws AuditException {@code AUDIT_WRITE_FAILED} if the file cannot be read
   */
  public ChainVerification verify(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.exists(file)) {
      return new ChainVerification.Intact(0, ChainHasher.GENESIS);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return verify(channel, file.toString());
    } catch (IOException | UncheckedIOException e) {
      throw new AuditException(
          "AUDIT_WRITE_FAILED", "Cannot read audit file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Verifies {@code file} and that its last hash is {@code expectedLastHash}, which shows lines cut
   * off the end.
   */
  public ChainVerification verify(Path file, String expectedLastHash) {
    ChainVerification v = verify(file);
    if (v instanceof ChainVerification.Intact intact
        && !intact.lastHash().equals(expectedLastHash)) {
      return new ChainVerification.Broken(
          intact.lines(),
          ChainVerification.Problem.END_MISSING,
          "Audit file "
              + file
              + " ends at line "
              + intact.lines()
              + " with hash "
              + intact.lastHash()
              + ", not the expected "
              + expectedLastHash
              + ": lines were cut off the end");
    }
    return v;
  }

  /** Verifies the chain read from an open channel, from its start. */
  ChainVerification verify(FileChannel channel, String name) throws IOException {
    long size = channel.size();
    boolean endsWithNewline = true;
    if (size > 0) {
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      endsWithNewline = last.get(0) == '\n';
    }
    channel.position(0);
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    String prev = ChainHasher.GENESIS;
    long lineNo = 0;
    String line;
    String next = reader.readLine();
    while ((line = next) != null) {
      lineNo++;
      next = reader.readLine();
      if (next == null && !endsWithNewline) {
        return broken(
            name, lineNo, ChainVerification.Problem.TRUNCATED, "ends inside the line (no newline)");
      }
      JsonNode node;
      try {
        node = CanonicalJson.read(line);
      } catch (JacksonException e) {
        return broken(name, lineNo, ChainVerification.Problem.MALFORMED, "is not valid JSON");
      }
      if (!(node instanceof ObjectNode object)
          || !isHash(object.get(ChainHasher.PREV_HASH))
          || !isHash(object.get(ChainHasher.HASH))) {
        return broken(
            name,
            lineNo,
            ChainVerification.Problem.MALFORMED,
            "is not an audit line (a JSON object with prev_hash and hash)");
      }
      String claimedPrev = object.remove(ChainHasher.PREV_HASH).stringValue();
      String claimedHash = object.remove(ChainHasher.HASH).stringValue();
      if (!hasher.hash(claimedPrev, object).equals(claimedHash)) {
        return broken(
            name,
            lineNo,
            ChainVerification.Problem.MODIFIED,
            "does not match its hash: the line was modified");
      }
      if (!claimedPrev.equals(prev)) {
        return broken(
            name,
            lineNo,
            ChainVerification.Problem.LINK_BROKEN,
            "does not follow line "
                + (lineNo - 1)
                + ": a line was deleted before it, or it was inserted or moved");
      }
      prev = claimedHash;
    }
    return new ChainVerification.Intact(lineNo, prev);
  }

  private static boolean isHash(JsonNode node) {
    return node != null && node.isString() && node.stringValue().matches("[0-9a-f]{64}");
  }

  private static ChainVerification.Broken broken(
      String name, long line, ChainVerification.Problem problem, String what) {
    return new ChainVerification.Broken(
        line, problem, "Audit file " + name + ": line " + line + " " + what);
  }

  /** Builds an {@link AuditChainVerifier}. */
  public static final class Builder {
    private byte[] hmacKey;

    private Builder() {}

    /** Verifies HMAC-SHA256 chains written with this key (at least 16 bytes). */
    public Builder hmacKey(byte[] key) {
      this.hmacKey = JsonLinesAuditSink.checkKey(key);
      return this;
    }

    Builder hmacKeyUnchecked(byte[] key) {
      this.hmacKey = key == null ? null : key.clone();
      return this;
    }

    /** The verifier. */
    public AuditChainVerifier build() {
      return new AuditChainVerifier(this);
    }
  }
}
