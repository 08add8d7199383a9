package io.github.aiplaybooks.mcp.client;

import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-request options: a timeout (instead of the client's default), a progress listener, extra
 * {@code _meta}.
 *
 * <pre>{@code
 * CallOptions options = CallOptions.builder()
 *     .timeout(Duration.ofSeconds(10))
 *     .progressListener(p -> log.info("{}/{}", p.progress(), p.total()))
 *     .build();
 * }</pre>
 */
public final class CallOptions {
  private static final CallOptions DEFAULTS = builder().build();

  private final Duration timeout;
  private final ProgressListener progressListener;
  private final ObjectNode meta;

  private CallOptions(Builder b) {
    this.timeout = b.timeout;
    this.progressListener = b.progressListener;
    this.meta = b.meta;
  }

  /** No timeout override, no progress, no extra {@code _meta}. */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /** Options with only a timeout. */
  public static CallOptions timeout(Duration timeout) {
    return builder().timeout(timeout).build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.progressListener = progressListener;
    b.meta = meta;
    return b;
  }

  /** The timeout, or {@code null} for the client's default. */
  public Duration timeoutOrNull() {
    return timeout;
  }

  /** The progress listener, or {@code null}. */
  public ProgressListener progressListenerOrNull() {
    return progressListener;
  }

  /** A copy of the extra {@code _meta}, or {@code null}. */
  public ObjectNode metaOrNull() {
    return meta == null ? null : meta.deepCopy();
  }

  @Override
  public String toString() {
    return "CallOptions{timeout=" + timeout + ", progress=" + (progressListener != null) + "}";
  }

  /** Builds {@link CallOptions}. */
  public static final class Builder {
    private Duration timeout;
    private ProgressListener progressListener;
    private ObjectNode meta;

    private Builder() {}

    /** How long to wait for the response before cancelling the request. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Asks the server for progress and sends it to {@code listener}. */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "progressListener");
      return this;
    }

    /** Extra members for the request's {@code _meta} (the client sets {@code progressToken}). */
    public Builder meta(ObjectNode meta) {
      this.meta = meta == null ? null : meta.deepCopy();
      return this;
    }

    /** The options. */
    public CallOptions build() {
      return new CallOptions(this);
    }
  }
}
