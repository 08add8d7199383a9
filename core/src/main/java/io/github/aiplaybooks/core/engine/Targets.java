package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.policy.Target;
import tools.jackson.databind.JsonNode;

/** Targets read from JSON the model wrote: a plan's {@code target}, a tool call's arguments. */
final class Targets {
  private Targets() {}

  /** {@code {"kind": ..., "namespace": ..., "name": ...}} as a target; blanks are unknown. */
  static Target fromTarget(JsonNode t) {
    if (t == null || !t.isObject()) {
      return Target.NONE;
    }
    return target(text(t, "kind"), text(t, "namespace"), text(t, "name"));
  }

  /**
   * A tool call's arguments as a target: {@code kind} or {@code resource}, {@code namespace}, and
   * {@code name}, {@code pod}, {@code deployment} or {@code node}.
   */
  static Target fromArguments(JsonNode args) {
    if (args == null || !args.isObject()) {
      return Target.NONE;
    }
    String kind = text(args, "kind");
    if (kind == null) {
      kind = text(args, "resource");
    }
    String name = text(args, "name");
    for (String k : new String[] {"pod", "deployment", "node"}) {
      if (name == null && text(args, k) != null) {
        name = text(args, k);
        kind = kind == null ? k : kind;
      }
    }
    return target(kind, text(args, "namespace"), name);
  }

  private static Target target(String kind, String namespace, String name) {
    if (kind == null && namespace == null && name == null) {
      return Target.NONE;
    }
    return Target.of(
        kind == null ? null : kind.toLowerCase(java.util.Locale.ROOT), namespace, name);
  }

  private static String text(JsonNode o, String member) {
    JsonNode v = o.get(member);
    if (v == null || !v.isString() || v.stringValue().isBlank()) {
      return null;
    }
    return v.stringValue();
  }
}
