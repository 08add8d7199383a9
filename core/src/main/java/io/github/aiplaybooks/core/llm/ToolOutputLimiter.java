package io.github.aiplaybooks.core.llm;

import java.util.Locale;
import java.util.Objects;

/**
 * Cuts untrusted tool output (logs, events, findings) down to a per-call budget before it reaches
 * the model, keeping the head and the tail (where errors usually are) and saying what was cut:
 * {@code [… truncated 12,345 of 16,000 chars]}. The result, note included, never exceeds the
 * budget, and a surrogate pair is never split.
 *
 * <p>The budget is {@link Builder#maxChars} and, if set, {@link Builder#maxTokens} estimated at
 * {@value #CHARS_PER_TOKEN} characters per token; the smaller wins. Immutable and thread-safe.
 *
 * <pre>{@code
 * ToolOutputLimiter limiter = ToolOutputLimiter.builder().maxChars(8_000).build();
 * String forModel = limiter.limit(podLogs);
 * }</pre>
 */
public final class ToolOutputLimiter {
  /** The characters per token the estimate assumes. */
  public static final int CHARS_PER_TOKEN = 4;

  /** The default budget: 16,000 characters. */
  public static final int DEFAULT_MAX_CHARS = 16_000;

  private static final ToolOutputLimiter DEFAULTS = builder().build();

  /**
   * The output as it goes to the model.
   *
   * @param text the kept text with the note, or the original when it fit
   * @param originalChars the length of the original
   * @param removedChars how many characters were cut, 0 when none
   */
  public record Limited(String text, int originalChars, int removedChars) {
    /** Whether anything was cut. */
    public boolean truncated() {
      return removedChars > 0;
    }
  }

  private final int maxChars;
  private final int maxTokens;
  private final double headShare;

  private ToolOutputLimiter(Builder b) {
    this.maxChars = b.maxChars;
    this.maxTokens = b.maxTokens;
    this.headShare = b.headShare;
  }

  /** A limiter with a 16,000-character budget, keeping 60% head and 40% tail. */
  public static ToolOutputLimiter ofDefaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this limiter's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxChars = maxChars;
    b.maxTokens = maxTokens;
    b.headShare = headShare;
    return b;
  }

  /**
   * The estimated tokens in {@code text}: its length divided by {@value #CHARS_PER_TOKEN}, rounded
   * up.
   */
  public static long estimateTokens(String text) {
    return (text.length() + CHARS_PER_TOKEN - 1L) / CHARS_PER_TOKEN;
  }

  /** The budget in characters. */
  public int budgetChars() {
    if (maxTokens <= 0) {
      return maxChars;
    }
    return (int) Math.min(maxChars, (long) maxTokens * CHARS_PER_TOKEN);
  }

  /** {@code text} within the budget. */
  public String limit(String text) {
    return apply(text).text();
  }

  /** {@code text} within the budget, with what was cut. */
  public Limited apply(String text) {
    Objects.requireNonNull(text, "text");
    int budget = budgetChars();
    int total = text.length();
    if (total <= budget) {
      return new Limited(text, total, 0);
    }
    // The note's length depends on how much is cut, which depends on the note: settle it.
    int keep = budget - note(total, total).length();
    for (int i = 0; i < 3; i++) {
      keep = budget - note(total - keep, total).length();
    }
    keep = Math.max(0, keep);
    int head = (int) Math.round(keep * headShare);
    int tailStart = total - (keep - head);
    if (head > 0 && Character.isHighSurrogate(text.charAt(head - 1))) {
      head--;
    }
    if (tailStart < total && Character.isLowSurrogate(text.charAt(tailStart))) {
      tailStart++;
    }
    String out = join(text, head, tailStart);
    // At a digit boundary the note may have grown by a character or two: give them back.
    while (out.length() > budget && (head > 0 || tailStart < total)) {
      if (head > 0) {
        head--;
        if (head > 0 && Character.isHighSurrogate(text.charAt(head - 1))) {
          head--;
        }
      } else {
        tailStart++;
        if (tailStart < total && Character.isLowSurrogate(text.charAt(tailStart))) {
          tailStart++;
        }
      }
      out = join(text, head, tailStart);
    }
    return new Limited(out, total, tailStart - head);
  }

  private static String join(String text, int head, int tailStart) {
    return text.substring(0, head)
        + note(tailStart - head, text.length())
        + text.substring(tailStart);
  }

  private static String note(int removed, int total) {
    return String.format(Locale.ROOT, "\n[… truncated %,d of %,d chars]\n", removed, total);
  }

  /** Builds a {@link ToolOutputLimiter}. */
  public static final class Builder {
    private int maxChars = DEFAULT_MAX_CHARS;
    private int maxTokens;
    private double headShare = 0.6;

    private Builder() {}

    /** The most characters the output may keep, note included; at least 100. */
    public Builder maxChars(int maxChars) {
      if (maxChars < 100) {
        throw new IllegalArgumentException("maxChars must be at least 100, was " + maxChars);
      }
      this.maxChars = maxChars;
      return this;
    }

    /** The most estimated tokens the output may keep; 0 (the default) for no token limit. */
    public Builder maxTokens(int maxTokens) {
      if (maxTokens != 0 && maxTokens < 25) {
        throw new IllegalArgumentException(
            "maxTokens must be 0 (no limit) or at least 25, was " + maxTokens);
      }
      this.maxTokens = maxTokens;
      return this;
    }

    /** The share of the kept characters taken from the head, 0 to 1; default 0.6. */
    public Builder headShare(double headShare) {
      if (!(headShare >= 0.0 && headShare <= 1.0)) {
        throw new IllegalArgumentException("headShare must be between 0 and 1, was " + headShare);
      }
      this.headShare = headShare;
      return this;
    }

    /** The limiter. */
    public ToolOutputLimiter build() {
      return new ToolOutputLimiter(this);
    }
  }
}
