package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.FactType;
import io.github.aiplaybooks.core.policy.ActionCatalog;
import io.github.aiplaybooks.core.policy.ActionDefinition;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** {@link KnownActions} over an {@link ActionCatalog}. */
final class CatalogKnownActions implements KnownActions {
  static final CatalogKnownActions DEFAULTS = new CatalogKnownActions(ActionCatalog.defaults());

  private final ActionCatalog catalog;
  private final Set<String> spellings;

  CatalogKnownActions(ActionCatalog catalog) {
    this.catalog = catalog;
    Set<String> all = new LinkedHashSet<>();
    for (ActionDefinition d : catalog.actions()) {
      all.add(d.name());
      all.addAll(d.aliases());
    }
    this.spellings = Set.copyOf(all);
  }

  @Override
  public Optional<String> canonical(String nameOrAlias) {
    return catalog.resolve(nameOrAlias).map(ActionDefinition::name);
  }

  @Override
  public Set<String> spellings() {
    return spellings;
  }

  @Override
  public FactType actionType() {
    return catalog.actionType();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CatalogKnownActions && ((CatalogKnownActions) o).catalog.equals(catalog);
  }

  @Override
  public int hashCode() {
    return catalog.hashCode();
  }

  @Override
  public String toString() {
    return "KnownActions" + spellings;
  }
}
