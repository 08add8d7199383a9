package io.github.aiplaybooks.mcp.server;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.mcp.internal.BoundedLineReader;
import io.github.aiplaybooks.mcp.internal.DaemonThreads;
import io.github.aiplaybooks.mcp.internal.SchemaValidator;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import io.github.aiplaybooks.mcp.schema.Implementation;
import io.github.aiplaybooks.mcp.schema.McpMethods;
import io.github.aiplaybooks.mcp.schema.Prompt;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.Resource;
import io.github.aiplaybooks.mcp.schema.ServerCapabilities;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An MCP server: serves a set of tools (and optionally resources and prompts) over stdio, over
 * Streamable HTTP, or over any transport through {@link #connect(FrameSink)}.
 *
 * <p>Before a handler runs, the server validates the call's arguments against the tool's {@code
 * inputSchema} and answers {@code -32602} naming every bad argument by JSON pointer. Unknown tools
 * are {@code -32602 Unknown tool}. {@code tools/list} is paginated. Adding or removing a tool sends
 * {@code notifications/tools/list_changed} to every initialized session. Requests whose method is
 * one of the seed's method-style calls ({@code kubectl/get}, {@code cloudwatch/get_metric_data},
 * ...) are answered like {@code tools/call} of the canonical tool ({@code kubectl_get}), unless
 * {@link Builder#seedMethodCompatibility(boolean)} turns that off.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder()
 *     .serverInfo(Implementation.of("kubectl-tools", "0.1.0"))
 *     .tool(kubectlGet, call -> CallToolResult.text(list(call.arguments())))
 *     .build();
 * server.serveStdio(System.in, System.out);             // blocks until stdin ends
 * try (McpHttpServer http = server.startHttp(0)) {      // or: Streamable HTTP on 127.0.0.1
 *   System.out.println(http.endpoint());
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes every session and HTTP endpoint and stops the executor
 * the server created.
 */
public final class McpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpServer.class);

  record ToolRegistration(
      Tool tool, ToolHandler handler, SchemaValidator input, SchemaValidator output) {}

  record ResourceRegistration(Resource resource, ResourceHandler handler) {}

  record PromptRegistration(Prompt prompt, PromptHandler handler) {}

  private final Implementation serverInfo;
  private final String instructions;
  private final int pageSize;
  private final JsonRpcCodec codec;
  private final List<ProtocolVersion> supported;
  private final boolean seedMethodCompatibility;
  private final ExecutorService executor;
  private final boolean ownsExecutor;

  /**
   * At most {@code maxConcurrentRequests} handlers run at once, on the server's pool or on an HTTP
   * exchange's own thread; {@code null} when the caller gave the executor (it sets the limit).
   */
  private final Semaphore handlerSlots;

  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private volatile Map<String, ToolRegistration> tools;
  private final Map<String, ResourceRegistration> resources;
  private final Map<String, PromptRegistration> prompts;
  private final Set<McpServerConnection> connections = ConcurrentHashMap.newKeySet();
  private final Set<McpHttpServer> httpServers = ConcurrentHashMap.newKeySet();

  private McpServer(Builder b) {
    this.serverInfo = b.serverInfo;
    this.instructions = b.instructions;
    this.pageSize = b.pageSize;
    this.codec = JsonRpcCodec.builder().maxFrameBytes(b.maxFrameBytes).build();
    this.supported = List.copyOf(b.supported);
    this.seedMethodCompatibility = b.seedMethodCompatibility;
    Map<String, ToolRegistration> t = new LinkedHashMap<>();
    for (ToolRegistration r : b.tools) {
      t.put(r.tool().name(), r);
    }
    this.tools = java.util.Collections.unmodifiableMap(t);
    this.resources = Map.copyOf(b.resources);
    this.prompts = Map.copyOf(b.prompts);
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownsExecutor = false;
      this.handlerSlots = null;
    } else {
      this.handlerSlots = new Semaphore(b.maxConcurrentRequests);
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              b.maxConcurrentRequests,
              b.maxConcurrentRequests,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(b.maxQueuedRequests),
              new DaemonThreads("mcp-server-" + serverInfo.name()));
      pool.allowCoreThreadTimeOut(true);
      this.executor = pool;
      this.ownsExecutor = true;
    }
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            new DaemonThreads("mcp-server-" + serverInfo.name() + "-timer"));
  }

  /** A builder for a server named {@code mcp-server 0.0.0} with no tools. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's {@code serverInfo}. */
  public Implementation serverInfo() {
    return serverInfo;
  }

  /** The tools, in the order they were added. */
  public List<Tool> tools() {
    return toolList();
  }

  /**
   * Adds a tool, or replaces the tool of the same name, and notifies every initialized session.
   *
   * @throws CallerFaultException (code {@code MCP_TOOL_SCHEMA_INVALID}) if its schemas cannot be
   *     used
   */
  public void addTool(Tool tool, ToolHandler handler) {
    ToolRegistration reg = register(tool, handler);
    synchronized (lock) {
      Map<String, ToolRegistration> next = new LinkedHashMap<>(tools);
      next.put(tool.name(), reg);
      tools = java.util.Collections.unmodifiableMap(next);
    }
    broadcast(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
  }

  /**
   * Removes a tool and notifies every initialized session.
   *
   * @return whether the tool was there
   */
  public boolean removeTool(String name) {
    synchronized (lock) {
      if (!tools.containsKey(name)) {
        return false;
      }
      Map<String, ToolRegistration> next = new LinkedHashMap<>(tools);
      next.remove(name);
      tools = java.util.Collections.unmodifiableMap(next);
    }
    broadcast(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
    return true;
  }

  private void broadcast(String method) {
    for (McpServerConnection c : connections) {
      c.notifyIfInitialized(method);
    }
  }

  /**
   * Opens a session for a custom transport: the connection writes to {@code sink}; feed it what the
   * client sends with {@link McpServerConnection#receive(byte[])}.
   */
  public McpServerConnection connect(FrameSink sink) {
    Objects.requireNonNull(sink, "sink");
    Object writeLock = new Object();
    return open(
        (message, related) -> {
          byte[] frame = codec.encode(message);
          synchronized (writeLock) {
            sink.send(frame);
          }
        },
        null);
  }

  McpServerConnection open(McpServerConnection.Outbound outbound, String sessionId) {
    if (executor.isShutdown()) {
      throw new CallerFaultException(
          "MCP_SERVER_CLOSED", "MCP server " + serverInfo.name() + " is closed");
    }
    McpServerConnection c = new McpServerConnection(this, outbound, sessionId);
    connections.add(c);
    return c;
  }

  void forget(McpServerConnection connection) {
    connections.remove(connection);
  }

  /**
   * Serves one client over newline-delimited JSON on two streams (the stdio transport), until
   * {@code in} ends; then the session is closed and running requests are cancelled. A line longer
   * than the frame limit is skipped and answered with a parse error.
   *
   * <pre>{@code
   * server.serveStdio(System.in, System.out);
   * }</pre>
   */
  public void serveStdio(InputStream in, OutputStream out) {
    McpServerConnection connection =
        open(
            (message, related) -> {
              byte[] frame = codec.encode(message);
              synchronized (out) {
                out.write(frame);
                out.write('\n');
                out.flush();
              }
            },
            null);
    BoundedLineReader reader = new BoundedLineReader(in, codec.maxFrameBytes());
    try {
      BoundedLineReader.Line line;
      while (connection.isOpen() && (line = reader.next()) != null) {
        if (line.oversized()) {
          connection.receive(codec.oversizedFrame(line.length()));
        } else if (line.bytes().length > 0 && !isBlank(line.bytes())) {
          connection.receive(line.bytes());
        }
      }
    } catch (IOException e) {
      log.debug("stdio input of {} failed: {}", serverInfo.name(), e.toString());
    } finally {
      connection.close();
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Serves Streamable HTTP on {@code 127.0.0.1:port} at path {@code /mcp} ({@code 0}: any free
   * port).
   *
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public McpHttpServer startHttp(int port) {
    return startHttp(HttpServerOptions.builder().port(port).build());
  }

  /**
   * Serves Streamable HTTP as {@code options} say.
   *
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public McpHttpServer startHttp(HttpServerOptions options) {
    McpHttpServer http = McpHttpServer.start(this, options);
    httpServers.add(http);
    return http;
  }

  void forget(McpHttpServer http) {
    httpServers.remove(http);
  }

  /** Closes every session and HTTP endpoint; stops the executor if the server created it. */
  @Override
  public void close() {
    for (McpHttpServer http : new ArrayList<>(httpServers)) {
      http.close();
    }
    for (McpServerConnection c : new ArrayList<>(connections)) {
      c.close();
    }
    scheduler.shutdownNow();
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  // Package-private views used by connections.

  JsonRpcCodec codec() {
    return codec;
  }

  ExecutorService executor() {
    return executor;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Takes a handler slot without waiting, for work run on the thread that received it; never when
   * the caller gave the executor (work then always goes there).
   */
  boolean tryTakeHandlerSlot() {
    return handlerSlots != null && handlerSlots.tryAcquire();
  }

  /** Waits for a handler slot; false if interrupted. */
  boolean takeHandlerSlot() {
    if (handlerSlots == null) {
      return true;
    }
    try {
      handlerSlots.acquire();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void releaseHandlerSlot() {
    if (handlerSlots != null) {
      handlerSlots.release();
    }
  }

  int pageSize() {
    return pageSize;
  }

  String instructions() {
    return instructions;
  }

  boolean seedMethodCompatibility() {
    return seedMethodCompatibility;
  }

  List<Tool> toolList() {
    return tools.values().stream().map(ToolRegistration::tool).toList();
  }

  ToolRegistration toolRegistration(String name) {
    return tools.get(name);
  }

  List<Resource> resourceList() {
    return resources.values().stream().map(ResourceRegistration::resource).toList();
  }

  ResourceRegistration resourceRegistration(String uri) {
    return resources.get(uri);
  }

  List<Prompt> promptList() {
    return prompts.values().stream().map(PromptRegistration::prompt).toList();
  }

  PromptRegistration promptRegistration(String name) {
    return prompts.get(name);
  }

  Optional<ProtocolVersion> negotiate(String requested) {
    return ProtocolVersion.parse(requested).filter(supported::contains);
  }

  ProtocolVersion latestSupported() {
    return supported.get(0);
  }

  List<String> supportedVersionIds() {
    return supported.stream().map(ProtocolVersion::id).toList();
  }

  boolean supports(String versionId) {
    return negotiate(versionId).isPresent();
  }

  ServerCapabilities capabilities() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return new ServerCapabilities(
        null,
        nodes.objectNode(),
        null,
        prompts.isEmpty() ? null : new ServerCapabilities.Prompts(false),
        resources.isEmpty() ? null : new ServerCapabilities.Resources(false, false),
        new ServerCapabilities.Tools(true),
        null);
  }

  private static ToolRegistration register(Tool tool, ToolHandler handler) {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(handler, "handler");
    try {
      SchemaValidator input =
          SchemaValidator.compile(tool.name(), "inputSchema", tool.inputSchema());
      SchemaValidator output =
          tool.outputSchema() == null
              ? null
              : SchemaValidator.compile(tool.name(), "outputSchema", tool.outputSchema());
      return new ToolRegistration(tool, handler, input, output);
    } catch (IllegalArgumentException e) {
      throw new CallerFaultException("MCP_TOOL_SCHEMA_INVALID", e.getMessage(), e.getCause());
    }
  }

  /** Builds an {@link McpServer}. */
  public static final class Builder {
    private Implementation serverInfo = Implementation.of("mcp-server", "0.0.0");
    private String instructions;
    private int pageSize = 100;
    private int maxFrameBytes = JsonRpcCodec.DEFAULT_MAX_FRAME_BYTES;
    private final List<ToolRegistration> tools = new ArrayList<>();
    private final Map<String, ResourceRegistration> resources = new LinkedHashMap<>();
    private final Map<String, PromptRegistration> prompts = new LinkedHashMap<>();
    private List<ProtocolVersion> supported = List.of(ProtocolVersion.values());
    private boolean seedMethodCompatibility = true;
    private ExecutorService executor;
    private int maxConcurrentRequests = 64;
    private int maxQueuedRequests = 1024;

    private Builder() {}

    /** Sets the {@code serverInfo} answered to {@code initialize}. */
    public Builder serverInfo(Implementation serverInfo) {
      this.serverInfo = Objects.requireNonNull(serverInfo, "serverInfo");
      return this;
    }

    /** Sets the {@code instructions} answered to {@code initialize}. */
    public Builder instructions(String instructions) {
      this.instructions = instructions;
      return this;
    }

    /**
     * Adds a tool.
     *
     * @throws CallerFaultException (code {@code MCP_TOOL_SCHEMA_INVALID}) if its schemas cannot be
     *     used, or (code {@code MCP_TOOL_DUPLICATE}) if a tool of that name was already added
     */
    public Builder tool(Tool tool, ToolHandler handler) {
      ToolRegistration reg = register(tool, handler);
      if (tools.stream().anyMatch(r -> r.tool().name().equals(tool.name()))) {
        throw new CallerFaultException(
            "MCP_TOOL_DUPLICATE", "tool: a tool named " + tool.name() + " was already added");
      }
      tools.add(reg);
      return this;
    }

    /** Adds a resource read by {@code handler}. */
    public Builder resource(Resource resource, ResourceHandler handler) {
      resources.put(
          Objects.requireNonNull(resource, "resource").uri(),
          new ResourceRegistration(resource, Objects.requireNonNull(handler, "handler")));
      return this;
    }

    /** Adds a prompt rendered by {@code handler}. */
    public Builder prompt(Prompt prompt, PromptHandler handler) {
      prompts.put(
          Objects.requireNonNull(prompt, "prompt").name(),
          new PromptRegistration(prompt, Objects.requireNonNull(handler, "handler")));
      return this;
    }

    /**
     * How many items one page of {@code tools/list}, {@code resources/list} or {@code prompts/list}
     * holds (default 100).
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** Frames longer than this are refused with a parse error (default 16 MiB). */
    public Builder maxFrameBytes(int maxFrameBytes) {
      JsonRpcCodec.builder().maxFrameBytes(maxFrameBytes);
      this.maxFrameBytes = maxFrameBytes;
      return this;
    }

    /**
     * The protocol revisions the server accepts (default: all). A client asking for another
     * revision gets the newest of these.
     */
    public Builder supportedProtocolVersions(ProtocolVersion... versions) {
      if (versions.length == 0) {
        throw new IllegalArgumentException("supportedProtocolVersions must name at least one");
      }
      EnumSet<ProtocolVersion> set = EnumSet.noneOf(ProtocolVersion.class);
      set.addAll(List.of(versions));
      this.supported = List.copyOf(set);
      return this;
    }

    /** Whether seed method-style requests ({@code kubectl/get}) reach tools (default true). */
    public Builder seedMethodCompatibility(boolean enabled) {
      this.seedMethodCompatibility = enabled;
      return this;
    }

    /**
     * Runs every handler on {@code executor} (the caller keeps ownership, and its size sets the
     * limit) instead of a pool the server creates.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * How many handlers run at once (default 64), on the pool the server creates or, over HTTP for
     * a request answered with one JSON body, on the exchange's own thread (which saves two thread
     * switches per call); further requests queue.
     */
    public Builder maxConcurrentRequests(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, was " + max);
      }
      this.maxConcurrentRequests = max;
      return this;
    }

    /**
     * How many requests may wait for a handler thread before {@code Server busy} (default 1024).
     */
    public Builder maxQueuedRequests(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxQueuedRequests must be at least 1, was " + max);
      }
      this.maxQueuedRequests = max;
      return this;
    }

    /** The server. */
    public McpServer build() {
      return new McpServer(this);
    }
  }
}
