package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code notifications/message}: a log message from the server.
 *
 * @param level its severity
 * @param logger the name of the logger, or {@code null}
 * @param data the message, any JSON value
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoggingMessageNotificationParams(
    @JsonProperty("level") LoggingLevel level,
    @JsonProperty("logger") String logger,
    @JsonProperty("data") JsonNode data,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required members. */
  public LoggingMessageNotificationParams {
    Objects.requireNonNull(level, "LoggingMessageNotificationParams.level");
    Objects.requireNonNull(data, "LoggingMessageNotificationParams.data");
  }
}
