/**
 * The engine: runs a playbook end to end with a model, tools and the policy engine — with rollback,
 * verification, audit and an incident report.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.engine.PlaybookEngine}: built once with its model, tools,
 *       action adapters, fact source, policy, approval handler, clock, executor, scheduler, audit
 *       sink, notifier, budgets and switches; {@code run(playbook, TriggerEvent)}, {@code
 *       runAsync(...)} and {@code resume(playbook, RunState)}.
 *   <li>{@link io.github.aiplaybooks.core.engine.TriggerEvent}: the alert, schedule, failing health
 *       check or person that starts a run; its context is what templates and conditions read.
 *   <li>{@link io.github.aiplaybooks.core.engine.RunResult}: the {@link
 *       io.github.aiplaybooks.core.engine.RunStatus status}, each {@link
 *       io.github.aiplaybooks.core.engine.StepResult step's result}, the incident report, the audit
 *       events and the final {@link io.github.aiplaybooks.core.engine.RunState} (plain data, JSON).
 *   <li>SPIs: {@link io.github.aiplaybooks.core.engine.Notifier} (channels), {@link
 *       io.github.aiplaybooks.core.engine.Scheduler} (how the engine waits), {@link
 *       io.github.aiplaybooks.core.engine.StepHandler} (custom step kinds), {@link
 *       io.github.aiplaybooks.core.engine.RunListener} (progress).
 *   <li>Kill switches: {@link io.github.aiplaybooks.core.engine.InMemoryEmergencyStop} and {@link
 *       io.github.aiplaybooks.core.engine.FileEmergencyStop}, implementations of {@link
 *       io.github.aiplaybooks.core.policy.EmergencyStop}.
 * </ul>
 *
 * <pre>{@code
 * try (PlaybookEngine engine = PlaybookEngine.builder()
 *     .llm(llm).tools(router).actionAdapter(kubernetes).factSource(metrics)
 *     .policy(Policy.seed()).approvals(approvals).build()) {
 *   RunResult r = engine.run(SeedPlaybooks.load("autonomous-incident-response"),
 *       TriggerEvent.alert(alert));
 *   System.out.println(r.report().toMarkdown());
 * }
 * }</pre>
 *
 * <p>The run flow and the safety invariants are described in the module's README ({@code
 * core/README.md}) and on {@link io.github.aiplaybooks.core.engine.PlaybookEngine}.
 */
package io.github.aiplaybooks.core.engine;
