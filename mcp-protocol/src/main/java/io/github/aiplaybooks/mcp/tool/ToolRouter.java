package io.github.aiplaybooks.mcp.tool;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.mcp.client.CallOptions;
import io.github.aiplaybooks.mcp.client.McpClient;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-side view over many MCP servers ({@code kubectl}, {@code aws}, custom ones): it routes
 * each call to the server that offers the tool, aggregates {@code tools/list}, runs every call
 * through an interceptor chain, and pins tool definitions.
 *
 * <p><b>Routing</b> of a canonical tool name, first match wins: an explicit {@link
 * Builder#route(String, String)}; the longest {@link Builder#routePrefix(String, String)}; the one
 * server whose tool list has the name. Any {@link ToolRef} form is accepted: {@code kubectl://get
 * pods -n default}, {@code cloudwatch/get_metric_data} with params, {@code kubectl_get}.
 *
 * <p><b>Aggregation.</b> {@link #listTools()} lists every server's tools (all pages). Two servers
 * offering the same name is a {@link ToolRoutingException} ({@code TOOL_NAME_CLASH}) naming both,
 * unless an explicit route picks one.
 *
 * <p><b>Pinning.</b> The first time the router sees a tool it records the SHA-256 of its canonical
 * definition in the {@link ToolPinStore}. When a server later describes the tool differently (a
 * "rug pull": a new description can carry instructions for the model; new annotations can claim the
 * tool is harmless) the router fails closed: {@link #listTools()} no longer offers the tool and
 * calls are refused with {@link ToolDefinitionChangedException}, until the host reviews {@link
 * #pendingDefinitionChanges()} and calls {@link #approveDefinitionChange(String)}. Definitions are
 * re-read on every {@link #listTools()} and when a server sends {@code
 * notifications/tools/list_changed}.
 *
 * <p><b>Interceptors</b> run in the order added (see {@link ToolCallInterceptor}); pin verification
 * and the call itself come after the last one.
 *
 * <pre>{@code
 * ToolRouter router = ToolRouter.builder()
 *     .server("kubectl", kubectlClient)
 *     .server("aws", awsClient)
 *     .seedRoutes()
 *     .interceptor(policyCheck)
 *     .interceptor(audit)
 *     .build();
 * CallToolResult pods = router.call("kubectl://get pods -n default");
 * }</pre>
 *
 * <p>Thread-safe. The router does not own the clients: closing them is the caller's job.
 */
public final class ToolRouter {
  private static final Logger log = LoggerFactory.getLogger(ToolRouter.class);
  private static final Map<String, String> SEED_PREFIXES =
      Map.of(
          "kubectl_", "kubectl",
          "cloudwatch_", "aws",
          "xray_", "aws",
          "securityhub_", "aws",
          "guardduty_", "aws",
          "costexplorer_", "aws");

  private final Map<String, McpClient> servers;
  private final List<String> serverOrder;
  private final Map<String, String> routes;
  private final List<Map.Entry<String, String>> prefixes;
  private final List<ToolCallInterceptor> interceptors;
  private final ToolPinStore pins;

  /** server -> tool name -> definition, as last read; absent until read or after list_changed. */
  private final Map<String, Map<String, Tool>> definitions = new ConcurrentHashMap<>();

  private ToolRouter(Builder b) {
    this.servers = Map.copyOf(b.servers);
    this.routes = Map.copyOf(b.routes);
    List<Map.Entry<String, String>> p = new ArrayList<>(b.prefixes.entrySet());
    p.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    this.prefixes = List.copyOf(p);
    this.interceptors = List.copyOf(b.interceptors);
    this.pins = b.pins;
    for (Map.Entry<String, McpClient> e : b.servers.entrySet()) {
      String server = e.getKey();
      e.getValue().onToolsListChanged(() -> definitions.remove(server));
    }
    this.serverOrder = List.copyOf(b.servers.keySet());
  }

  /** A builder with no servers. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this router's servers, routes (the seed's included), interceptors and pin
   * store, to derive a router that adds to them: the engine uses it to put its policy gate behind
   * the interceptors a host added ({@code router.toBuilder().interceptor(gate).build()}). Both
   * routers share the clients and the pin store.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    // Keep the order the servers were added in, which aggregation and errors follow.
    for (String server : serverOrder) {
      b.servers.put(server, servers.get(server));
    }
    b.routes.putAll(routes);
    for (Map.Entry<String, String> p : prefixes) {
      b.prefixes.put(p.getKey(), p.getValue());
    }
    b.interceptors.addAll(interceptors);
    b.pins = pins;
    return b;
  }

  /** The names of the servers, in the order they were added. */
  public List<String> servers() {
    return serverOrder;
  }

  /**
   * Every tool of every server whose definition is the approved one, read fresh (all pages). Tools
   * seen for the first time are pinned and offered. A tool whose definition changed since it was
   * pinned is not offered (fail closed: a model must not read a new description nobody approved);
   * {@link #pendingDefinitionChanges()} lists those.
   *
   * @throws ToolRoutingException ({@code TOOL_NAME_CLASH}) if two servers offer one name and no
   *     explicit route picks one
   */
  public List<RoutedTool> listTools() {
    List<RoutedTool> approved = new ArrayList<>();
    scan(approved, null);
    return List.copyOf(approved);
  }

  /**
   * The tools whose definition changed since they were pinned, read fresh: the ones {@link
   * #listTools()} leaves out and {@link #call} refuses until {@link
   * #approveDefinitionChange(String)}.
   *
   * @throws ToolRoutingException ({@code TOOL_NAME_CLASH}) as {@link #listTools()}
   */
  public List<PendingToolChange> pendingDefinitionChanges() {
    List<PendingToolChange> changed = new ArrayList<>();
    scan(null, changed);
    return List.copyOf(changed);
  }

  /** Reads every server's tools, sorting them into approved and changed ones. */
  private void scan(List<RoutedTool> approved, List<PendingToolChange> changed) {
    Map<String, String> offeredBy = new LinkedHashMap<>();
    for (String server : serverOrder) {
      for (Tool tool : refresh(server).values()) {
        String explicit = routes.get(tool.name());
        if (explicit != null && !explicit.equals(server)) {
          continue;
        }
        String previous = offeredBy.putIfAbsent(tool.name(), server);
        if (previous != null) {
          throw new ToolRoutingException(
              "TOOL_NAME_CLASH",
              "Tool "
                  + tool.name()
                  + " is offered by servers "
                  + previous
                  + " and "
                  + server
                  + "; add an explicit route to pick one");
        }
        String hash = ToolDefinitions.sha256(tool);
        String pinned = pins.pinned(server, tool.name()).orElse(hash);
        if (pinned.equals(hash)) {
          if (approved != null) {
            approved.add(new RoutedTool(server, tool, hash));
          }
        } else if (changed != null) {
          changed.add(new PendingToolChange(server, tool, pinned, hash));
        }
      }
    }
  }

  /** Calls the tool a reference in any form names (see {@link ToolRef}). */
  public CallToolResult call(String reference) {
    return call(ToolRef.parse(reference), CallOptions.defaults());
  }

  /** Calls the tool {@code ref} names. */
  public CallToolResult call(ToolRef ref) {
    return call(ref, CallOptions.defaults());
  }

  /**
   * Calls the tool {@code ref} names, through the interceptors.
   *
   * @throws ToolRoutingException if no server offers the tool
   * @throws ToolDefinitionChangedException if its definition changed since it was pinned
   * @throws io.github.aiplaybooks.mcp.McpErrorException and the other MCP exceptions the client
   *     throws
   */
  public CallToolResult call(ToolRef ref, CallOptions options) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(options, "options");
    String server = serverFor(ref.name());
    Tool definition = definition(server, ref.name());
    ToolCall call = new ToolCall(ref, server, definition, ref.arguments(), options);
    return new RealChain(0, call, call).proceed(call);
  }

  /**
   * The server a tool name routes to.
   *
   * @throws ToolRoutingException ({@code TOOL_NOT_ROUTABLE}) if none
   */
  public String serverFor(String toolName) {
    String explicit = routes.get(toolName);
    if (explicit != null) {
      return explicit;
    }
    for (Map.Entry<String, String> prefix : prefixes) {
      if (toolName.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    List<String> offering = new ArrayList<>();
    for (String server : serverOrder) {
      if (known(server).containsKey(toolName)) {
        offering.add(server);
      }
    }
    if (offering.size() == 1) {
      return offering.get(0);
    }
    if (offering.size() > 1) {
      throw new ToolRoutingException(
          "TOOL_NAME_CLASH",
          "Tool "
              + toolName
              + " is offered by servers "
              + String.join(" and ", offering)
              + "; add an explicit route to pick one");
    }
    throw new ToolRoutingException(
        "TOOL_NOT_ROUTABLE",
        "No server offers tool " + toolName + " (servers: " + String.join(", ", serverOrder) + ")");
  }

  /**
   * Approves the current definition of a tool after it changed: its SHA-256 becomes the pin and
   * calls are allowed again.
   *
   * @return the hash now pinned
   * @throws ToolRoutingException if no server offers the tool
   */
  public String approveDefinitionChange(String toolName) {
    String server = serverFor(toolName);
    Tool current = refresh(server).get(toolName);
    if (current == null) {
      throw notFound(server, toolName);
    }
    String hash = ToolDefinitions.sha256(current);
    String old = pins.pinned(server, toolName).orElse("none");
    pins.pin(server, toolName, hash);
    log.info(
        "Approved the definition of tool {} on {} (sha256 {} -> {})", toolName, server, old, hash);
    return hash;
  }

  private Map<String, Tool> known(String server) {
    Map<String, Tool> tools = definitions.get(server);
    return tools != null ? tools : refresh(server);
  }

  private Tool definition(String server, String toolName) {
    Tool tool = known(server).get(toolName);
    if (tool == null) {
      // The tool may be new since the last read.
      tool = refresh(server).get(toolName);
    }
    if (tool == null) {
      throw notFound(server, toolName);
    }
    return tool;
  }

  private static ToolRoutingException notFound(String server, String toolName) {
    return new ToolRoutingException(
        "TOOL_NOT_FOUND", "Server " + server + " offers no tool " + toolName);
  }

  /** Reads a server's tools and pins the ones seen for the first time. */
  private Map<String, Tool> refresh(String server) {
    McpClient client = servers.get(server);
    if (client == null) {
      throw new ToolRoutingException(
          "ROUTER_CONFIG_INVALID", "No server named " + server + " was added to the router");
    }
    Map<String, Tool> tools = new LinkedHashMap<>();
    for (Tool tool : client.listTools()) {
      tools.put(tool.name(), tool);
      if (pins.pinned(server, tool.name()).isEmpty()) {
        pins.pin(server, tool.name(), ToolDefinitions.sha256(tool));
      }
    }
    Map<String, Tool> frozen = java.util.Collections.unmodifiableMap(tools);
    definitions.put(server, frozen);
    return frozen;
  }

  private CallToolResult send(ToolCall call) {
    String hash = ToolDefinitions.sha256(call.definition());
    Optional<String> pinned = pins.pinned(call.server(), call.toolName());
    if (pinned.isEmpty()) {
      pins.pin(call.server(), call.toolName(), hash);
    } else if (!pinned.get().equals(hash)) {
      throw new ToolDefinitionChangedException(call.toolName(), call.server(), pinned.get(), hash);
    }
    return servers
        .get(call.server())
        .callTool(CallToolRequestParams.of(call.toolName(), call.arguments()), call.options());
  }

  /** One link of the chain; enforces the interceptor contract. */
  private final class RealChain implements ToolCallInterceptor.Chain {
    private final int index;
    private final ToolCall request;
    private final ToolCall original;
    private final AtomicBoolean proceeded = new AtomicBoolean();

    RealChain(int index, ToolCall request, ToolCall original) {
      this.index = index;
      this.request = request;
      this.original = original;
    }

    @Override
    public ToolCall request() {
      return request;
    }

    @Override
    public CallToolResult proceed(ToolCall call) {
      Objects.requireNonNull(call, "call");
      String caller = index == 0 ? "the router" : describe(interceptors.get(index - 1));
      if (!proceeded.compareAndSet(false, true)) {
        throw new CallerFaultException(
            "INTERCEPTOR_CONTRACT", "Interceptor " + caller + " called proceed() more than once");
      }
      if (!call.server().equals(original.server())
          || !call.toolName().equals(original.toolName())) {
        throw new CallerFaultException(
            "INTERCEPTOR_CONTRACT", "Interceptor " + caller + " passed on a call of another tool");
      }
      if (index == interceptors.size()) {
        return send(call);
      }
      ToolCallInterceptor interceptor = interceptors.get(index);
      CallToolResult result = interceptor.intercept(new RealChain(index + 1, call, original));
      if (result == null) {
        throw new CallerFaultException(
            "INTERCEPTOR_CONTRACT", "Interceptor " + describe(interceptor) + " returned null");
      }
      return result;
    }
  }

  private String describe(ToolCallInterceptor interceptor) {
    return "#" + interceptors.indexOf(interceptor) + " (" + interceptor.getClass().getName() + ")";
  }

  /** Builds a {@link ToolRouter}. */
  public static final class Builder {
    private final Map<String, McpClient> servers = new LinkedHashMap<>();
    private final Map<String, String> routes = new LinkedHashMap<>();
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final List<ToolCallInterceptor> interceptors = new ArrayList<>();
    private ToolPinStore pins = ToolPinStore.inMemory();
    private boolean seedRoutes;

    private Builder() {}

    /** Adds a server under {@code name}; its client must be connected before the first call. */
    public Builder server(String name, McpClient client) {
      Objects.requireNonNull(name, "server name");
      Objects.requireNonNull(client, "client");
      if (servers.putIfAbsent(name, client) != null) {
        throw new IllegalArgumentException("server: a server named " + name + " was already added");
      }
      return this;
    }

    /**
     * Routes tool names starting with {@code prefix} (such as {@code kubectl_}) to {@code server}.
     */
    public Builder routePrefix(String prefix, String server) {
      prefixes.put(
          Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(server, "server"));
      return this;
    }

    /** Routes the tool {@code toolName} to {@code server}, before any prefix. */
    public Builder route(String toolName, String server) {
      routes.put(
          Objects.requireNonNull(toolName, "toolName"), Objects.requireNonNull(server, "server"));
      return this;
    }

    /**
     * The seed's routes: {@code kubectl_} to server {@code kubectl}; {@code cloudwatch_}, {@code
     * xray_}, {@code securityhub_}, {@code guardduty_} and {@code costexplorer_} to server {@code
     * aws} (each only if a server of that name was added; explicit prefixes win).
     */
    public Builder seedRoutes() {
      this.seedRoutes = true;
      return this;
    }

    /** Adds an interceptor; the first added runs outermost. */
    public Builder interceptor(ToolCallInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** Where pins are kept (default: in memory). */
    public Builder pinStore(ToolPinStore store) {
      this.pins = Objects.requireNonNull(store, "pinStore");
      return this;
    }

    /**
     * The router.
     *
     * @throws ToolRoutingException ({@code ROUTER_CONFIG_INVALID}) if a route names a server that
     *     was not added, or no server was added
     */
    public ToolRouter build() {
      if (servers.isEmpty()) {
        throw new ToolRoutingException("ROUTER_CONFIG_INVALID", "servers: add at least one server");
      }
      for (Map.Entry<String, String> r : routes.entrySet()) {
        requireServer("route " + r.getKey(), r.getValue());
      }
      for (Map.Entry<String, String> p : prefixes.entrySet()) {
        requireServer("routePrefix " + p.getKey(), p.getValue());
      }
      if (seedRoutes) {
        // Only the seed routes whose server this router has; explicit prefixes win.
        for (Map.Entry<String, String> seed : SEED_PREFIXES.entrySet()) {
          if (servers.containsKey(seed.getValue())) {
            prefixes.putIfAbsent(seed.getKey(), seed.getValue());
          }
        }
      }
      return new ToolRouter(this);
    }

    private void requireServer(String what, String server) {
      if (!servers.containsKey(server)) {
        throw new ToolRoutingException(
            "ROUTER_CONFIG_INVALID",
            what
                + " names server "
                + server
                + ", which was not added (servers: "
                + String.join(", ", servers.keySet())
                + ")");
      }
    }
  }
}
