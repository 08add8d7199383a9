package io.github.aiplaybooks.core.policy;

import java.util.Objects;

/**
 * The rule of a policy that decided a {@link Decision}: an item of one of the policy's lists (such
 * as {@code auto_approve[0]}, the item {@code restart_pod}), or one of the engine's fixed rules:
 *
 * <ul>
 *   <li>{@code catalog}: the action is not in the action catalog, so it is refused;
 *   <li>{@code emergency_stop}: the emergency stop is engaged;
 *   <li>{@code facts}: the trusted facts are invalid (a value of the wrong type, a negative count,
 *       or a fact that disagrees with the request: its action, its target's namespace or cluster,
 *       the scale ratios its replica counts make);
 *   <li>{@code rate_limits.CATEGORY}, such as {@code rate_limits.pod_restarts}: the rate limit is
 *       reached;
 *   <li>{@code default.read}: no rule matched and the action only reads;
 *   <li>{@code default.approval}: no rule matched and the action changes something.
 * </ul>
 *
 * <pre>{@code
 * decision.rule().id();    // "auto_approve[0]"
 * decision.rule().text();  // "restart_pod"
 * decision.rule().toString(); // "auto_approve[0]: restart_pod"
 * }</pre>
 *
 * @param name the list ({@code require_approval}, {@code require_human_if}, {@code auto_approve},
 *     {@code auto_approve_if}) or the fixed rule ({@code emergency_stop}, ...)
 * @param index the item's 0-based index in the list, or -1 for a fixed rule
 * @param text the item as written in the policy, or what the fixed rule checked
 */
public record RuleRef(String name, int index, String text) {
  /** The rule for an action that is not in the catalog. */
  public static final String CATALOG = "catalog";

  /** The rule for an engaged emergency stop. */
  public static final String EMERGENCY_STOP = "emergency_stop";

  /** The rule for invalid trusted facts. */
  public static final String FACTS = "facts";

  /** The prefix of the rules for rate limits: {@code rate_limits.pod_restarts}. */
  public static final String RATE_LIMITS = "rate_limits";

  /** The rule when nothing matched and the action only reads. */
  public static final String DEFAULT_READ = "default.read";

  /** The rule when nothing matched and the action changes something. */
  public static final String DEFAULT_APPROVAL = "default.approval";

  /** Checks the components. */
  public RuleRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if (index < -1) {
      throw new IllegalArgumentException("index: must be -1 or an index, was " + index);
    }
  }

  /** The item at {@code index} of the list {@code list}, written {@code text}. */
  static RuleRef item(String list, int index, String text) {
    return new RuleRef(list, index, text);
  }

  /** A fixed rule. */
  static RuleRef fixed(String name, String text) {
    return new RuleRef(name, -1, text);
  }

  /** Whether this is an item of a policy list. */
  public boolean isListItem() {
    return index >= 0;
  }

  /** {@code auto_approve[0]} for a list item, else the rule's name, such as {@code catalog}. */
  public String id() {
    return index >= 0 ? name + "[" + index + "]" : name;
  }

  /** {@code auto_approve[0]: restart_pod}, or {@code default.read} when there is no text. */
  @Override
  public String toString() {
    return text.isEmpty() ? id() : id() + ": " + text;
  }
}
