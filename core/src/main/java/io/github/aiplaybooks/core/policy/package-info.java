/**
 * The policy engine: the gate every action passes before it runs. The LLM proposes, trusted code
 * disposes: a {@link io.github.aiplaybooks.core.policy.PolicyEngine PolicyEngine} decides, from a
 * {@link io.github.aiplaybooks.core.policy.Policy Policy} and facts that trusted code supplies,
 * whether an action may run now, needs a human, or is refused; and it counts executions against the
 * policy's rate limits.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.policy.Policy}: the seed's safety controls and approval
 *       step ({@code rate_limits}, {@code require_approval}, {@code auto_approve}, {@code
 *       auto_approve_if}, {@code require_human_if}, {@code emergency_stop}), loaded from JSON by
 *       {@link io.github.aiplaybooks.core.policy.PolicyLoader PolicyLoader} or built in code.
 *   <li>{@link io.github.aiplaybooks.core.policy.ActionCatalog}: the actions, their aliases, {@link
 *       io.github.aiplaybooks.core.policy.Effect effects} and rate-limit categories.
 *   <li>{@link io.github.aiplaybooks.core.policy.PolicyEngine}: {@code decide(ActionRequest)} gives
 *       a {@link io.github.aiplaybooks.core.policy.Decision Decision}; {@code
 *       reserve(ActionRequest)} counts an execution.
 *   <li>{@link io.github.aiplaybooks.core.policy.SlidingWindowRateLimiter}: exact sliding-window
 *       rate limits over a {@link io.github.aiplaybooks.core.policy.RateLimitStore RateLimitStore}.
 *   <li>{@link io.github.aiplaybooks.core.policy.EmergencyStop}: kill switches the engine checks on
 *       every decision.
 * </ul>
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder(Policy.load(Path.of("policy.json"))).build();
 * Decision d = engine.decide(ActionRequest.of("restart_pod",
 *     Facts.builder().put("severity", "P1").put("blast_radius", 1).build()));
 * d.outcome();   // ALLOW
 * d.rule();      // auto_approve[0]: restart_pod
 * }</pre>
 *
 * <h2>Failing closed</h2>
 *
 * <p>An unknown action is refused. A policy that does not load is an error, never a partial policy.
 * A rule that requires a human applies when it holds or when a fact it reads is missing; a rule
 * that allows applies only when it holds. An emergency stop that cannot be read counts as engaged.
 * Facts of the wrong type refuse the action.
 */
package io.github.aiplaybooks.core.policy;
