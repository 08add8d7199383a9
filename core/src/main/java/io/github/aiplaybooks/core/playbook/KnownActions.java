package io.github.aiplaybooks.core.playbook;

import java.util.Optional;
import java.util.Set;

/**
 * The actions a playbook may name outside its steps: the runbooks of a {@link Routing} and the
 * {@code type} of a savings {@link Opportunity}. A name is known when it is a canonical action or
 * one of its aliases ({@code delete_unused_pvc} is {@code delete_pvc}); anything else is an error
 * when the playbook is built.
 *
 * <p><b>Seam.</b> The policy engine's action catalog ({@code io.github.aiplaybooks.core.policy}) is
 * the one table of actions; until it is merged, {@link #seedCatalog()} is an interim copy of the
 * actions that issue 2 lists, plus the runbook actions the seed's decision tree needs ({@code
 * notify}, {@code escalate}, {@code scale_nodegroup}). When the catalog lands it should implement
 * (or adapt to) this interface and become the default in {@link Playbook.Builder}.
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

  /** The interim catalog: see the type's description. */
  static KnownActions seedCatalog() {
    return SeedActionCatalog.INSTANCE;
  }
}
