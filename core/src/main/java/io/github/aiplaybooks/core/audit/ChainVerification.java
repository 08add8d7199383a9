package io.github.aiplaybooks.core.audit;

/**
 * The result of {@link AuditChainVerifier#verify}: the chain is {@link Intact}, or {@link Broken}
 * at a line.
 *
 * <pre>{@code
 * if (AuditChainVerifier.ofDefaults().verify(file) instanceof ChainVerification.Broken b) {
 *   System.err.println("tampering shows at line " + b.line() + ": " + b.message());
 * }
 * }</pre>
 */
public sealed interface ChainVerification {

  /** Whether every line is intact and linked. */
  default boolean intact() {
    return this instanceof Intact;
  }

  /**
   * Every line is intact and linked to the one before.
   *
   * @param lines how many lines (events) the file holds
   * @param lastHash the last line's hash (the genesis hash for an empty file): keep it elsewhere
   *     and pass it to {@link AuditChainVerifier#verify(java.nio.file.Path, String)} to detect
   *     lines cut off the end
   */
  record Intact(long lines, String lastHash) implements ChainVerification {}

  /**
   * The first line where tampering shows.
   *
   * @param line the line number, from 1
   * @param problem what is wrong there
   * @param message a sentence naming the file, the line and the problem
   */
  record Broken(long line, Problem problem, String message) implements ChainVerification {}

  /** What is wrong at the first bad line. */
  enum Problem {
    /** The line is not a JSON object with {@code prev_hash} and {@code hash}. */
    MALFORMED,
    /** The line's content does not match its hash: the line was modified. */
    MODIFIED,
    /**
     * The line does not follow the one before it ({@code prev_hash} differs from that line's hash):
     * a line was deleted before it, or it was inserted or moved.
     */
    LINK_BROKEN,
    /** The file ends inside a line: a write was cut short, or the end was cut off. */
    TRUNCATED,
    /** The last hash differs from the one expected: lines were cut off the end. */
    END_MISSING
  }
}
