package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.Target;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which facts a {@link FactSource} is asked to read, about what, and since when.
 *
 * @param names the facts wanted, such as {@code error_rate} or {@code alert_cleared}
 * @param target what they are about (the deployment of the alert), or {@link Target#NONE}
 * @param context what the run knows from trusted sources (the alert's fields, the inputs): names a
 *     source may need, such as {@code alert_name} for {@code alert_cleared}
 * @param since when the run changed something, for facts such as {@code no_new_errors}, or {@code
 *     null} when it changed nothing
 * @param tools the read-only tools, through the engine's gate (budgeted and audited), for sources
 *     that read facts with tools
 */
public record FactQuery(
    Set<String> names, Target target, Facts context, Instant since, ReadOnlyTools tools) {

  /** Read-only tool calls, as the engine offers them to fact sources. */
  @FunctionalInterface
  public interface ReadOnlyTools {
    /** Calls a tool that only reads. */
    ToolResult read(ToolRequest request);
  }

  /** Checks and copies the components. */
  public FactQuery {
    names = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(names));
    target = target == null ? Target.NONE : target;
    context = context == null ? Facts.empty() : context;
    tools =
        tools == null
            ? request -> {
              throw new IllegalStateException("no tools are available to this fact source");
            }
            : tools;
  }

  /** A query for {@code names} about nothing in particular, with no tools. */
  public static FactQuery of(Set<String> names) {
    return new FactQuery(names, Target.NONE, Facts.empty(), null, null);
  }

  /** When the run changed something, if it did. */
  public Optional<Instant> changedSince() {
    return Optional.ofNullable(since);
  }

  /** The context value {@code name} as text, if present. */
  public Optional<String> contextText(String name) {
    Objects.requireNonNull(name, "name");
    return context.get(name).map(String::valueOf);
  }
}
