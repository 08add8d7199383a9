package io.github.aiplaybooks.mcp.jsonrpc;

import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Writes a JSON-RPC message as UTF-8 bytes by hand, byte for byte as the codec's Jackson generator
 * writes it, for messages made of plain JSON: objects, arrays, strings without surrogate chars,
 * {@code int} and {@code long} numbers, booleans and null, nested at most {@link #MAX_DEPTH} deep,
 * with a string or {@code long} id. Anything else (floating-point or big numbers, binary or POJO
 * nodes, surrogates) makes {@link #encode} give up ({@code null}) before it returns anything, and
 * the codec writes that message with Jackson.
 *
 * <p>Why by hand: for the messages of a tool call, Jackson's generator costs more to set up than
 * the whole message takes to write, and it escapes a long string one {@code charAt} at a time
 * through a general loop; this writer escapes in one tight loop straight into a buffer kept per
 * thread, remembers the bytes of member names it wrote lately, and copies the frame out once.
 */
final class JsonFrameWriter {
  /** Deeper trees go to Jackson, which enforces its own write limits. */
  static final int MAX_DEPTH = 100;

  /** Strings are escaped in chunks of this many chars, so the buffer grows by bounded steps. */
  private static final int CHUNK = 8192;

  private static final int NAME_SLOTS = 64;

  /** Longer names are not remembered. */
  private static final int MAX_NAME_CHARS = 32;

  /** A buffer that grew past this is not kept for the thread's next message. */
  private static final int KEEP_MAX = 1 << 16;

  private static final ThreadLocal<JsonFrameWriter> WRITERS =
      ThreadLocal.withInitial(JsonFrameWriter::new);

  /**
   * For each ASCII char: 0 to copy it, else the letter after the backslash of its escape ({@code u}
   * for the six-char hex escape of other control chars), as Jackson's default escapes.
   */
  private static final byte[] ESCAPES = new byte[128];

  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
  };

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  private static final byte[] START = ascii("{\"jsonrpc\":\"2.0\"");
  private static final byte[] ID = ascii(",\"id\":");
  private static final byte[] METHOD = ascii(",\"method\":");
  private static final byte[] PARAMS = ascii(",\"params\":");
  private static final byte[] RESULT = ascii(",\"result\":");
  private static final byte[] ERROR_CODE = ascii(",\"error\":{\"code\":");
  private static final byte[] MESSAGE = ascii(",\"message\":");
  private static final byte[] DATA = ascii(",\"data\":");
  private static final byte[] NULL = ascii("null");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));

  private byte[] buf = new byte[8192];
  private int pos;
  private boolean busy;

  /**
   * Member names written lately, quoted and escaped, by the low bits of their hash: a tool call's
   * messages repeat a handful of names ({@code name}, {@code arguments}, {@code content}, ...).
   */
  private final String[] names = new String[NAME_SLOTS];

  private final byte[][] nameBytes = new byte[NAME_SLOTS][];

  private JsonFrameWriter() {}

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The frame, or {@code null} when the message holds something only Jackson writes. */
  static byte[] encode(JsonRpcMessage message) {
    JsonFrameWriter w = WRITERS.get();
    if (w.busy) {
      // Called again while writing (a node subclass that encodes when read): Jackson's turn.
      return null;
    }
    w.busy = true;
    w.pos = 0;
    try {
      return w.message(message) ? Arrays.copyOf(w.buf, w.pos) : null;
    } finally {
      w.busy = false;
      if (w.buf.length > KEEP_MAX) {
        w.buf = new byte[8192];
      }
    }
  }

  private boolean message(JsonRpcMessage message) {
    raw(START);
    if (message instanceof JsonRpcRequest r) {
      raw(ID);
      return id(r.id()) && method(r.method()) && optional(PARAMS, r.params()) && close('}');
    }
    if (message instanceof JsonRpcNotification n) {
      return method(n.method()) && optional(PARAMS, n.params()) && close('}');
    }
    if (message instanceof JsonRpcSuccessResponse s) {
      raw(ID);
      if (!id(s.id())) {
        return false;
      }
      raw(RESULT);
      return node(s.result(), 0) && close('}');
    }
    JsonRpcErrorResponse e = (JsonRpcErrorResponse) message;
    raw(ID);
    if (e.id() == null) {
      raw(NULL);
    } else if (!id(e.id())) {
      return false;
    }
    raw(ERROR_CODE);
    number(e.error().code());
    raw(MESSAGE);
    return string(e.error().message())
        && optional(DATA, e.error().data())
        && close('}')
        && close('}');
  }

  private boolean id(JsonRpcId id) {
    return id.writeTo(this);
  }

  private boolean method(String method) {
    raw(METHOD);
    return string(method);
  }

  private boolean optional(byte[] name, JsonNode value) {
    if (value == null) {
      return true;
    }
    raw(name);
    return node(value, 0);
  }

  private boolean close(char c) {
    ensure(1);
    buf[pos++] = (byte) c;
    return true;
  }

  private boolean node(JsonNode node, int depth) {
    if (node instanceof StringNode s) {
      return string(s.stringValue());
    }
    if (node instanceof ObjectNode object) {
      return object(object, depth + 1);
    }
    if (node instanceof ArrayNode array) {
      return array(array, depth + 1);
    }
    if (node instanceof IntNode || node instanceof LongNode) {
      number(node.longValue());
      return true;
    }
    if (node instanceof BooleanNode b) {
      raw(b.booleanValue() ? TRUE : FALSE);
      return true;
    }
    if (node instanceof NullNode) {
      raw(NULL);
      return true;
    }
    return false;
  }

  private boolean object(ObjectNode object, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    ensure(1);
    buf[pos++] = '{';
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (!first) {
        ensure(1);
        buf[pos++] = ',';
      }
      first = false;
      if (!name(member.getKey())) {
        return false;
      }
      ensure(1);
      buf[pos++] = ':';
      if (!node(member.getValue(), depth)) {
        return false;
      }
    }
    return close('}');
  }

  private boolean array(ArrayNode array, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    ensure(1);
    buf[pos++] = '[';
    for (int i = 0, n = array.size(); i < n; i++) {
      if (i > 0) {
        ensure(1);
        buf[pos++] = ',';
      }
      if (!node(array.get(i), depth)) {
        return false;
      }
    }
    return close(']');
  }

  /** Writes an integer as Jackson does: its decimal digits, with a minus sign if negative. */
  void number(long value) {
    if (value == Long.MIN_VALUE) {
      raw(MIN_LONG);
      return;
    }
    ensure(20);
    if (value < 0) {
      buf[pos++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    for (int i = pos + digits - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    pos += digits;
  }

  /** Writes a member name, as {@link #string} would. */
  private boolean name(String name) {
    int slot = name.hashCode() & (NAME_SLOTS - 1);
    String known = names[slot];
    if (known != null && (known == name || known.equals(name))) {
      raw(nameBytes[slot]);
      return true;
    }
    int start = pos;
    if (!string(name)) {
      return false;
    }
    if (name.length() <= MAX_NAME_CHARS) {
      nameBytes[slot] = Arrays.copyOfRange(buf, start, pos);
      names[slot] = name;
    }
    return true;
  }

  /**
   * Writes a quoted, escaped string, leaving room for two more bytes; {@code false} if it holds a
   * surrogate char.
   */
  boolean string(String s) {
    int n = s.length();
    if (n > CHUNK) {
      return longString(s, n);
    }
    // At most 6 bytes per char (an escape, or 3 for a char beyond U+07FF), the quotes and the
    // two bytes promised.
    ensure(n * 6 + 4);
    byte[] b = buf;
    b[pos] = '"';
    int p = chars(s, 0, n, b, pos + 1);
    if (p < 0) {
      return false;
    }
    b[p] = '"';
    pos = p + 1;
    return true;
  }

  private boolean longString(String s, int n) {
    ensure(1);
    buf[pos++] = '"';
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      ensure((end - start) * 6 + 3);
      int p = chars(s, start, end, buf, pos);
      if (p < 0) {
        return false;
      }
      pos = p;
    }
    buf[pos++] = '"';
    return true;
  }

  /**
   * Writes {@code s[start, end)} escaped into {@code b} from {@code p}, which has room.
   *
   * @return the position after it, or -1 for a surrogate char
   */
  private static int chars(String s, int start, int end, byte[] b, int p) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      // The common case in a loop small enough for the compiler to unroll.
      if (c < 0x80 && ESCAPES[c] == 0) {
        b[p++] = (byte) c;
      } else {
        p = special(c, b, p);
        if (p < 0) {
          return -1;
        }
      }
    }
    return p;
  }

  /** Writes a char that needs an escape or more than one byte; -1 for a surrogate. */
  private static int special(char c, byte[] b, int p) {
    if (c < 0x80) {
      byte escape = ESCAPES[c];
      b[p++] = '\\';
      b[p++] = escape;
      if (escape == 'u') {
        b[p++] = '0';
        b[p++] = '0';
        b[p++] = HEX[c >> 4];
        b[p++] = HEX[c & 0xF];
      }
    } else if (c < 0x800) {
      b[p++] = (byte) (0xC0 | (c >> 6));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isSurrogate(c)) {
      return -1;
    } else {
      b[p++] = (byte) (0xE0 | (c >> 12));
      b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    }
    return p;
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
