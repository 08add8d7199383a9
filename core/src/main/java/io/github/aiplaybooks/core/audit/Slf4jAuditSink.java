package io.github.aiplaybooks.core.audit;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Logs each audit event through SLF4J as one structured JSON message (the event's canonical JSON),
 * with the run id in the MDC under {@value RunMdc#KEY} while it logs, so log pipelines can index
 * and filter by run. The logger defaults to {@value #DEFAULT_LOGGER} at INFO.
 *
 * <pre>{@code
 * AuditSink sink = Slf4jAuditSink.ofDefaults();
 * AuditSink custom = Slf4jAuditSink.builder().logger(LoggerFactory.getLogger("audit")).level(Level.DEBUG).build();
 * }</pre>
 */
public final class Slf4jAuditSink implements AuditSink {
  /** The default logger name. */
  public static final String DEFAULT_LOGGER = "io.github.aiplaybooks.audit";

  private final Logger logger;
  private final Level level;

  private Slf4jAuditSink(Builder b) {
    this.logger = b.logger == null ? LoggerFactory.getLogger(DEFAULT_LOGGER) : b.logger;
    this.level = b.level;
  }

  /** A sink logging to {@value #DEFAULT_LOGGER} at INFO. */
  public static Slf4jAuditSink ofDefaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void accept(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (!logger.isEnabledForLevel(level)) {
      return;
    }
    String json = CanonicalJson.write(event.toJson());
    String before = MDC.get(RunMdc.KEY);
    MDC.put(RunMdc.KEY, event.runId());
    try {
      logger.atLevel(level).log(json);
    } finally {
      if (before == null) {
        MDC.remove(RunMdc.KEY);
      } else {
        MDC.put(RunMdc.KEY, before);
      }
    }
  }

  @Override
  public String toString() {
    return "Slf4jAuditSink[" + logger.getName() + ", " + level + "]";
  }

  /** Builds an {@link Slf4jAuditSink}. */
  public static final class Builder {
    private Logger logger;
    private Level level = Level.INFO;

    private Builder() {}

    /** The logger to write to. */
    public Builder logger(Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /** The level to log at (default INFO). */
    public Builder level(Level level) {
      this.level = Objects.requireNonNull(level, "level");
      return this;
    }

    /** The sink. */
    public Slf4jAuditSink build() {
      return new Slf4jAuditSink(this);
    }
  }
}
