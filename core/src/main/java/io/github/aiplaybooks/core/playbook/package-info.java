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
 *       declaring it; {@link io.github.aiplaybooks.core.playbook.KnownActions}: the actions of the
 *       policy engine's action catalog.
 * </ul>
 *
 * <h2>What a step may read</h2>
 *
 * <p>Conditions in step {@code N} may read the {@linkplain
 * io.github.aiplaybooks.core.playbook.StandardFacts standard facts} (trusted, typed), the
 * playbook's {@code inputs}, the trigger's {@linkplain
 * io.github.aiplaybooks.core.playbook.Trigger#context() context}, and the outputs of steps {@code
 * 1..N-1}; verify steps also the named checks. Templates and tool references may read the trigger's
 * context, the inputs and earlier outputs, but not the standard facts, which exist only when an
 * action is decided. Routing conditions may read every step's outputs. A name outside these is an
 * error when the playbook is built, with the closest name as a suggestion.
 *
 * <h2>Equality</h2>
 *
 * <p>Every type here is an immutable value: playbooks, steps and specs are equal when their parts
 * are, conditions when their normalized syntax trees are, tool references when their tool and
 * arguments are, and templates, patterns and schedules when their (normalized) texts are. So a
 * playbook written in the DSL equals the same playbook loaded from JSON.
 */
package io.github.aiplaybooks.core.playbook;
