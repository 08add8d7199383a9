package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Quantity;
import java.util.Objects;

/**
 * A saving a plan may make: an action and what it saves, as the seed writes {@code {"type":
 * "rightsize_pod", "savings": "$120/month"}}. The action is resolved through the known actions
 * ({@link KnownActions}) when the playbook is built, so aliases such as {@code delete_unused_pvc}
 * work and a misspelt one is an error.
 *
 * @param type the action as written, such as {@code delete_unused_pvc}
 * @param savings an amount of money, such as {@code $45/month}
 */
public record Opportunity(String type, Quantity savings) {

  /** Checks the components; a playbook checks that the savings are money. */
  public Opportunity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(savings, "savings");
  }
}
