package io.github.aiplaybooks.mcp.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MCP protocol revisions this library speaks, newest first.
 *
 * <p>A client asks for {@link #LATEST}; a server answers with the same revision when it supports
 * it, otherwise with the newest revision it supports. The differences this library handles:
 *
 * <ul>
 *   <li>{@code 2025-06-18} and later: {@code structuredContent}, {@code outputSchema}, resource
 *       links, tool {@code title}, and on HTTP the {@code MCP-Protocol-Version} header;
 *   <li>{@code 2025-03-26} and later: tool annotations, audio content, Streamable HTTP.
 * </ul>
 *
 * <pre>{@code
 * ProtocolVersion v = ProtocolVersion.parse("2025-06-18").orElseThrow();
 * boolean structured = v.supportsStructuredContent();
 * }</pre>
 */
public enum ProtocolVersion {
  /** Revision 2025-11-25. */
  V2025_11_25("2025-11-25"),
  /** Revision 2025-06-18. */
  V2025_06_18("2025-06-18"),
  /** Revision 2025-03-26. */
  V2025_03_26("2025-03-26"),
  /** Revision 2024-11-05. */
  V2024_11_05("2024-11-05");

  /** The newest revision, which a client asks for first. */
  public static final ProtocolVersion LATEST = V2025_11_25;

  private final String id;

  ProtocolVersion(String id) {
    this.id = id;
  }

  /** The revision as written on the wire, such as {@code 2025-11-25}. */
  public String id() {
    return id;
  }

  /** The revision written as {@code id}, if this library speaks it. */
  public static Optional<ProtocolVersion> parse(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  /** The wire ids of every revision this library speaks, newest first. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(ProtocolVersion::id).toList();
  }

  /** Whether this revision is at least {@code other}. */
  public boolean atLeast(ProtocolVersion other) {
    return ordinal() <= other.ordinal();
  }

  /** Whether tool results may carry {@code structuredContent} and tools an {@code outputSchema}. */
  public boolean supportsStructuredContent() {
    return atLeast(V2025_06_18);
  }

  /** Whether HTTP requests after initialization carry the {@code MCP-Protocol-Version} header. */
  public boolean usesProtocolVersionHeader() {
    return atLeast(V2025_06_18);
  }

  /** Whether tools may carry annotations and results audio content. */
  public boolean supportsToolAnnotations() {
    return atLeast(V2025_03_26);
  }

  @Override
  public String toString() {
    return id;
  }
}
