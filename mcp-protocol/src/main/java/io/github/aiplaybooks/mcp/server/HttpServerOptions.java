package io.github.aiplaybooks.mcp.server;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link McpServer#startHttp(HttpServerOptions)} serves Streamable HTTP.
 *
 * <p>Defaults: bind {@code 127.0.0.1}, any free port, path {@code /mcp}, answer requests with JSON
 * unless the client asked for progress ({@link ResponseMode#AUTO}), accept browser {@code Origin}s
 * and {@code Host}s on loopback only (anything else is {@code 403}, against DNS rebinding), at most
 * 1000 sessions, a session idle for 30 minutes is closed.
 *
 * <pre>{@code
 * HttpServerOptions options = HttpServerOptions.builder()
 *     .port(8931)
 *     .allowedOrigins(Set.of("https://console.example.com"))
 *     .build();
 * }</pre>
 */
public final class HttpServerOptions {

  /** How a request's answer is sent. */
  public enum ResponseMode {
    /** One {@code application/json} body. Notifications about the request go to the GET stream. */
    JSON,
    /** A {@code text/event-stream}: progress and log notifications, then the response. */
    SSE,
    /** SSE when the request carries a {@code progressToken}, JSON otherwise. */
    AUTO
  }

  private final InetAddress bindAddress;
  private final int port;
  private final String path;
  private final Set<String> allowedOrigins;
  private final Set<String> allowedHosts;
  private final ResponseMode responseMode;
  private final int maxSessions;
  private final Duration sessionIdleTimeout;
  private final int maxThreads;
  private final Clock clock;

  private HttpServerOptions(Builder b) {
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.path = b.path;
    this.allowedOrigins = b.allowedOrigins;
    this.allowedHosts = b.allowedHosts;
    this.responseMode = b.responseMode;
    this.maxSessions = b.maxSessions;
    this.sessionIdleTimeout = b.sessionIdleTimeout;
    this.maxThreads = b.maxThreads;
    this.clock = b.clock;
  }

  /** The defaults. */
  public static HttpServerOptions ofDefaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bindAddress = bindAddress;
    b.port = port;
    b.path = path;
    b.allowedOrigins = allowedOrigins;
    b.allowedHosts = allowedHosts;
    b.responseMode = responseMode;
    b.maxSessions = maxSessions;
    b.sessionIdleTimeout = sessionIdleTimeout;
    b.maxThreads = maxThreads;
    b.clock = clock;
    return b;
  }

  /** The address to bind. */
  public InetAddress bindAddress() {
    return bindAddress;
  }

  /** The port to bind; 0 for any free port. */
  public int port() {
    return port;
  }

  /** The path of the MCP endpoint, such as {@code /mcp}. */
  public String path() {
    return path;
  }

  /** Origins allowed besides loopback ones, lower-case; empty for loopback only. */
  public Set<String> allowedOrigins() {
    return allowedOrigins;
  }

  /** Host names allowed in the {@code Host} header; empty for loopback only on a loopback bind. */
  public Set<String> allowedHosts() {
    return allowedHosts;
  }

  /** How answers are sent. */
  public ResponseMode responseMode() {
    return responseMode;
  }

  /** The most sessions kept at once; beyond it {@code initialize} gets {@code 503}. */
  public int maxSessions() {
    return maxSessions;
  }

  /** How long a session may sit idle before it is closed. */
  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /** The most HTTP exchanges served at once (open SSE streams count). */
  public int maxThreads() {
    return maxThreads;
  }

  /** The clock idle time is measured with. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "HttpServerOptions{"
        + bindAddress.getHostAddress()
        + ":"
        + port
        + path
        + ", "
        + responseMode
        + "}";
  }

  /** Builds {@link HttpServerOptions}. */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private String path = "/mcp";
    private Set<String> allowedOrigins = Set.of();
    private Set<String> allowedHosts = Set.of();
    private ResponseMode responseMode = ResponseMode.AUTO;
    private int maxSessions = 1000;
    private Duration sessionIdleTimeout = Duration.ofMinutes(30);
    private int maxThreads = 200;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The address to bind (default {@code 127.0.0.1}). */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** The port (default 0: any free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The endpoint path (default {@code /mcp}). */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/', was " + path);
      }
      this.path = path;
      return this;
    }

    /** Origins ({@code scheme://host[:port]}) allowed besides loopback ones. */
    public Builder allowedOrigins(Set<String> origins) {
      this.allowedOrigins =
          origins.stream()
              .map(o -> o.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
      return this;
    }

    /** Host names allowed in the {@code Host} header (without port). */
    public Builder allowedHosts(Set<String> hosts) {
      this.allowedHosts =
          hosts.stream()
              .map(h -> h.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
      return this;
    }

    /** How answers are sent (default {@link ResponseMode#AUTO}). */
    public Builder responseMode(ResponseMode mode) {
      this.responseMode = Objects.requireNonNull(mode, "responseMode");
      return this;
    }

    /** The most sessions kept at once (default 1000). */
    public Builder maxSessions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxSessions must be at least 1, was " + max);
      }
      this.maxSessions = max;
      return this;
    }

    /** How long a session may sit idle (default 30 minutes). */
    public Builder sessionIdleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("sessionIdleTimeout must be positive, was " + timeout);
      }
      this.sessionIdleTimeout = timeout;
      return this;
    }

    /** The most HTTP exchanges served at once (default 200). */
    public Builder maxThreads(int max) {
      if (max < 2) {
        throw new IllegalArgumentException("maxThreads must be at least 2, was " + max);
      }
      this.maxThreads = max;
      return this;
    }

    /** The clock idle time is measured with (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The options. */
    public HttpServerOptions build() {
      return new HttpServerOptions(this);
    }
  }
}
