/**
 * Playbooks as files: the JSON/YAML {@link io.github.aiplaybooks.dsl.load.PlaybookLoader}, the
 * {@link io.github.aiplaybooks.dsl.load.PlaybookWriter}, the {@link
 * io.github.aiplaybooks.dsl.load.PlaybookSchema JSON Schema} of the format, and the seed's five
 * playbooks ({@link io.github.aiplaybooks.dsl.load.SeedPlaybooks}).
 *
 * <pre>{@code
 * try {
 *   Playbook p = PlaybookLoader.standard().load(Path.of("rollback.yaml"));
 * } catch (PlaybookLoadException e) {
 *   e.errors().forEach(System.err::println);
 *   // rollback.yaml:9:5: /workflow/2_approve/auto_aprove_if: unknown key 'auto_aprove_if' for
 *   //   action 'check_approval_required' (did you mean 'auto_approve_if'?); expected one of: ...
 * }
 * }</pre>
 *
 * <p>The format is the seed's: {@code playbook}, {@code agent}, {@code model} and a {@code
 * workflow} of steps keyed {@code NUMBER_NAME}, each with an {@code action} and its parameters; and
 * three optional keys the seed does not write: {@code trigger}, {@code inputs} and {@code routing}.
 * See {@code playbook-dsl/README.md} and {@code docs/playbook.schema.json}.
 */
package io.github.aiplaybooks.dsl.load;
