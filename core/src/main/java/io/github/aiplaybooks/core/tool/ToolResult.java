package io.github.aiplaybooks.core.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What a tool call returned: text, optionally a structured JSON value, and whether it failed. The
 * content is untrusted: logs and events may hold text that reads like instructions, so the engine
 * cuts it to a budget and redacts secrets before a model sees it.
 *
 * <pre>{@code
 * ToolResult ok = ToolResult.text("api-service-abc123   0/1   CrashLoopBackOff");
 * ToolResult metric = ToolResult.json(mapper.readTree("{\"value\": 0.12}"));
 * ToolResult failed = ToolResult.error("pods \"x\" not found");
 * }</pre>
 *
 * @param text the result as text (for a structured result, its JSON); never null
 * @param structured the structured result, or {@code null}
 * @param error whether the call failed
 * @param sent whether the call reached the system; {@code false} for a dry run of a tool that has
 *     none, which is answered without sending anything
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolResult(
    @JsonProperty("text") String text,
    @JsonProperty("structured") JsonNode structured,
    @JsonProperty("error") boolean error,
    @JsonProperty("sent") boolean sent) {

  /** Checks the text is present and copies the structured value. */
  public ToolResult {
    Objects.requireNonNull(text, "text");
    structured = structured == null ? null : structured.deepCopy();
  }

  /** A successful text result. */
  public static ToolResult text(String text) {
    return new ToolResult(text, null, false, true);
  }

  /** A successful structured result; its text is the JSON. */
  public static ToolResult json(JsonNode value) {
    Objects.requireNonNull(value, "value");
    return new ToolResult(value.toString(), value, false, true);
  }

  /** A failed call, with what went wrong. */
  public static ToolResult error(String message) {
    return new ToolResult(message, null, true, true);
  }

  /** A call that was not sent (a dry run of a tool without one), saying what it would have done. */
  public static ToolResult notSent(String wouldHave) {
    return new ToolResult(wouldHave, null, false, false);
  }

  /** A copy of the structured result, or {@code null}. */
  @Override
  public JsonNode structured() {
    return structured == null ? null : structured.deepCopy();
  }
}
