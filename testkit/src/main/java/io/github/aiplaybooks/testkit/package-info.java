/**
 * Test doubles for users' own tests of playbooks and policies.
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.testkit.ScriptedLlm}: a model that answers from a script, per
 *       step or by matcher, and fails loudly on anything unscripted; loadable from JSON.
 *   <li>{@link io.github.aiplaybooks.testkit.RecordingLlm} and {@link
 *       io.github.aiplaybooks.testkit.ReplayLlm}: record a real conversation to a {@link
 *       io.github.aiplaybooks.testkit.Cassette} and replay it deterministically in CI.
 *   <li>{@link io.github.aiplaybooks.testkit.FakeToolProvider} (canned results, sequences, latency,
 *       a hook before each call) and {@link io.github.aiplaybooks.testkit.RecordingToolProvider}
 *       (every call, its thread and MDC).
 *   <li>{@link io.github.aiplaybooks.testkit.ToolFixtures}: canned tools, trusted facts and action
 *       adapters from one JSON file (the CLI's {@code playbooks run --tools fixtures:FILE}).
 *   <li>{@link io.github.aiplaybooks.testkit.SimulatedCluster}: deployments, pods and nodes in
 *       memory, as tools, action adapters with real inverses, and fresh facts.
 *   <li>{@link io.github.aiplaybooks.testkit.FakeClock} and {@link
 *       io.github.aiplaybooks.testkit.FakeScheduler}: move time instead of sleeping.
 *   <li>{@link io.github.aiplaybooks.testkit.RecordingApprovalHandler}, {@link
 *       io.github.aiplaybooks.testkit.RecordingNotifier} and {@link
 *       io.github.aiplaybooks.testkit.RecordingAuditSink}: what the engine asked, sent and
 *       recorded, for assertions.
 * </ul>
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at("2024-01-01T03:00:00Z");
 * SimulatedCluster cluster = SimulatedCluster.builder().node("n1")
 *     .deployment("default", "api-service", 3, "api:v2.1.0", "256Mi").build();
 * PlaybookEngine engine = PlaybookEngine.builder()
 *     .llm(ScriptedLlm.fromFile(Path.of("src/test/resources/oom-script.json")))
 *     .tools(cluster.tools()).actionAdapters(cluster.adapters()).factSource(cluster.facts())
 *     .policy(Policy.seed()).clock(clock).scheduler(FakeScheduler.timeSkipping(clock))
 *     .auditSink(new RecordingAuditSink()).build();
 * }</pre>
 */
package io.github.aiplaybooks.testkit;
