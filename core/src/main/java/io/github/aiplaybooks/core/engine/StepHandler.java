package io.github.aiplaybooks.core.engine;

/**
 * Runs the steps of an action a user registered as a {@link
 * io.github.aiplaybooks.core.playbook.StepKind StepKind} (with a {@link
 * io.github.aiplaybooks.core.playbook.CustomSpec CustomSpec}). The built-in actions have built-in
 * handlers; register one per custom action with {@link PlaybookEngine.Builder#stepHandler}. A run
 * of a playbook with a custom action and no handler is refused before it starts.
 *
 * <pre>{@code
 * PlaybookEngine engine = PlaybookEngine.builder()...
 *     .stepHandler("open_ticket", ctx -> {
 *       String id = jira.open(ctx.spec().params().path("queue").asString(""), ctx.summary());
 *       return StepOutcome.of("opened " + id, Map.of("ticket_id", TextNode.valueOf(id)));
 *     })
 *     .build();
 * }</pre>
 *
 * <p>The context gives the handler what built-in steps have: facts, read-only tools, the model
 * (budgeted and audited) and actions — which go through the policy exactly like a plan's ({@link
 * StepContext#execute}). A handler that throws fails its step (the run rolls back and reports).
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface StepHandler {

  /** Runs one step. */
  StepOutcome handle(StepContext context);
}
