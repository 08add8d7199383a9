package io.github.aiplaybooks.core.tool;

import io.github.aiplaybooks.core.policy.ActionCatalog;
import io.github.aiplaybooks.core.policy.ActionDefinition;
import io.github.aiplaybooks.core.policy.Effect;
import io.github.aiplaybooks.mcp.client.CallOptions;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.schema.ToolAnnotations;
import io.github.aiplaybooks.mcp.tool.RoutedTool;
import io.github.aiplaybooks.mcp.tool.ToolCallInterceptor;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import io.github.aiplaybooks.mcp.tool.ToolRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools of MCP servers behind a {@link ToolRouter}, as a {@link ToolProvider}: each tool's
 * action and effect come from the policy's {@link ActionCatalog}, and the router is guarded so that
 * a tool that changes something runs only under a {@link MutationPermit}.
 *
 * <p><b>Action and effect of a tool</b>, first match: an explicit {@link Builder#action(String,
 * String) mapping}; the catalog action its name ends with after the server prefix ({@code
 * kubectl_logs} is {@code logs}, {@code cloudwatch_get_metric_data} is {@code get_metric_data};
 * turn off with {@link Builder#deriveActionsFromNames(boolean)}); then the effect is the catalog
 * action's. A tool without a catalog action gets its effect from its MCP annotations: {@code
 * readOnlyHint} is {@link Effect#READ}, {@code destructiveHint} (true by the specification's
 * default) is {@link Effect#DESTRUCTIVE}, else {@link Effect#MUTATE}; <b>a tool with no annotations
 * and no catalog action is {@link Effect#DESTRUCTIVE}</b> (fail closed).
 *
 * <p><b>The guard.</b> The provider calls through {@code router.toBuilder().interceptor(guard)}: a
 * copy of the host's router with the policy gate as its innermost interceptor. A call of a tool
 * that changes something passes the guard only when made by this provider for a request with an
 * open permit, with exactly the permitted arguments; {@link #router()} is that guarded router, for
 * hosts that call tools themselves, and {@link #guard(ActionCatalog)} makes the same interceptor
 * for routers a host builds.
 *
 * <p><b>Dry runs.</b> A tool whose input schema has a boolean {@code dry_run} (or {@code dryRun})
 * property supports them: a dry-run request is sent with it set to {@code true}. Any other tool is
 * not sent in a dry run. The idempotency key of a mutation travels in the request's {@code _meta}
 * as {@code idempotency_key}.
 *
 * <pre>{@code
 * ToolProvider tools = McpToolProvider.builder(router)
 *     .catalog(policy.catalog())
 *     .action("kubectl_scale", "scale_deployment")
 *     .action("kubectl_rollout", "rollback_deployment")
 *     .build();
 * }</pre>
 *
 * <p>Tool definitions are listed once and again when a name is not found; thread-safe.
 */
public final class McpToolProvider implements ToolProvider {
  private static final List<String> DRY_RUN_ARGUMENTS = List.of("dry_run", "dryRun");

  private final ToolRouter router;
  private final ActionCatalog catalog;
  private final Map<String, String> actions;
  private final boolean derive;
  private final Duration timeout;
  private final AtomicReference<Map<String, ToolDescriptor>> descriptors = new AtomicReference<>();

  private McpToolProvider(Builder b) {
    this.catalog = b.catalog;
    this.actions = Map.copyOf(b.actions);
    this.derive = b.derive;
    this.timeout = b.timeout;
    this.router =
        b.guard
            ? b.router.toBuilder()
                .interceptor(RouterGuard.interceptor(call -> effect(call.definition())))
                .build()
            : b.router;
  }

  /** A builder over {@code router}, with the default catalog. */
  public static Builder builder(ToolRouter router) {
    return new Builder(router);
  }

  /**
   * The guard as an interceptor for a router a host builds itself: it refuses every call of a tool
   * that changes something (by {@code catalog} and the tool's annotations, as above) unless an
   * {@code McpToolProvider} makes it for a permitted request.
   *
   * <pre>{@code
   * ToolRouter router = ToolRouter.builder().server("kubectl", client)
   *     .interceptor(McpToolProvider.guard(ActionCatalog.defaults()))
   *     .build();
   * }</pre>
   */
  public static ToolCallInterceptor guard(ActionCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    McpToolProvider rules = new Builder(null).catalog(catalog).rulesOnly();
    return RouterGuard.interceptor(call -> rules.effect(call.definition()));
  }

  /** The guarded router the provider calls through. */
  public ToolRouter router() {
    return router;
  }

  @Override
  public List<ToolDescriptor> tools() {
    return List.copyOf(descriptors(false).values());
  }

  @Override
  public Optional<ToolDescriptor> tool(String name) {
    Objects.requireNonNull(name, "name");
    ToolDescriptor d = descriptors(false).get(name);
    if (d == null) {
      // A tool may be new since the last listing.
      d = descriptors(true).get(name);
    }
    return Optional.ofNullable(d);
  }

  /** Lists the tools again, for servers whose tools changed. */
  public void refresh() {
    descriptors(true);
  }

  private Map<String, ToolDescriptor> descriptors(boolean fresh) {
    Map<String, ToolDescriptor> d = descriptors.get();
    if (d == null || fresh) {
      Map<String, ToolDescriptor> m = new LinkedHashMap<>();
      for (RoutedTool t : router.listTools()) {
        m.put(t.tool().name(), describe(t.tool()));
      }
      d = java.util.Collections.unmodifiableMap(m);
      descriptors.set(d);
    }
    return d;
  }

  private ToolDescriptor describe(Tool tool) {
    ActionDefinition def = actionOf(tool.name());
    return ToolDescriptor.builder(tool.name())
        .description(tool.description() == null ? "" : tool.description())
        .inputSchema(tool.inputSchema())
        .action(def == null ? null : def.name())
        .effect(effect(tool))
        .supportsDryRun(dryRunArgument(tool.inputSchema()) != null)
        .build();
  }

  private ActionDefinition actionOf(String toolName) {
    String explicit = actions.get(toolName);
    if (explicit != null) {
      return catalog.resolve(explicit).orElse(null);
    }
    if (!derive) {
      return null;
    }
    Optional<ActionDefinition> whole = catalog.resolve(toolName);
    if (whole.isPresent()) {
      return whole.get();
    }
    int underscore = toolName.indexOf('_');
    if (underscore > 0 && underscore < toolName.length() - 1) {
      return catalog.resolve(toolName.substring(underscore + 1)).orElse(null);
    }
    return null;
  }

  Effect effect(Tool tool) {
    ActionDefinition def = actionOf(tool.name());
    if (def != null) {
      return def.effect();
    }
    ToolAnnotations a = tool.annotations();
    if (a == null) {
      return Effect.DESTRUCTIVE;
    }
    if (a.effectiveReadOnly()) {
      return Effect.READ;
    }
    return a.effectiveDestructive() ? Effect.DESTRUCTIVE : Effect.MUTATE;
  }

  private static String dryRunArgument(ObjectNode schema) {
    JsonNode properties = schema == null ? null : schema.get("properties");
    if (properties == null || !properties.isObject()) {
      return null;
    }
    for (String name : DRY_RUN_ARGUMENTS) {
      JsonNode p = properties.get(name);
      if (p != null && p.isObject() && "boolean".equals(p.path("type").asString(""))) {
        return name;
      }
    }
    return null;
  }

  @Override
  public ToolResult call(ToolRequest request) {
    Objects.requireNonNull(request, "request");
    ToolDescriptor d =
        tool(request.tool())
            .orElseThrow(
                () -> new IllegalArgumentException("tool: no MCP server offers " + request.tool()));
    request.requirePermitted(d);
    ObjectNode arguments = request.arguments();
    if (request.mode() == ExecutionMode.DRY_RUN && !d.isReadOnly()) {
      String flag = dryRunArgument(d.inputSchema());
      if (flag == null) {
        return ToolResult.notSent("dry run, not sent: would call " + d.name() + " " + arguments);
      }
      arguments.put(flag, true);
    }
    CallOptions.Builder options = CallOptions.builder();
    Duration t = request.timeout().orElse(timeout);
    if (t != null) {
      options.timeout(t);
    }
    request
        .idempotencyKey()
        .ifPresent(
            key -> options.meta(JsonNodeFactory.instance.objectNode().put("idempotency_key", key)));
    ToolRef ref = ToolRef.ofName(d.name(), arguments);
    CallOptions built = options.build();
    CallToolResult result =
        d.isReadOnly()
            ? router.call(ref, built)
            : RouterGuard.withPass(
                d.name(), arguments, request.permit().orElseThrow(), () -> router.call(ref, built));
    return convert(result);
  }

  private static ToolResult convert(CallToolResult r) {
    String text = r.joinedText();
    ObjectNode structured = r.structuredContent();
    if (text.isEmpty() && structured != null) {
      text = structured.toString();
    }
    return new ToolResult(text, structured, r.failed(), true);
  }

  @Override
  public String toString() {
    return "McpToolProvider" + router.servers();
  }

  /** Builds a {@link McpToolProvider}. Not thread-safe. */
  public static final class Builder {
    private final ToolRouter router;
    private ActionCatalog catalog = ActionCatalog.defaults();
    private final Map<String, String> actions = new LinkedHashMap<>();
    private boolean derive = true;
    private boolean guard = true;
    private Duration timeout;

    private Builder(ToolRouter router) {
      this.router = router;
    }

    /** The catalog that gives tools their actions; {@link ActionCatalog#defaults()} unless set. */
    public Builder catalog(ActionCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Says which catalog action the tool {@code toolName} performs, such as {@code kubectl_scale}
     * performs {@code scale_deployment}.
     */
    public Builder action(String toolName, String action) {
      actions.put(
          Objects.requireNonNull(toolName, "toolName"), Objects.requireNonNull(action, "action"));
      return this;
    }

    /**
     * Whether a tool without an explicit mapping gets the catalog action its name ends with; {@code
     * true} unless set. Turn it off for servers you trust less than their tool names.
     */
    public Builder deriveActionsFromNames(boolean derive) {
      this.derive = derive;
      return this;
    }

    /**
     * Whether to call through a guarded copy of the router; {@code true} unless set. Turn it off
     * only when the router already has {@link #guard(ActionCatalog)}.
     */
    public Builder guardRouter(boolean guard) {
      this.guard = guard;
      return this;
    }

    /** The timeout of a call that sets none; the MCP client's default unless set. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    McpToolProvider rulesOnly() {
      return new McpToolProvider(this, true);
    }

    /**
     * The provider.
     *
     * @throws IllegalArgumentException if a mapping names an action the catalog does not know
     */
    public McpToolProvider build() {
      Objects.requireNonNull(router, "router");
      List<String> unknown = new ArrayList<>();
      actions.forEach(
          (tool, action) -> {
            if (!catalog.contains(action)) {
              unknown.add(tool + " -> " + action);
            }
          });
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "action: the catalog has no such action for " + String.join(", ", unknown));
      }
      return new McpToolProvider(this);
    }
  }

  private McpToolProvider(Builder b, boolean rulesOnly) {
    this.catalog = b.catalog;
    this.actions = Map.copyOf(b.actions);
    this.derive = b.derive;
    this.timeout = null;
    this.router = null;
  }
}
