package io.github.aiplaybooks.core.approval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.aiplaybooks.core.policy.Target;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a human is asked to approve: one action of one run, with everything needed to judge it. The
 * engine makes one when the policy (or a step's {@code require_human_if}) says {@code
 * REQUIRE_APPROVAL}, and hands it to an {@link ApprovalHandler}.
 *
 * <p>Trusted facts were read from the system by trusted code (the cluster, the clock); claimed
 * facts are what the model said (its {@code blast_radius}, its {@code severity}). Only trusted
 * facts went into the decision; the claims are shown so that a human can see where they differ.
 *
 * <p>As JSON (what {@link WebhookApprovalHandler} posts): the members named by the {@code
 * JsonProperty} names below, such as {@code run_id}, {@code trusted_facts} and {@code deadline}.
 *
 * @param requestId a unique id of this request within its run, such as {@code 6_execute/1}
 * @param runId the run
 * @param playbook the playbook's name
 * @param step the step key, such as {@code 6_execute}
 * @param action the canonical action, such as {@code delete_node}
 * @param target what it acts on
 * @param parameters the action's parameters
 * @param description what the action will do, for people
 * @param rule the rule that asked for a human, such as {@code require_approval[0]: delete_node}
 * @param reasons every reason the decision gave
 * @param trustedFacts the facts the decision read, as JSON values
 * @param claimedFacts what the model claimed about the same things, as JSON values
 * @param inverse how the change would be undone, for people, or {@code null} when it cannot be
 * @param dryRun whether the run is a dry run
 * @param requestedAt when the engine asked, by its clock
 * @param deadline when the request times out, which counts as a denial
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApprovalRequest(
    @JsonProperty("request_id") String requestId,
    @JsonProperty("run_id") String runId,
    @JsonProperty("playbook") String playbook,
    @JsonProperty("step") String step,
    @JsonProperty("action") String action,
    @JsonProperty("target") Target target,
    @JsonProperty("parameters") ObjectNode parameters,
    @JsonProperty("description") String description,
    @JsonProperty("rule") String rule,
    @JsonProperty("reasons") List<String> reasons,
    @JsonProperty("trusted_facts") ObjectNode trustedFacts,
    @JsonProperty("claimed_facts") ObjectNode claimedFacts,
    @JsonProperty("inverse") String inverse,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("requested_at") Instant requestedAt,
    @JsonProperty("deadline") Instant deadline) {

  /**
   * Checks the required components and copies the rest.
   *
   * @throws NullPointerException naming a missing component
   */
  public ApprovalRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(action, "action");
    target = target == null ? Target.NONE : target;
    parameters = parameters == null ? JsonNodeFactory.instance.objectNode() : parameters.deepCopy();
    description = description == null ? "" : description;
    rule = rule == null ? "" : rule;
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    trustedFacts =
        trustedFacts == null ? JsonNodeFactory.instance.objectNode() : trustedFacts.deepCopy();
    claimedFacts =
        claimedFacts == null ? JsonNodeFactory.instance.objectNode() : claimedFacts.deepCopy();
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(deadline, "deadline");
  }

  /** A copy of the parameters. */
  @Override
  public ObjectNode parameters() {
    return parameters.deepCopy();
  }

  /** A copy of the trusted facts. */
  @Override
  public ObjectNode trustedFacts() {
    return trustedFacts.deepCopy();
  }

  /** A copy of the claimed facts. */
  @Override
  public ObjectNode claimedFacts() {
    return claimedFacts.deepCopy();
  }

  /**
   * The facts the model claimed differently from what trusted code read, such as {@code
   * blast_radius: claimed 2, trusted 40}; empty when they agree or the model claimed nothing.
   */
  @JsonIgnore
  public List<String> differences() {
    List<String> out = new java.util.ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = claimedFacts.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode trusted = trustedFacts.get(e.getKey());
      if (trusted != null && !sameValue(trusted, e.getValue())) {
        out.add(
            e.getKey() + ": claimed " + display(e.getValue()) + ", trusted " + display(trusted));
      }
    }
    return out;
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String display(JsonNode v) {
    return v.isString() ? v.stringValue() : v.toString();
  }

  /**
   * The request for people: the action, the target, why a human is asked, the facts and the
   * deadline, several lines.
   */
  @JsonIgnore
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("Approval needed for run ")
        .append(runId)
        .append(" (playbook ")
        .append(playbook)
        .append(", step ")
        .append(step)
        .append(dryRun ? ", DRY RUN" : "")
        .append(")\n");
    b.append("  action:   ").append(action);
    if (!target.isNone()) {
      b.append(" on ").append(target);
    }
    b.append('\n');
    if (!description.isEmpty()) {
      b.append("  what:     ").append(description).append('\n');
    }
    if (!parameters.isEmpty()) {
      b.append("  params:   ").append(parameters).append('\n');
    }
    b.append("  rule:     ").append(rule).append('\n');
    for (String reason : reasons) {
      b.append("  because:  ").append(reason).append('\n');
    }
    b.append("  facts:    ").append(trustedFacts).append('\n');
    for (String d : differences()) {
      b.append("  DIFFERS:  ").append(d).append('\n');
    }
    b.append("  rollback: ").append(inverse == null ? "none: this cannot be undone" : inverse);
    b.append('\n');
    b.append("  deadline: ").append(deadline).append(" (no answer by then is a denial)");
    return b.toString();
  }
}
