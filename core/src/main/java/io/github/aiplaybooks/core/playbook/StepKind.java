package io.github.aiplaybooks.core.playbook;

import java.util.List;
import java.util.Set;

/**
 * What an action means: the type of its parameters and the names it makes available to later steps.
 * The seed's 29 actions are built in ({@link StepKindRegistry#builtIns()}); a user adds an action
 * by implementing this interface for a {@link CustomSpec} and registering it, explicitly ({@link
 * StepKindRegistry.Builder#register}) or through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.github.aiplaybooks.core.playbook.StepKind}).
 *
 * <pre>{@code
 * final class OpenTicket implements StepKind {
 *   public String action() { return "open_ticket"; }
 *   public Class<? extends StepSpec> specType() { return CustomSpec.class; }
 *   public Set<String> parameters() { return Set.of("queue", "priority"); }
 *   public Set<String> outputs(StepSpec spec) { return Set.of("ticket_id"); }
 * }
 * }</pre>
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface StepKind {

  /** The action name, such as {@code open_ticket}: lower case, digits and {@code _}. */
  String action();

  /** The type of the parameters: one of the built-in specs, or {@link CustomSpec} for users. */
  Class<? extends StepSpec> specType();

  /**
   * The parameter keys a step of this kind accepts (besides {@code action} and {@code x-} keys). A
   * {@link CustomSpec} with any other key is an error.
   */
  default Set<String> parameters() {
    return Set.of();
  }

  /**
   * The names a step of this kind makes available to later steps. By default those of its
   * parameters ({@link StepSpec#outputs()}).
   */
  default Set<String> outputs(StepSpec spec) {
    return spec.outputs();
  }

  /**
   * Whether the model produces this step's outputs (see {@link FactOrigin#modelProduced()}): a
   * later condition that reads them reads the model's claims, which the engine keeps out of policy
   * decisions. By default {@code true}, the fail-closed answer for a kind that does not say; the
   * built-in kinds answer {@code true} exactly for the model's steps ({@link LlmSpec}). Override to
   * return {@code false} for a step whose outputs trusted code computes.
   */
  default boolean modelProduced(StepSpec spec) {
    return true;
  }

  /**
   * Checks the parameters of a custom step beyond their keys; each string is one problem, reported
   * at the step. By default none.
   */
  default List<String> check(CustomSpec spec) {
    return List.of();
  }
}
