package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcId;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code notifications/progress}.
 *
 * <p>A progress token has the same shape as a request id (a string or a number, kept as given), so
 * it is a {@link JsonRpcId}.
 *
 * @param progressToken the token the request carried in {@code _meta.progressToken}
 * @param progress the progress so far; it increases with every notification
 * @param total the total, when known, or {@code null}
 * @param message a description of the progress, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressNotificationParams(
    @JsonProperty("progressToken") JsonRpcId progressToken,
    @JsonProperty("progress") double progress,
    @JsonProperty("total") Double total,
    @JsonProperty("message") String message,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required token. */
  public ProgressNotificationParams {
    Objects.requireNonNull(progressToken, "ProgressNotificationParams.progressToken");
  }
}
