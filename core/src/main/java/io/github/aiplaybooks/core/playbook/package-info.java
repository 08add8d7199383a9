/**
 * Playbooks as typed, validated data: the model the engine runs, built by the JSON/YAML loader and
 * the fluent DSL of module {@code playbooks-dsl}.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.playbook.Playbook} and its {@code Builder}: name, agent,
 *       model, {@link io.github.aiplaybooks.core.playbook.Trigger trigger}, numbered {@link
 *       io.github.aiplaybooks.core.playbook.Step steps}, inputs and an optional {@link
 *       io.github.aiplaybooks.core.playbook.Routing routing} tree. {@code build()} checks every
 *       rule and throws {@link io.github.aiplaybooks.core.playbook.InvalidPlaybookException} with
 *       every problem at its JSON pointer.
 *   <li>{@link io.github.aiplaybooks.core.playbook.StepSpec}: the typed parameters of each kind of
 *       step, one class per kind; the seed's actions map to kinds through {@link
 *       io.github.aiplaybooks.core.playbook.StepKindRegistry}, and users add actions as {@link
 *       io.github.aiplaybooks.core.playbook.StepKind}s.
 *   <li>{@link io.github.aiplaybooks.core.playbook.Schedule} (cron with a zone), {@link
 *       io.github.aiplaybooks.core.playbook.Template} ({@code ${variable}} text).
 *   <li>{@link io.github.aiplaybooks.core.playbook.StandardFacts}: what conditions may read without
 *       declaring it, the policy engine's own table; {@link
 *       io.github.aiplaybooks.core.playbook.KnownActions}: the actions of the policy engine's
 *       action catalog.
 *   <li>{@link io.github.aiplaybooks.core.playbook.Scope} and {@link
 *       io.github.aiplaybooks.core.playbook.FactOrigin}: what a step may read, and where each value
 *       comes from.
 *   <li>{@link io.github.aiplaybooks.core.playbook.Routing} and {@link
 *       io.github.aiplaybooks.core.playbook.RouteMatch}: deterministic routing without the model.
 * </ul>
 *
 * <h2>What a step may read: the model proposes, trusted code disposes</h2>
 *
 * <p>Conditions in step {@code N} may read the {@linkplain
 * io.github.aiplaybooks.core.playbook.StandardFacts standard facts} (trusted, typed as the policy
 * engine types them), the trigger's {@linkplain
 * io.github.aiplaybooks.core.playbook.Trigger#context() context}, the playbook's {@code inputs},
 * and the outputs of steps {@code 1..N-1}; verify steps also the named checks. Templates and tool
 * references may read the same but the standard facts, which exist only when an action is decided.
 * Routing conditions may read every step's outputs. A name outside these is an error when the
 * playbook is built, with the closest name as a suggestion.
 *
 * <p>A step's output never stands in for a trusted value: an output named like a standard fact, a
 * name of the trigger's context or an input is readable only as {@code step.name} ({@code
 * classify.blast_radius}), and the bare name reads the trusted value. Every name a step may read
 * has a {@link io.github.aiplaybooks.core.playbook.FactOrigin} ({@code playbook.scope(step)}), and
 * {@link io.github.aiplaybooks.core.playbook.Scope#modelProducedFacts} names the model's claims a
 * condition reads, which must never decide a policy question.
 *
 * <p>The model holds every condition compiled against the scope of the step that reads it (and the
 * routing's and trigger's against theirs), so what the engine evaluates is what was validated.
 *
 * <h2>Public types</h2>
 *
 * <p>Everything public here is what a playbook is made of or what its users call: the playbook and
 * its builder, steps, the fourteen spec types (each a kind of step's parameters, so the DSL and the
 * engine can be typed), triggers, routing, schedules, templates, scopes and origins, the step-kind
 * SPI ({@code StepKind}, {@code StepKindRegistry}, {@code CustomSpec}, {@code KnownActions}) and
 * the typed exceptions. The validator, cron parsing, name rules and the catalog adapter are
 * package-private; {@code PlaybookPackageArchitectureTest} pins the list of public types so it does
 * not grow unnoticed.
 *
 * <h2>Equality</h2>
 *
 * <p>Every type here is an immutable value: playbooks, steps and specs are equal when their parts
 * are, conditions when their normalized syntax trees are, tool references when their tool and
 * arguments are, and templates, patterns and schedules when their (normalized) texts are. So a
 * playbook written in the DSL equals the same playbook loaded from JSON.
 */
package io.github.aiplaybooks.core.playbook;
