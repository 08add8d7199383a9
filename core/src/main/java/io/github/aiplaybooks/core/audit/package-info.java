/**
 * The audit trail: every trigger, step, model call, tool call, decision, approval, mutation,
 * rollback, verification and budget event of a run, as structured JSON, with secrets redacted.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.aiplaybooks.core.audit.AuditTrail}: numbers, stamps (injected clock) and
 *       redacts a run's {@link io.github.aiplaybooks.core.audit.AuditEvent}s and hands them to an
 *       {@link io.github.aiplaybooks.core.audit.AuditSink}.
 *   <li>Sinks: {@link io.github.aiplaybooks.core.audit.JsonLinesAuditSink} (a JSON-lines file with
 *       a SHA-256 hash chain, checked by {@link
 *       io.github.aiplaybooks.core.audit.AuditChainVerifier}), {@link
 *       io.github.aiplaybooks.core.audit.Slf4jAuditSink}, and {@link
 *       io.github.aiplaybooks.core.audit.AuditSink#composite} to use several.
 *   <li>{@link io.github.aiplaybooks.core.audit.RunMdc}: the run id in the SLF4J MDC.
 *   <li>{@link io.github.aiplaybooks.core.audit.SecretRedactor}: AWS keys, tokens, passwords and
 *       private keys out of prompts, audit and reports.
 * </ul>
 *
 * <pre>{@code
 * try (AuditSink sink = AuditSink.composite(JsonLinesAuditSink.open(Path.of("audit.jsonl")),
 *         Slf4jAuditSink.ofDefaults());
 *     RunMdc mdc = RunMdc.open(runId)) {
 *   AuditTrail trail = AuditTrail.builder(runId, sink).clock(clock).build();
 *   trail.record(AuditEventType.RUN_STARTED, null, null);
 * }
 * }</pre>
 */
package io.github.aiplaybooks.core.audit;
