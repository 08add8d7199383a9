package io.github.aiplaybooks.core.policy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the {@link PolicyEngine} decided about an {@link ActionRequest}: allow it, ask a human, or
 * refuse it; with every reason and the rule that decided.
 *
 * <pre>{@code
 * Decision d = engine.decide(request);
 * switch (d.outcome()) {
 *   case ALLOW -> execute(request);
 *   case REQUIRE_APPROVAL -> askHuman(request, d.reasons());
 *   case DENY -> refuse(d.reasons(), d.retryAt());
 * }
 * }</pre>
 *
 * <p>As JSON ({@link #toJson()}, or any Jackson mapper), it is one object: {@code {"decision":
 * "ALLOW", "reasons": [...], "rule": "auto_approve[0]: restart_pod", "retry_at": "..." (for a rate
 * limit), "action": "restart_pod", "facts": {...}, "decided_at": "2024-01-02T10:00:00Z"}}. Facts
 * are written so that {@link Facts#fromJson} reads them back: plain numbers as numbers, other
 * quantities as their literals ({@code "51_pods"}, {@code "12%"}).
 *
 * <p>Immutable.
 */
@JsonAutoDetect(
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE,
    fieldVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"decision", "reasons", "rule", "retry_at", "action", "facts", "decided_at"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Decision {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The three possible outcomes. */
  public enum Outcome {
    /** The action may run now. */
    ALLOW,
    /** The action may run once a human approves it. */
    REQUIRE_APPROVAL,
    /** The action must not run. */
    DENY
  }

  private final Outcome outcome;
  private final List<String> reasons;
  private final RuleRef rule;
  private final Instant retryAt;
  private final String action;
  private final Facts facts;
  private final Instant decidedAt;

  Decision(
      Outcome outcome,
      List<String> reasons,
      RuleRef rule,
      Instant retryAt,
      String action,
      Facts facts,
      Instant decidedAt) {
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.reasons = List.copyOf(reasons);
    this.rule = Objects.requireNonNull(rule, "rule");
    this.retryAt = retryAt;
    this.action = Objects.requireNonNull(action, "action");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
  }

  /** What was decided. */
  @JsonProperty("decision")
  public Outcome outcome() {
    return outcome;
  }

  /** Whether the action may run now. */
  public boolean isAllowed() {
    return outcome == Outcome.ALLOW;
  }

  /** Whether the action may run once a human approves it. */
  public boolean requiresApproval() {
    return outcome == Outcome.REQUIRE_APPROVAL;
  }

  /** Whether the action must not run. */
  public boolean isDenied() {
    return outcome == Outcome.DENY;
  }

  /**
   * Every reason, for people: the rule that decided first, then every other rule that matched (and
   * for {@link Outcome#REQUIRE_APPROVAL}, automatic rules that also matched but lost).
   */
  @JsonProperty("reasons")
  public List<String> reasons() {
    return reasons;
  }

  /** The rule that decided. */
  public RuleRef rule() {
    return rule;
  }

  /**
   * For a denial by a rate limit, when the limit frees a slot; empty for any other decision and for
   * a limit of zero, which never does.
   */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  /** The action's canonical name, or the name as asked for when the catalog does not know it. */
  @JsonProperty("action")
  public String action() {
    return action;
  }

  /** The facts the rules read: the trusted facts and the computed facts they lacked. */
  public Facts facts() {
    return facts;
  }

  /** When the decision was made, by the engine's clock. */
  public Instant decidedAt() {
    return decidedAt;
  }

  /** This decision as one compact JSON object, as described on the class. */
  public String toJson() {
    return JSON.writeValueAsString(this);
  }

  @JsonProperty("rule")
  private String ruleForJson() {
    return rule.toString();
  }

  @JsonProperty("retry_at")
  private String retryAtForJson() {
    return retryAt == null ? null : retryAt.toString();
  }

  @JsonProperty("decided_at")
  private String decidedAtForJson() {
    return decidedAt.toString();
  }

  @JsonProperty("facts")
  private Map<String, Object> factsForJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : facts.names()) {
      out.put(name, jsonValue(facts.get(name).orElseThrow()));
    }
    return out;
  }

  private static Object jsonValue(Object v) {
    if (v instanceof Quantity) {
      Quantity q = (Quantity) v;
      return q.dimension() == Quantity.Dimension.NUMBER ? q.amount() : q.toString();
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(jsonValue(e));
      }
      return out;
    }
    return v;
  }

  /** {@code ALLOW restart_pod by auto_approve[0]: restart_pod}. */
  @Override
  public String toString() {
    return outcome
        + " "
        + action
        + " by "
        + rule
        + (retryAt == null ? "" : " (retry at " + retryAt + ")")
        + " "
        + reasons;
  }
}
