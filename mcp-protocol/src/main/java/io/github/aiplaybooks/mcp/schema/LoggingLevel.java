package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The severity of a log message, as in syslog (RFC 5424), from least to most severe. */
public enum LoggingLevel {
  /** Detailed debugging information. */
  @JsonProperty("debug")
  DEBUG,
  /** General information. */
  @JsonProperty("info")
  INFO,
  /** Normal but significant events. */
  @JsonProperty("notice")
  NOTICE,
  /** Warning conditions. */
  @JsonProperty("warning")
  WARNING,
  /** Error conditions. */
  @JsonProperty("error")
  ERROR,
  /** Critical conditions. */
  @JsonProperty("critical")
  CRITICAL,
  /** Action must be taken immediately. */
  @JsonProperty("alert")
  ALERT,
  /** The system is unusable. */
  @JsonProperty("emergency")
  EMERGENCY;

  /** Whether a message at this level passes a threshold of {@code threshold}. */
  public boolean isAtLeast(LoggingLevel threshold) {
    return ordinal() >= threshold.ordinal();
  }
}
