package io.github.aiplaybooks.mcp.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach an MCP server over Streamable HTTP.
 *
 * <pre>{@code
 * StreamableHttpOptions http = StreamableHttpOptions.builder(URI.create("http://127.0.0.1:3001/mcp"))
 *     .header("Authorization", "Bearer " + token)
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows header values, which may hold credentials.
 */
public final class StreamableHttpOptions {
  private final URI endpoint;
  private final Map<String, String> headers;
  private final HttpClient httpClient;
  private final Duration connectTimeout;
  private final boolean openGetStream;
  private final int maxReconnects;
  private final Duration defaultRetry;

  private StreamableHttpOptions(Builder b) {
    this.endpoint = b.endpoint;
    this.headers = Map.copyOf(b.headers);
    this.httpClient = b.httpClient;
    this.connectTimeout = b.connectTimeout;
    this.openGetStream = b.openGetStream;
    this.maxReconnects = b.maxReconnects;
    this.defaultRetry = b.defaultRetry;
  }

  /** A builder for the MCP endpoint {@code endpoint}. */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder(endpoint);
    b.headers.putAll(headers);
    b.httpClient = httpClient;
    b.connectTimeout = connectTimeout;
    b.openGetStream = openGetStream;
    b.maxReconnects = maxReconnects;
    b.defaultRetry = defaultRetry;
    return b;
  }

  /** The MCP endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /** Extra headers sent with every request. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The HTTP client to use, or {@code null} to make one. */
  public HttpClient httpClientOrNull() {
    return httpClient;
  }

  /** The connect timeout of the HTTP client the transport makes. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Whether to open the GET stream for server-initiated messages after initialization. */
  public boolean openGetStream() {
    return openGetStream;
  }

  /** How many times a dropped SSE stream is resumed with {@code Last-Event-ID}. */
  public int maxReconnects() {
    return maxReconnects;
  }

  /** How long to wait before resuming when the server sent no {@code retry} field. */
  public Duration defaultRetry() {
    return defaultRetry;
  }

  @Override
  public String toString() {
    return "StreamableHttpOptions{" + endpoint + ", headers=" + headers.keySet() + "}";
  }

  /** Builds {@link StreamableHttpOptions}. */
  public static final class Builder {
    private final URI endpoint;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean openGetStream = true;
    private int maxReconnects = 5;
    private Duration defaultRetry = Duration.ofSeconds(1);

    private Builder(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException(
            "endpoint must be an http or https URL, was " + endpoint);
      }
      this.endpoint = endpoint;
    }

    /** Adds a header sent with every request, such as {@code Authorization}. */
    public Builder header(String name, String value) {
      headers.put(
          Objects.requireNonNull(name, "header name"),
          Objects.requireNonNull(value, "header value"));
      return this;
    }

    /** Uses {@code client} instead of making one. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "httpClient");
      return this;
    }

    /** The connect timeout (default 10 seconds). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
      return this;
    }

    /** Whether to open the GET stream after initialization (default true). */
    public Builder openGetStream(boolean open) {
      this.openGetStream = open;
      return this;
    }

    /** How many times a dropped SSE stream is resumed (default 5). */
    public Builder maxReconnects(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxReconnects must not be negative, was " + max);
      }
      this.maxReconnects = max;
      return this;
    }

    /** The wait before resuming when the server sent no {@code retry} (default 1 second). */
    public Builder defaultRetry(Duration retry) {
      if (retry.isNegative()) {
        throw new IllegalArgumentException("defaultRetry must not be negative, was " + retry);
      }
      this.defaultRetry = retry;
      return this;
    }

    /** The options. */
    public StreamableHttpOptions build() {
      return new StreamableHttpOptions(this);
    }
  }
}
