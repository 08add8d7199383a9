package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of {@code initialize}.
 *
 * @param protocolVersion the revision the server chose
 * @param capabilities what the server supports
 * @param serverInfo who the server is
 * @param instructions how to use the server, a hint for the model, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InitializeResult(
    @JsonProperty("protocolVersion") String protocolVersion,
    @JsonProperty("capabilities") ServerCapabilities capabilities,
    @JsonProperty("serverInfo") Implementation serverInfo,
    @JsonProperty("instructions") String instructions,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required members. */
  public InitializeResult {
    Objects.requireNonNull(protocolVersion, "InitializeResult.protocolVersion");
    Objects.requireNonNull(capabilities, "InitializeResult.capabilities");
    Objects.requireNonNull(serverInfo, "InitializeResult.serverInfo");
  }
}
