package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of {@code elicitation/create}: a server asks the user, through the client, for
 * information (revision 2025-06-18 and later).
 *
 * <p>In form mode (the default, {@code mode} absent or {@code "form"}) {@code requestedSchema} is a
 * flat object schema of primitive members, each possibly with a {@code default}. In URL mode
 * (revision 2025-11-25) the user is sent to {@code url} instead; this library's client declares
 * form mode only.
 *
 * @param mode {@code "form"}, {@code "url"}, or {@code null} (form)
 * @param message what to tell the user
 * @param requestedSchema the form's schema (form mode), or {@code null}
 * @param url where to send the user (URL mode), or {@code null}
 * @param elicitationId the id of a URL-mode elicitation, or {@code null}
 * @param meta the {@code _meta} member, kept as given, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ElicitRequestParams(
    @JsonProperty("mode") String mode,
    @JsonProperty("message") String message,
    @JsonProperty("requestedSchema") ObjectNode requestedSchema,
    @JsonProperty("url") String url,
    @JsonProperty("elicitationId") String elicitationId,
    @JsonProperty("_meta") ObjectNode meta) {

  /** Checks the required message. */
  public ElicitRequestParams {
    Objects.requireNonNull(message, "ElicitRequestParams.message");
  }

  /** A form-mode request. */
  public static ElicitRequestParams form(String message, ObjectNode requestedSchema) {
    return new ElicitRequestParams(null, message, requestedSchema, null, null, null);
  }

  /** Whether this is a form-mode request ({@code mode} absent or {@code "form"}). */
  @JsonIgnore
  public boolean isForm() {
    return mode == null || "form".equals(mode);
  }
}
