package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code initialize}.
 *
 * @param protocolVersion the newest revision the client supports, such as {@code 2025-11-25}
 * @param capabilities what the client supports
 * @param clientInfo who the client is
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InitializeRequestParams(
    @JsonProperty("protocolVersion") String protocolVersion,
    @JsonProperty("capabilities") ClientCapabilities capabilities,
    @JsonProperty("clientInfo") Implementation clientInfo,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required members. */
  public InitializeRequestParams {
    Objects.requireNonNull(protocolVersion, "InitializeRequestParams.protocolVersion");
    Objects.requireNonNull(capabilities, "InitializeRequestParams.capabilities");
    Objects.requireNonNull(clientInfo, "InitializeRequestParams.clientInfo");
  }
}
