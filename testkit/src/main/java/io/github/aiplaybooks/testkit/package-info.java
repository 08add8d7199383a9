/**
 * Test doubles for users' own tests of playbooks and policies.
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.testkit.ScriptedLlm}: a model that answers from a script, per
 *       step or by matcher, and fails loudly on anything unscripted; loadable from JSON.
 *   <li>{@link io.github.aiplaybooks.testkit.RecordingLlm} and {@link
 *       io.github.aiplaybooks.testkit.ReplayLlm}: record a real conversation to a {@link
 *       io.github.aiplaybooks.testkit.Cassette} and replay it deterministically in CI.
 *   <li>{@link io.github.aiplaybooks.testkit.RecordingAuditSink}: audit events in memory, with
 *       queries for assertions.
 * </ul>
 *
 * <pre>{@code
 * ScriptedLlm llm = ScriptedLlm.fromFile(Path.of("src/test/resources/oom-script.json"));
 * RecordingAuditSink audit = new RecordingAuditSink();
 * }</pre>
 */
package io.github.aiplaybooks.testkit;
