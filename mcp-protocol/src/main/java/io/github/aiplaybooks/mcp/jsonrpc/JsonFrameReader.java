package io.github.aiplaybooks.mcp.jsonrpc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a frame into the same JSON tree as the codec's Jackson mapper does, by hand, for frames of
 * plain JSON: a top-level object of objects, arrays, ASCII strings (escapes allowed, none that
 * makes a char above U+007F), integers that fit a {@code long}, booleans and null, nested at most
 * {@link #MAX_DEPTH} deep, with unique member names. On anything else (other bytes, fractions and
 * exponents, bigger numbers, duplicate names, malformed JSON of any kind) {@link #read} gives up
 * ({@code null}) and the codec reads the frame with Jackson, so every error and every unusual value
 * is exactly what Jackson makes of it.
 *
 * <p>Why by hand: for a tool call's messages, creating Jackson's parser, its context and the tree
 * builder costs more than reading a small request takes (a request is read about 4 times as fast
 * this way), and a long string is scanned and copied eight bytes at a time, which reads a 4 KB log
 * of JSON lines (an escape every ten bytes or so) about a fifth faster than Jackson.
 */
final class JsonFrameReader {
  /** Deeper frames go to Jackson, which enforces the codec's nesting limit. */
  static final int MAX_DEPTH = 64;

  /** Longer member names go to Jackson, which enforces its own limit on names. */
  private static final int MAX_NAME_CHARS = 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Bytes that end a run of plain string content: quote, backslash, controls, non-ASCII. */
  private static final boolean[] STRING_STOP = new boolean[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      STRING_STOP[c] = true;
    }
    for (int c = 0x80; c < 0x100; c++) {
      STRING_STOP[c] = true;
    }
    STRING_STOP['"'] = true;
    STRING_STOP['\\'] = true;
  }

  /** For each byte after a backslash: the char it stands for, or -1 ({@code u} and errors). */
  private static final int[] UNESCAPED = new int[256];

  static {
    java.util.Arrays.fill(UNESCAPED, -1);
    UNESCAPED['"'] = '"';
    UNESCAPED['\\'] = '\\';
    UNESCAPED['/'] = '/';
    UNESCAPED['b'] = '\b';
    UNESCAPED['f'] = '\f';
    UNESCAPED['n'] = '\n';
    UNESCAPED['r'] = '\r';
    UNESCAPED['t'] = '\t';
  }

  /** Thrown to give up; carries no stack trace, and is never seen outside this class. */
  private static final class Unusual extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unusual() {
      super(null, null, false, false);
    }
  }

  private static final Unusual UNUSUAL = new Unusual();

  /** Reads eight bytes of a frame as one little-endian {@code long}, at any index. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);

  private final byte[] in;
  private final int end;
  private final int maxDepth;
  private int pos;
  private byte[] scratch;

  private JsonFrameReader(byte[] in, int offset, int maxDepth) {
    this.in = in;
    this.pos = offset;
    this.end = in.length;
    this.maxDepth = maxDepth;
  }

  /**
   * The tree of the frame {@code frame[offset, frame.length)}, or {@code null} when only Jackson
   * should read it.
   *
   * @param maxNestingDepth the codec's limit; frames that come near it go to Jackson
   */
  static ObjectNode read(byte[] frame, int offset, int maxNestingDepth) {
    // The scanning loops stop at the end of the array, so the frame must run to it.
    JsonFrameReader r =
        new JsonFrameReader(frame, offset, Math.min(MAX_DEPTH, maxNestingDepth - 1));
    try {
      r.skipWhitespace();
      if (r.pos >= r.end || frame[r.pos] != '{') {
        return null;
      }
      r.pos++;
      ObjectNode root = r.object(1);
      r.skipWhitespace();
      return r.pos == r.end ? root : null;
    } catch (Unusual | ArrayIndexOutOfBoundsException e) {
      // Out of bounds is input that ended too early: malformed, so Jackson's to report.
      return null;
    } finally {
      if (r.scratch != null && r.scratch.length <= 1 << 16) {
        SCRATCH.set(r.scratch);
      }
    }
  }

  private JsonNode value(int depth) {
    skipWhitespace();
    int c = in[pos];
    switch (c) {
      case '"' -> {
        pos++;
        return NODES.stringNode(string());
      }
      case '{' -> {
        pos++;
        return object(depth + 1);
      }
      case '[' -> {
        pos++;
        return array(depth + 1);
      }
      case 't' -> {
        literal("true");
        return NODES.booleanNode(true);
      }
      case 'f' -> {
        literal("false");
        return NODES.booleanNode(false);
      }
      case 'n' -> {
        literal("null");
        return NODES.nullNode();
      }
      default -> {
        return number();
      }
    }
  }

  /** Reads an object's members after its '{'. */
  private ObjectNode object(int depth) {
    if (depth > maxDepth) {
      throw UNUSUAL;
    }
    ObjectNode object = NODES.objectNode();
    skipWhitespace();
    if (in[pos] == '}') {
      pos++;
      return object;
    }
    while (true) {
      skipWhitespace();
      expect('"');
      String name = string();
      if (name.length() > MAX_NAME_CHARS) {
        throw UNUSUAL;
      }
      skipWhitespace();
      expect(':');
      if (object.putIfAbsent(name, value(depth)) != null) {
        // A duplicate name: Jackson's strict duplicate detection reports it.
        throw UNUSUAL;
      }
      skipWhitespace();
      int c = in[pos++];
      if (c == '}') {
        return object;
      }
      if (c != ',') {
        throw UNUSUAL;
      }
    }
  }

  /** Reads an array's elements after its '['. */
  private ArrayNode array(int depth) {
    if (depth > maxDepth) {
      throw UNUSUAL;
    }
    ArrayNode array = NODES.arrayNode();
    skipWhitespace();
    if (in[pos] == ']') {
      pos++;
      return array;
    }
    while (true) {
      array.add(value(depth));
      skipWhitespace();
      int c = in[pos++];
      if (c == ']') {
        return array;
      }
      if (c != ',') {
        throw UNUSUAL;
      }
    }
  }

  /** Reads a string's content after its opening quote, and the closing quote. */
  private String string() {
    int start = pos;
    byte[] b = in;
    int p = plainRun(b, pos);
    if (b[p] == '"') {
      // No escapes: the bytes are the chars.
      pos = p + 1;
      return new String(b, start, p - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    byte[] out = room(scratch(), p - start + 64);
    System.arraycopy(b, start, out, 0, p - start);
    int o = p - start;
    while (true) {
      int c = b[p] & 0xFF;
      if (c == '"') {
        pos = p + 1;
        scratch = out;
        return new String(out, 0, o, java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      if (c != '\\') {
        // A control char or a non-ASCII byte.
        throw UNUSUAL;
      }
      int e = b[p + 1] & 0xFF;
      // A table, not a switch: the escapes of a log alternate, and would mislead its jump.
      int decoded = UNESCAPED[e];
      if (decoded < 0) {
        if (e != 'u') {
          throw UNUSUAL;
        }
        decoded =
            (hex(b[p + 2]) << 12) | (hex(b[p + 3]) << 8) | (hex(b[p + 4]) << 4) | hex(b[p + 5]);
        if (decoded > 0x7F) {
          throw UNUSUAL;
        }
        p += 4;
      }
      p += 2;
      if (o + Long.BYTES + 1 > out.length) {
        out = room(out, o + Long.BYTES + 1);
      }
      out[o++] = (byte) decoded;
      // The plain run after the escape, copied eight bytes at a time whatever they are, then
      // cut at its first stop: escapes come every few bytes in logs of JSON, where one
      // arraycopy per short run costs more.
      int last = b.length - Long.BYTES;
      while (p <= last) {
        long word = (long) LONGS.get(b, p);
        LONGS.set(out, o, word);
        long stops = stops(word);
        if (stops != 0) {
          int plain = Long.numberOfTrailingZeros(stops) >>> 3;
          p += plain;
          o += plain;
          break;
        }
        p += Long.BYTES;
        o += Long.BYTES;
        if (o + Long.BYTES > out.length) {
          out = room(out, o + Long.BYTES);
        }
      }
      if (p > last) {
        while (p < b.length && !STRING_STOP[b[p] & 0xFF]) {
          if (o == out.length) {
            out = room(out, o + 1);
          }
          out[o++] = b[p++];
        }
      }
    }
  }

  /**
   * The index of the first byte at or after {@code p} that ends a run of plain string content (see
   * {@link #STRING_STOP}), or {@code b.length} if none does. Eight bytes at a time: a long string
   * is most of what a tool result's frame holds.
   */
  private static int plainRun(byte[] b, int p) {
    for (int last = b.length - Long.BYTES; p <= last; p += Long.BYTES) {
      long stops = stops((long) LONGS.get(b, p));
      if (stops != 0) {
        return p + (Long.numberOfTrailingZeros(stops) >>> 3);
      }
    }
    while (p < b.length && !STRING_STOP[b[p] & 0xFF]) {
      p++;
    }
    return p;
  }

  /**
   * The high bit of each byte of {@code word} that is a quote, a backslash, below 0x20 or above
   * 0x7F; exact up to the lowest such byte (above it a borrow may mark more). The usual tests for a
   * zero byte, on the word XOR each byte sought.
   */
  private static long stops(long word) {
    long control = (word - 0x2020202020202020L) & ~word;
    long quote = word ^ 0x2222222222222222L;
    quote = (quote - 0x0101010101010101L) & ~quote;
    long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
    backslash = (backslash - 0x0101010101010101L) & ~backslash;
    return (control | quote | backslash | word) & 0x8080808080808080L;
  }

  private byte[] scratch() {
    if (scratch == null) {
      scratch = SCRATCH.get();
    }
    return scratch;
  }

  private static byte[] room(byte[] out, int needed) {
    return needed <= out.length
        ? out
        : java.util.Arrays.copyOf(out, Math.max(needed, out.length * 2));
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw UNUSUAL;
  }

  /** An integer as Jackson reads it: an int node if it fits an int, else a long node. */
  private JsonNode number() {
    boolean negative = in[pos] == '-';
    if (negative) {
      pos++;
    }
    int first = pos;
    long value = 0;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      if (pos - first >= 18) {
        // 19 digits and more may not fit a long: Jackson's.
        throw UNUSUAL;
      }
      value = value * 10 + (in[pos] - '0');
      pos++;
    }
    int digits = pos - first;
    if (digits == 0 || (digits > 1 && in[first] == '0')) {
      throw UNUSUAL;
    }
    if (pos < end) {
      int next = in[pos];
      if (next == '.' || next == 'e' || next == 'E' || (next >= 'a' && next <= 'z')) {
        throw UNUSUAL;
      }
    }
    if (negative) {
      value = -value;
    }
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
        ? NODES.numberNode((int) value)
        : NODES.numberNode(value);
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw UNUSUAL;
      }
    }
    pos += word.length();
    if (pos < end) {
      int next = in[pos];
      if ((next >= 'a' && next <= 'z')
          || (next >= 'A' && next <= 'Z')
          || (next >= '0' && next <= '9')) {
        throw UNUSUAL;
      }
    }
  }

  private void expect(char c) {
    if (in[pos++] != c) {
      throw UNUSUAL;
    }
  }

  private void skipWhitespace() {
    while (pos < end) {
      int c = in[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }
}
