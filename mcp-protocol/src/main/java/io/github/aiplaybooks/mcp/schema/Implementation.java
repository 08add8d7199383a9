package io.github.aiplaybooks.mcp.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Names an MCP client or server ({@code clientInfo} / {@code serverInfo}).
 *
 * <pre>{@code
 * Implementation info = Implementation.of("ai-playbooks", "0.1.0");
 * }</pre>
 *
 * @param name the programmatic name
 * @param title a display name, or {@code null}
 * @param version the implementation's version
 * @param description what it does, or {@code null}
 * @param websiteUrl its website, or {@code null}
 * @param icons icons, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Implementation(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("version") String version,
    @JsonProperty("description") String description,
    @JsonProperty("websiteUrl") String websiteUrl,
    @JsonProperty("icons") List<Icon> icons) {

  /** Checks the required name and version and copies the list. */
  public Implementation {
    Objects.requireNonNull(name, "Implementation.name");
    Objects.requireNonNull(version, "Implementation.version");
    icons = icons == null ? null : List.copyOf(icons);
  }

  /** An implementation with just a name and a version. */
  public static Implementation of(String name, String version) {
    return new Implementation(name, null, version, null, null, null);
  }
}
