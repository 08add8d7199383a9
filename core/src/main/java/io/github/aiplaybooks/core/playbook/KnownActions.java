package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.policy.ActionCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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

  /**
   * The type of the standard fact {@code action} in playbooks checked with these actions: one of
   * the canonical names, each alias read as its canonical name (see {@link FactType#oneOf(Map)});
   * so {@code action IN ['restart_pd']} is an error when the playbook is built, naming the closest
   * action. By default made from {@link #spellings()} and {@link #canonical(String)}; {@link
   * #of(ActionCatalog)} gives the catalog's own {@link ActionCatalog#actionType()}.
   */
  default FactType actionType() {
    Map<String, String> canonicalBySpelling = new LinkedHashMap<>();
    for (String spelling : new TreeSet<>(spellings())) {
      canonical(spelling).ifPresent(c -> canonicalBySpelling.put(spelling, c));
    }
    return canonicalBySpelling.isEmpty() ? FactType.STRING : FactType.oneOf(canonicalBySpelling);
  }

  /** The actions of the policy engine's default catalog, {@link ActionCatalog#defaults()}. */
  static KnownActions seedCatalog() {
    return CatalogKnownActions.DEFAULTS;
  }

  /** The actions of {@code catalog}, with their aliases. */
  static KnownActions of(ActionCatalog catalog) {
    return new CatalogKnownActions(Objects.requireNonNull(catalog, "catalog"));
  }
}
