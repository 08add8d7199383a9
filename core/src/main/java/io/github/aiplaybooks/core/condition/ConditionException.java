package io.github.aiplaybooks.core.condition;

import io.github.aiplaybooks.CallerFaultException;

/**
 * A condition could not be compiled or evaluated. The three kinds are distinguishable by type and
 * by {@link #code()}:
 *
 * <ul>
 *   <li>{@link ConditionSyntaxException} ({@value ConditionSyntaxException#CODE}): the text is not
 *       a condition or a literal is malformed;
 *   <li>{@link ConditionTypeException} ({@value ConditionTypeException#CODE}): values that cannot
 *       be compared, such as money with a duration or a string with a number;
 *   <li>{@link UnknownFactException} ({@value UnknownFactException#CODE}): a fact the condition
 *       needs is not declared or not given.
 * </ul>
 *
 * <p>When the fault has a place in the condition's text, {@link #column()} is its 1-based column
 * and the message ends with an excerpt of the text with a caret under that column:
 *
 * <pre>
 * expected a value after '&lt;', found the end of the condition (column 16)
 *   blast_radius &lt;
 *                  ^
 * </pre>
 */
public abstract sealed class ConditionException extends CallerFaultException
    permits ConditionSyntaxException, ConditionTypeException, UnknownFactException {
  private static final long serialVersionUID = 1L;

  /** Excerpts show at most this many characters either side of the column. */
  private static final int EXCERPT_RADIUS = 60;

  private final String reason;
  private final String source;
  private final int column;

  ConditionException(String code, String reason, String source, int column) {
    super(code, message(reason, source, column));
    this.reason = reason;
    this.source = source == null ? "" : source;
    this.column = column;
  }

  /** What is wrong, without the column and the excerpt. */
  public final String reason() {
    return reason;
  }

  /** The text the fault was found in (a condition or a literal), or {@code ""} if none. */
  public final String source() {
    return source;
  }

  /** The 1-based column in {@link #source()} where the fault is, or 0 if it has no place. */
  public final int column() {
    return column;
  }

  private static String message(String reason, String source, int column) {
    if (source == null || column <= 0) {
      return reason;
    }
    return reason + " (column " + column + ")\n" + excerpt(source, column);
  }

  /** Two lines: the text around {@code column}, then a caret under it. */
  static String excerpt(String source, int column) {
    int at = Math.min(column - 1, source.length());
    int from = Math.max(0, at - EXCERPT_RADIUS);
    int to = Math.min(source.length(), at + EXCERPT_RADIUS);
    StringBuilder line = new StringBuilder("  ");
    if (from > 0) {
      line.append("...");
    }
    int caret = line.length() + (at - from);
    for (int i = from; i < to; i++) {
      char c = source.charAt(i);
      // Keep one character per column so that the caret lines up.
      line.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (to < source.length()) {
      line.append("...");
    }
    return line + "\n" + " ".repeat(caret) + "^";
  }
}
