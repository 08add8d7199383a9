package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcId;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code notifications/cancelled}.
 *
 * @param requestId the id of the request to cancel (required for non-task requests)
 * @param reason why, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelledNotificationParams(
    @JsonProperty("requestId") JsonRpcId requestId,
    @JsonProperty("reason") String reason,
    @JsonProperty("_meta") ObjectNode meta) {}
