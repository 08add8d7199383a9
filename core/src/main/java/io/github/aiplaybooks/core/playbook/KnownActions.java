package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.policy.ActionCatalog;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The actions a playbook may name outside its steps: the runbooks of a {@link Routing} and the
 * {@code type} of a savings {@link Opportunity}. A name is known when it is a canonical action or
 * one of its aliases ({@code delete_unused_pvc} is {@code delete_pvc}); anything else is an error
 * when the playbook is built.
 *
 * <p>The policy engine's {@link ActionCatalog} is the one table of actions: {@link
 * #of(ActionCatalog)} adapts one, and {@link #seedCatalog()} is {@link ActionCatalog#defaults()}. A
 * playbook written for actions a user registered is built with that user's catalog.
 *
 * <pre>{@code
 * KnownActions actions = KnownActions.seedCatalog();
 * actions.canonical("delete_unused_pvc");   // Optional[delete_pvc]
 * actions.canonical("delete_evrything");    // Optional.empty
 * }</pre>
 */
public interface KnownActions {

  /** The canonical name of {@code nameOrAlias}, if it is known. */
  Optional<String> canonical(String nameOrAlias);

  /** Every accepted spelling (canonical names and aliases), for "did you mean" hints. */
  Set<String> spellings();

  /** The actions of the policy engine's default catalog, {@link ActionCatalog#defaults()}. */
  static KnownActions seedCatalog() {
    return CatalogKnownActions.DEFAULTS;
  }

  /** The actions of {@code catalog}, with their aliases. */
  static KnownActions of(ActionCatalog catalog) {
    return new CatalogKnownActions(Objects.requireNonNull(catalog, "catalog"));
  }
}
