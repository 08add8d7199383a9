/**
 * The incident report of a run, as JSON and as Markdown.
 *
 * <p>{@link io.github.aiplaybooks.core.report.IncidentReport} holds the timeline, classification,
 * root cause, remediation (every action proposed and what became of it, or in a dry run what would
 * have), decisions with their reasons, rule and facts (trusted and claimed, and where they differ),
 * approvals, verification, rollback, budget and escalations, and lessons learned. The playbook's
 * {@code include} list picks the narrative sections; the safety record (decisions, approvals,
 * verification, rollback, escalations) is always rendered when not empty. The engine redacts
 * secrets before it makes a report.
 *
 * <pre>{@code
 * IncidentReport report = engine.run(playbook, trigger).report();
 * String markdown = report.toMarkdown();
 * ObjectNode json = report.toJson();
 * }</pre>
 */
package io.github.aiplaybooks.core.report;
