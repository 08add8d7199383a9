/**
 * MCP protocol types (revision 2025-11-25, read compatibly for 2025-06-18, 2025-03-26 and
 * 2024-11-05) as records, split by area: lifecycle ({@code Initialize...}, capabilities, {@code
 * Implementation}), tools ({@code Tool}, {@code ToolAnnotations}, {@code CallTool...}), content
 * blocks, resources, prompts, logging, progress, cancellation and roots.
 *
 * <p>Conventions: each component carries {@code @JsonProperty}; members left out are {@code null}
 * and are not written; unknown members are ignored on read, except inside {@code _meta} (a {@code
 * meta} component), which is kept as given; required members are checked in the compact
 * constructor. {@link io.github.aiplaybooks.mcp.schema.McpJson} converts records to and from JSON
 * trees with typed errors.
 */
package io.github.aiplaybooks.mcp.schema;
