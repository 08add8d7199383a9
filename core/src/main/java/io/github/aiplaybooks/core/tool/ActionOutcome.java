package io.github.aiplaybooks.core.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What applying an action did, as its {@link ActionAdapter} reports it.
 *
 * <pre>{@code
 * return ActionOutcome.applied("scaled deployment default/api-service to 6 replicas");
 * return ActionOutcome.dryRun("server-side dry run accepted: replicas 3 -> 6");
 * return ActionOutcome.notSent("would scale deployment default/api-service to 6 replicas");
 * }</pre>
 *
 * @param changed whether the system changed
 * @param sent whether anything was sent to the system (a server-side dry run is sent; an
 *     unsupported dry run is not)
 * @param detail what happened, for people
 * @param after a snapshot of the state after the change, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionOutcome(
    @JsonProperty("changed") boolean changed,
    @JsonProperty("sent") boolean sent,
    @JsonProperty("detail") String detail,
    @JsonProperty("after") JsonNode after) {

  /** Checks the detail is present and copies the snapshot. */
  public ActionOutcome {
    Objects.requireNonNull(detail, "detail");
    after = after == null ? null : after.deepCopy();
  }

  /** The system changed. */
  public static ActionOutcome applied(String detail) {
    return new ActionOutcome(true, true, detail, null);
  }

  /** A dry run was sent and accepted; nothing changed. */
  public static ActionOutcome dryRun(String detail) {
    return new ActionOutcome(false, true, detail, null);
  }

  /** Nothing was sent (dry run without support); {@code detail} says what would have happened. */
  public static ActionOutcome notSent(String detail) {
    return new ActionOutcome(false, false, detail, null);
  }

  /** This outcome with a snapshot of the state after. */
  public ActionOutcome withAfter(JsonNode after) {
    return new ActionOutcome(changed, sent, detail, after);
  }
}
