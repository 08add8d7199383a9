/**
 * The fluent Java DSL for playbooks: {@code import static io.github.aiplaybooks.dsl.Playbooks.*}.
 *
 * <pre>{@code
 * Playbook p = playbook("incident-response")
 *     .agent("eks-sre-agent")
 *     .trigger(alert().severities("P0", "P1"))
 *     .step("detect", receiveAlert().sources("cloudwatch", "guardduty"))
 *     .step("investigate", gatherContext().parallel(mcp("kubectl://get pods -n ${namespace}")))
 *     .step("approve", checkApprovalRequired()
 *         .autoApproveIf("blast_radius < 10_pods")
 *         .requireHumanIf("blast_radius > 50_pods"))
 *     .step("execute", runRemediation().withRollback().timeout(Duration.ofMinutes(10)))
 *     .build();
 * }</pre>
 *
 * <p>{@link io.github.aiplaybooks.dsl.Playbooks#playbook(String)} returns {@link
 * io.github.aiplaybooks.dsl.PlaybookStart} (header and first step, no {@code build()}), the first
 * {@code step} returns {@link io.github.aiplaybooks.dsl.PlaybookSteps} (more steps, routing, {@code
 * build()}), and {@code routing} returns {@link io.github.aiplaybooks.dsl.PlaybookComplete} (only
 * {@code build()}). Each step factory is named after its action and returns a {@link
 * io.github.aiplaybooks.dsl.StepDefinition} subclass with only the parameters of the action's kind,
 * typed. The result is the same {@link io.github.aiplaybooks.core.playbook.Playbook} the loader in
 * {@link io.github.aiplaybooks.dsl.load} builds, checked by the same rules, and equal to it when
 * the playbook is the same.
 */
package io.github.aiplaybooks.dsl;
