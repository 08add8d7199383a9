package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.CallerFaultException;
import io.github.aiplaybooks.mcp.McpErrorException;
import io.github.aiplaybooks.mcp.McpProtocolException;
import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.McpToolOutputException;
import io.github.aiplaybooks.mcp.McpTransportException;
import io.github.aiplaybooks.mcp.internal.DaemonThreads;
import io.github.aiplaybooks.mcp.internal.SchemaValidator;
import io.github.aiplaybooks.mcp.jsonrpc.DecodeResult;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcError;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcErrorResponse;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcId;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcMessage;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcNotification;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcRequest;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcResponse;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcSuccessResponse;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.CancelledNotificationParams;
import io.github.aiplaybooks.mcp.schema.ClientCapabilities;
import io.github.aiplaybooks.mcp.schema.ElicitRequestParams;
import io.github.aiplaybooks.mcp.schema.ElicitResult;
import io.github.aiplaybooks.mcp.schema.GetPromptRequestParams;
import io.github.aiplaybooks.mcp.schema.GetPromptResult;
import io.github.aiplaybooks.mcp.schema.InitializeRequestParams;
import io.github.aiplaybooks.mcp.schema.InitializeResult;
import io.github.aiplaybooks.mcp.schema.ListPromptsResult;
import io.github.aiplaybooks.mcp.schema.ListResourcesResult;
import io.github.aiplaybooks.mcp.schema.ListRootsResult;
import io.github.aiplaybooks.mcp.schema.ListToolsResult;
import io.github.aiplaybooks.mcp.schema.LoggingLevel;
import io.github.aiplaybooks.mcp.schema.LoggingMessageNotificationParams;
import io.github.aiplaybooks.mcp.schema.McpJson;
import io.github.aiplaybooks.mcp.schema.McpMethods;
import io.github.aiplaybooks.mcp.schema.McpSchemaException;
import io.github.aiplaybooks.mcp.schema.PaginatedRequestParams;
import io.github.aiplaybooks.mcp.schema.ProgressNotificationParams;
import io.github.aiplaybooks.mcp.schema.Prompt;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.ReadResourceRequestParams;
import io.github.aiplaybooks.mcp.schema.ReadResourceResult;
import io.github.aiplaybooks.mcp.schema.Resource;
import io.github.aiplaybooks.mcp.schema.SetLevelRequestParams;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The {@link McpClient} behind {@link McpClient#builder()}. */
final class DefaultMcpClient implements McpClient {
  private static final Logger log = LoggerFactory.getLogger(McpClient.class);
  private static final int MAX_PAGES = 10_000;

  /**
   * How many finished requests keep their progress listener. A Streamable HTTP server that answers
   * with one JSON body sends the request's progress on its GET stream, which may be read after the
   * answer; however late it comes, it still reaches the listener unless this many later requests
   * with listeners finished first. A count, not a time: under load a reader thread can lag any
   * number of seconds, and a grace period lost that race.
   */
  static final int FINISHED_PROGRESS_LISTENERS = 64;

  private final String name;
  private final String remote;
  private final McpClient.Builder config;
  private final ClientTransport transport;
  private final ScheduledExecutorService timers;
  private final ExecutorService callbacks;

  /** Tasks given to {@link #callbacks} and not yet finished. */
  private final java.util.concurrent.atomic.AtomicInteger callbackBacklog =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Runs elicitation handlers, which may block on a human; null without a handler. */
  private final ExecutorService elicitations;

  /** The server's requests being answered off the callback thread, by id. */
  private final Map<JsonRpcId, ServerRequest> serverRequests = new ConcurrentHashMap<>();

  private final DaemonThreads recoveryThreads;
  private final Logger serverLog;
  private final Map<JsonRpcId, Pending> pending = new ConcurrentHashMap<>();
  private final Map<JsonRpcId, ProgressListener> progress = new ConcurrentHashMap<>();

  /** The finished requests whose listeners are still in {@link #progress}, oldest first. */
  private final java.util.ArrayDeque<JsonRpcId> finishedWithListener =
      new java.util.ArrayDeque<>(); // guarded by itself

  /** The tools as last listed, by name: their outputSchema checks call results. */
  private final Map<String, KnownTool> knownTools = new ConcurrentHashMap<>();

  private final AtomicLong ids = new AtomicLong();
  private final List<LoggingMessageListener> loggingListeners;
  private final List<Runnable> toolsChangedListeners;
  private final Object connectLock = new Object();
  private final AtomicReference<McpTransportException> closedCause = new AtomicReference<>();
  private volatile Thread callbackThread;
  private volatile boolean started;
  private volatile InitializeResult init;
  private volatile ProtocolVersion version;

  private static final class Pending {
    final JsonRpcRequest request;
    final CompletableFuture<JsonNode> future;

    /**
     * Whether the response may complete {@link #future} on the transport's thread: only for the
     * blocking methods, whose future has no stages but the client's own.
     */
    final boolean completeOnTransportThread;

    volatile ScheduledFuture<?> timer;
    volatile boolean resent;
    private Thread sender; // guarded by this: the caller blocked in sendAndAwait
    private boolean senderInterrupted; // guarded by this

    synchronized void senderBlocked(Thread thread) {
      sender = thread;
    }

    /** The sender returned; whether the client interrupted it (so the interrupt is ours). */
    synchronized boolean senderReturned() {
      sender = null;
      boolean ours = senderInterrupted;
      senderInterrupted = false;
      return ours;
    }

    /** Frees a caller blocked sending this request (it timed out, or the client closed). */
    synchronized void interruptSender() {
      if (sender != null) {
        senderInterrupted = true;
        sender.interrupt();
      }
    }

    Pending(
        JsonRpcRequest request,
        CompletableFuture<JsonNode> future,
        boolean completeOnTransportThread) {
      this.request = request;
      this.future = future;
      this.completeOnTransportThread = completeOnTransportThread;
    }
  }

  /** A request of the server being answered; cancelled ones are not answered. */
  private static final class ServerRequest {
    volatile boolean cancelled;
    volatile Future<?> future;
  }

  /** A listed tool and its outputSchema, compiled on first use. */
  private static final class KnownTool {
    final Tool tool;
    private SchemaValidator validator;
    private IllegalArgumentException unusable;

    KnownTool(Tool tool) {
      this.tool = tool;
    }

    synchronized SchemaValidator outputValidator() {
      if (validator == null && unusable == null) {
        try {
          validator = SchemaValidator.compile(tool.name(), "outputSchema", tool.outputSchema());
        } catch (IllegalArgumentException e) {
          unusable = e;
        }
      }
      if (unusable != null) {
        throw unusable;
      }
      return validator;
    }
  }

  DefaultMcpClient(McpClient.Builder b) {
    this.config = b;
    JsonRpcCodec codec = JsonRpcCodec.builder().maxFrameBytes(b.maxFrameBytes).build();
    if (b.stdio != null) {
      this.name = b.name != null ? b.name : defaultName(b.stdio);
      this.transport = StreamTransport.forProcess(b.stdio, name, codec);
    } else if (b.http != null) {
      this.name =
          b.name != null ? b.name : b.http.endpoint().getHost() + ":" + b.http.endpoint().getPort();
      this.transport = new StreamableHttpTransport(b.http, name, codec);
    } else {
      this.name = b.name != null ? b.name : "streams";
      this.transport = StreamTransport.forStreams(b.in, b.out, name, codec);
    }
    this.remote = "mcp:" + name;
    this.loggingListeners = new CopyOnWriteArrayList<>(b.loggingListeners);
    this.toolsChangedListeners = new CopyOnWriteArrayList<>(b.toolsChangedListeners);
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            new DaemonThreads("mcp-client-" + name + "-timer"));
    DaemonThreads callbackFactory = new DaemonThreads("mcp-client-" + name + "-callback");
    this.callbacks =
        Executors.newSingleThreadExecutor(
            r ->
                callbackFactory.newThread(
                    () -> {
                      callbackThread = Thread.currentThread();
                      r.run();
                    }));
    this.recoveryThreads = new DaemonThreads("mcp-client-" + name + "-reconnect");
    this.elicitations =
        b.elicitation == null
            ? null
            : Executors.newCachedThreadPool(
                new DaemonThreads("mcp-client-" + name + "-elicitation"));
    this.serverLog = LoggerFactory.getLogger("io.github.aiplaybooks.mcp.server-log." + name);
  }

  private static String defaultName(StdioServerCommand command) {
    Path file = Path.of(command.command()).getFileName();
    return file == null ? command.command() : file.toString();
  }

  @Override
  public String name() {
    return name;
  }

  // ---- lifecycle ----

  @Override
  public InitializeResult connect() {
    synchronized (connectLock) {
      if (init != null) {
        return init;
      }
      failIfClosed();
      if (!started) {
        started = true;
        transport.start(new TransportListener());
      }
      return handshake();
    }
  }

  private InitializeResult handshake() {
    ClientCapabilities capabilities =
        new ClientCapabilities(
            null,
            config.roots == null ? null : new ClientCapabilities.Roots(false),
            null,
            // Form mode only; the empty form object is how 2025-11-25 names it.
            config.elicitation == null ? null : formElicitationCapability(),
            null);
    InitializeRequestParams params =
        new InitializeRequestParams(
            config.protocolVersion.id(), capabilities, config.clientInfo, null);
    JsonNode result =
        await(
            send(McpMethods.INITIALIZE, McpJson.write(params), CallOptions.defaults(), true, true));
    InitializeResult answer = readResult(result, InitializeResult.class, McpMethods.INITIALIZE);
    ProtocolVersion chosen = ProtocolVersion.parse(answer.protocolVersion()).orElse(null);
    if (chosen == null || chosen.ordinal() < config.protocolVersion.ordinal()) {
      McpProtocolException e =
          new McpProtocolException(
              remote,
              remote
                  + " chose protocol version "
                  + answer.protocolVersion()
                  + ", which this client does not speak (it speaks "
                  + String.join(", ", supportedFrom(config.protocolVersion))
                  + ")",
              null);
      close();
      throw e;
    }
    version = chosen;
    transport.negotiated(chosen);
    transport.send(new JsonRpcNotification(McpMethods.NOTIFICATION_INITIALIZED, null));
    init = answer;
    transport.initialized();
    log.debug(
        "Connected to {} ({} {}), protocol {}",
        remote,
        answer.serverInfo().name(),
        answer.serverInfo().version(),
        chosen);
    return answer;
  }

  private static ObjectNode formElicitationCapability() {
    ObjectNode elicitation = JsonNodeFactory.instance.objectNode();
    elicitation.putObject("form");
    return elicitation;
  }

  private static List<String> supportedFrom(ProtocolVersion newest) {
    List<String> ids = new ArrayList<>();
    for (ProtocolVersion v : ProtocolVersion.values()) {
      if (v.ordinal() >= newest.ordinal()) {
        ids.add(v.id());
      }
    }
    return ids;
  }

  @Override
  public InitializeResult initializeResult() {
    InitializeResult r = init;
    if (r == null) {
      failIfClosed();
      throw notConnected();
    }
    return r;
  }

  @Override
  public boolean isConnected() {
    return init != null && closedCause.get() == null;
  }

  private CallerFaultException notConnected() {
    return new CallerFaultException(
        "MCP_NOT_CONNECTED", "Call connect() on the client of " + remote + " first");
  }

  private void failIfClosed() {
    McpTransportException cause = closedCause.get();
    if (cause != null) {
      throw new McpTransportException(
          cause.code(), remote, cause.getMessage(), cause.retryable(), cause);
    }
  }

  @Override
  public void close() {
    McpTransportException cause =
        new McpTransportException(
            "MCP_CLOSED", remote, "The client of " + remote + " was closed", false, null);
    boolean first = closedCause.compareAndSet(null, cause);
    failAllPending(closedCause.get());
    if (first && started) {
      try {
        transport.close();
      } catch (RuntimeException e) {
        log.debug("Closing the transport to {} failed: {}", remote, e.toString());
      }
    }
    callbacks.shutdown();
    timers.shutdownNow();
    if (elicitations != null) {
      elicitations.shutdownNow();
    }
  }

  private void failAllPending(McpTransportException cause) {
    for (Pending p : new ArrayList<>(pending.values())) {
      if (pending.remove(p.request.id(), p)) {
        p.future.completeExceptionally(cause);
        p.interruptSender();
      }
    }
  }

  // ---- requests ----

  /**
   * Sends a request.
   *
   * @param blocking whether the caller waits for the result itself (the blocking methods): its
   *     response is then completed on the transport's thread when nothing is queued before it,
   *     which saves a thread hop per call
   */
  private CompletableFuture<JsonNode> send(
      String method, ObjectNode params, CallOptions options, boolean beforeInit, boolean blocking) {
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    McpTransportException closed = closedCause.get();
    if (closed != null) {
      future.completeExceptionally(closed);
      return future;
    }
    if (!beforeInit && init == null) {
      future.completeExceptionally(notConnected());
      return future;
    }
    JsonRpcId id = JsonRpcId.of(ids.incrementAndGet());
    ObjectNode p = params;
    ProgressListener listener = options.progressListenerOrNull();
    ObjectNode extraMeta = options.metaOrNull();
    if (listener != null || extraMeta != null) {
      p = p == null ? JsonNodeFactory.instance.objectNode() : p.deepCopy();
      JsonNode existing = p.get("_meta");
      ObjectNode meta = existing instanceof ObjectNode o ? o : p.putObject("_meta");
      if (extraMeta != null) {
        meta.setAll(extraMeta);
      }
      if (listener != null) {
        // The request id is unique among our requests, so it makes a unique progress token.
        meta.set("progressToken", id.toJson());
        progress.put(id, listener);
      }
    }
    JsonRpcRequest request = new JsonRpcRequest(id, method, p);
    Pending entry = new Pending(request, future, blocking);
    pending.put(id, entry);
    Duration timeout =
        options.timeoutOrNull() != null ? options.timeoutOrNull() : config.requestTimeout;
    try {
      entry.timer =
          timers.schedule(
              () -> timedOut(entry, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      pending.remove(id, entry);
      future.completeExceptionally(
          closedCause.get() != null
              ? closedCause.get()
              : new McpTransportException(
                  "MCP_CLOSED", remote, "The client of " + remote + " was closed", false, e));
      return future;
    }
    future.whenComplete(
        (r, e) -> {
          ScheduledFuture<?> timer = entry.timer;
          if (timer != null) {
            timer.cancel(false);
          }
          if (listener != null) {
            forgetProgressListenerLater(id);
          }
          if (pending.remove(id, entry) && future.isCancelled()) {
            sendCancelled(id, "cancelled by the client");
          }
        });
    try {
      if (blocking) {
        entry.senderBlocked(Thread.currentThread());
        try {
          transport.sendAndAwait(request);
        } finally {
          if (entry.senderReturned()) {
            // The client's own interrupt (timeout or close) ends here; the future says why.
            Thread.interrupted();
          }
        }
      } else {
        transport.send(request);
      }
    } catch (McpTransportException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  /**
   * Keeps a finished request's progress listener for progress that trails the answer (see {@link
   * #FINISHED_PROGRESS_LISTENERS}), and removes the listener of the oldest finished request beyond
   * that bound.
   */
  private void forgetProgressListenerLater(JsonRpcId id) {
    JsonRpcId evicted = null;
    synchronized (finishedWithListener) {
      finishedWithListener.addLast(id);
      if (finishedWithListener.size() > FINISHED_PROGRESS_LISTENERS) {
        evicted = finishedWithListener.removeFirst();
      }
    }
    if (evicted != null) {
      progress.remove(evicted);
    }
  }

  private void timedOut(Pending entry, Duration timeout) {
    if (!pending.remove(entry.request.id(), entry)) {
      return;
    }
    // The spec forbids cancelling initialize; everything else is cancelled so the server stops.
    if (!entry.request.method().equals(McpMethods.INITIALIZE)) {
      sendCancelled(entry.request.id(), "timed out after " + timeout.toMillis() + " ms");
    }
    entry.future.completeExceptionally(
        new McpTimeoutException(remote, entry.request.method(), timeout));
    entry.interruptSender();
  }

  private void sendCancelled(JsonRpcId id, String reason) {
    try {
      transport.send(
          new JsonRpcNotification(
              McpMethods.NOTIFICATION_CANCELLED,
              McpJson.write(new CancelledNotificationParams(id, reason, null))));
    } catch (RuntimeException e) {
      log.debug("Could not tell {} that request {} is cancelled: {}", remote, id, e.toString());
    }
  }

  private <T> T await(CompletableFuture<T> future) {
    if (Thread.currentThread() == callbackThread) {
      future.cancel(true);
      throw new CallerFaultException(
          "MCP_BLOCKING_IN_CALLBACK",
          "A blocking call to "
              + remote
              + " was made from its callback thread; use the ...Async methods there");
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new McpTransportException(
          "MCP_TRANSPORT", remote, "Request to " + remote + " failed: " + cause, true, cause);
    } catch (CancellationException e) {
      throw new CallerFaultException(
          "MCP_CANCELLED", "The request to " + remote + " was cancelled", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CallerFaultException(
          "MCP_INTERRUPTED", "Interrupted while waiting for " + remote, e);
    }
  }

  private <T> T readResult(JsonNode result, Class<T> type, String method) {
    try {
      return McpJson.read(result, type);
    } catch (McpSchemaException e) {
      throw new McpProtocolException(
          remote,
          remote + " answered " + method + " with a result that does not fit: " + e.getMessage(),
          e);
    }
  }

  /** Maps a result future; cancelling the mapped future cancels the request. */
  private <T> CompletableFuture<T> mapped(
      CompletableFuture<JsonNode> source, Function<JsonNode, T> fn) {
    CompletableFuture<T> result = new CompletableFuture<>();
    source.whenComplete(
        (node, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
            return;
          }
          try {
            result.complete(fn.apply(node));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    result.whenComplete(
        (r, e) -> {
          if (result.isCancelled()) {
            source.cancel(true);
          }
        });
    return result;
  }

  @Override
  public void ping() {
    await(send(McpMethods.PING, null, CallOptions.defaults(), false, true));
  }

  @Override
  public List<Tool> listTools() {
    List<Tool> all = new ArrayList<>();
    paginate(
        cursor -> {
          ListToolsResult page = listTools(cursor);
          all.addAll(page.tools());
          return page.nextCursor();
        },
        McpMethods.TOOLS_LIST);
    Set<String> names = new HashSet<>();
    all.forEach(t -> names.add(t.name()));
    knownTools.keySet().retainAll(names);
    return List.copyOf(all);
  }

  private void paginate(Function<String, String> fetchPage, String method) {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      cursor = fetchPage.apply(cursor);
      if (cursor == null) {
        return;
      }
      if (!seen.add(cursor)) {
        throw new McpProtocolException(
            remote, remote + " repeated the cursor '" + cursor + "' of " + method, null);
      }
    }
    throw new McpProtocolException(
        remote, remote + " gave more than " + MAX_PAGES + " pages of " + method, null);
  }

  @Override
  public ListToolsResult listTools(String cursor) {
    JsonNode r =
        await(
            send(
                McpMethods.TOOLS_LIST,
                McpJson.write(PaginatedRequestParams.after(cursor)),
                CallOptions.defaults(),
                false,
                true));
    ListToolsResult page = readResult(r, ListToolsResult.class, McpMethods.TOOLS_LIST);
    for (Tool tool : page.tools()) {
      knownTools.put(tool.name(), new KnownTool(tool));
    }
    return page;
  }

  @Override
  public CallToolResult callTool(CallToolRequestParams params, CallOptions options) {
    // The caller reads the result itself, on its own thread.
    JsonNode node = await(send(McpMethods.TOOLS_CALL, McpJson.write(params), options, false, true));
    return callToolResult(params.name(), node);
  }

  @Override
  public CompletableFuture<CallToolResult> callToolAsync(
      CallToolRequestParams params, CallOptions options) {
    return mapped(
        send(McpMethods.TOOLS_CALL, McpJson.write(params), options, false, false),
        node -> callToolResult(params.name(), node));
  }

  private CallToolResult callToolResult(String toolName, JsonNode node) {
    CallToolResult result = readResult(node, CallToolResult.class, McpMethods.TOOLS_CALL);
    ProtocolVersion v = version;
    if (v != null && !v.supportsStructuredContent()) {
      // structuredContent does not exist before 2025-06-18: do not trust it from such a peer.
      return result.structuredContent() == null
          ? result
          : new CallToolResult(result.content(), null, result.isError(), result.meta());
    }
    checkOutput(toolName, result);
    return result;
  }

  /** Checks a result against the outputSchema of the tool as last listed, if it declares one. */
  private void checkOutput(String toolName, CallToolResult result) {
    KnownTool known = knownTools.get(toolName);
    if (known == null || known.tool.outputSchema() == null || result.failed()) {
      return;
    }
    if (result.structuredContent() == null) {
      throw new McpToolOutputException(
          remote,
          toolName,
          "declares an outputSchema but returned no structuredContent",
          List.of(),
          null);
    }
    SchemaValidator validator;
    try {
      validator = known.outputValidator();
    } catch (IllegalArgumentException e) {
      throw new McpToolOutputException(
          remote,
          toolName,
          "declares an outputSchema this client cannot check, so its result is refused",
          List.of(e.getMessage()),
          e);
    }
    List<SchemaValidator.Violation> violations = validator.validate(result.structuredContent());
    if (!violations.isEmpty()) {
      throw new McpToolOutputException(
          remote,
          toolName,
          "returned structuredContent that breaks its outputSchema",
          violations.stream().map(SchemaValidator.Violation::toString).toList(),
          null);
    }
  }

  @Override
  public List<Resource> listResources() {
    List<Resource> all = new ArrayList<>();
    paginate(
        cursor -> {
          JsonNode r =
              await(
                  send(
                      McpMethods.RESOURCES_LIST,
                      McpJson.write(PaginatedRequestParams.after(cursor)),
                      CallOptions.defaults(),
                      false,
                      true));
          ListResourcesResult page =
              readResult(r, ListResourcesResult.class, McpMethods.RESOURCES_LIST);
          all.addAll(page.resources());
          return page.nextCursor();
        },
        McpMethods.RESOURCES_LIST);
    return List.copyOf(all);
  }

  @Override
  public ReadResourceResult readResource(String uri) {
    JsonNode r =
        await(
            send(
                McpMethods.RESOURCES_READ,
                McpJson.write(new ReadResourceRequestParams(uri, null)),
                CallOptions.defaults(),
                false,
                true));
    return readResult(r, ReadResourceResult.class, McpMethods.RESOURCES_READ);
  }

  @Override
  public List<Prompt> listPrompts() {
    List<Prompt> all = new ArrayList<>();
    paginate(
        cursor -> {
          JsonNode r =
              await(
                  send(
                      McpMethods.PROMPTS_LIST,
                      McpJson.write(PaginatedRequestParams.after(cursor)),
                      CallOptions.defaults(),
                      false,
                      true));
          ListPromptsResult page = readResult(r, ListPromptsResult.class, McpMethods.PROMPTS_LIST);
          all.addAll(page.prompts());
          return page.nextCursor();
        },
        McpMethods.PROMPTS_LIST);
    return List.copyOf(all);
  }

  @Override
  public GetPromptResult getPrompt(String promptName, Map<String, String> arguments) {
    JsonNode r =
        await(
            send(
                McpMethods.PROMPTS_GET,
                McpJson.write(new GetPromptRequestParams(promptName, arguments, null)),
                CallOptions.defaults(),
                false,
                true));
    return readResult(r, GetPromptResult.class, McpMethods.PROMPTS_GET);
  }

  @Override
  public void setLoggingLevel(LoggingLevel level) {
    await(
        send(
            McpMethods.LOGGING_SET_LEVEL,
            McpJson.write(new SetLevelRequestParams(level, null)),
            CallOptions.defaults(),
            false,
            true));
  }

  @Override
  public JsonNode request(String method, JsonNode params, CallOptions options) {
    return await(send(method, objectParams(method, params), options, false, true));
  }

  @Override
  public CompletableFuture<JsonNode> requestAsync(
      String method, JsonNode params, CallOptions options) {
    return send(method, objectParams(method, params), options, false, false);
  }

  private static ObjectNode objectParams(String method, JsonNode params) {
    if (params != null && !params.isObject()) {
      throw new CallerFaultException(
          "MCP_PARAMS_INVALID", "params of " + method + " must be a JSON object");
    }
    return (ObjectNode) params;
  }

  @Override
  public AutoCloseable onToolsListChanged(Runnable listener) {
    toolsChangedListeners.add(listener);
    return () -> toolsChangedListeners.remove(listener);
  }

  @Override
  public AutoCloseable onLoggingMessage(LoggingMessageListener listener) {
    loggingListeners.add(listener);
    return () -> loggingListeners.remove(listener);
  }

  // ---- inbound ----

  private void onCallbackThread(Runnable task) {
    callbackBacklog.incrementAndGet();
    try {
      callbacks.execute(
          () -> {
            try {
              task.run();
            } finally {
              callbackBacklog.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      callbackBacklog.decrementAndGet();
      log.debug("Client of {} is closed; dropping an inbound message", remote);
    }
  }

  private void handleInbound(JsonRpcMessage message) {
    if (message instanceof JsonRpcResponse response) {
      handleResponse(response);
    } else if (message instanceof JsonRpcRequest request) {
      answerServerRequest(request);
    } else {
      handleNotification((JsonRpcNotification) message);
    }
  }

  private void handleResponse(JsonRpcResponse response) {
    if (response.id() == null) {
      JsonRpcError error = ((JsonRpcErrorResponse) response).error();
      log.warn("{} could not read a message of ours: {} {}", remote, error.code(), error.message());
      return;
    }
    Pending entry = pending.get(response.id());
    if (entry == null) {
      log.debug("{} answered request {}, which is no longer pending", remote, response.id());
      return;
    }
    if (response instanceof JsonRpcSuccessResponse ok) {
      entry.future.complete(ok.result());
    } else {
      entry.future.completeExceptionally(
          new McpErrorException(
              remote, entry.request.method(), ((JsonRpcErrorResponse) response).error()));
    }
  }

  private void answerServerRequest(JsonRpcRequest request) {
    JsonRpcResponse answer;
    switch (request.method()) {
      case McpMethods.PING ->
          answer = new JsonRpcSuccessResponse(request.id(), JsonNodeFactory.instance.objectNode());
      case McpMethods.ROOTS_LIST -> {
        if (config.roots != null) {
          answer =
              new JsonRpcSuccessResponse(
                  request.id(), McpJson.write(new ListRootsResult(config.roots, null)));
        } else {
          answer = methodNotFound(request);
        }
      }
      case McpMethods.ELICITATION_CREATE -> {
        if (config.elicitation == null) {
          answer = methodNotFound(request);
        } else {
          answer = startElicitation(request);
          if (answer == null) {
            return; // answered later, from the handler's thread
          }
        }
      }
      default -> answer = methodNotFound(request);
    }
    answer(request, answer);
  }

  private void answer(JsonRpcRequest request, JsonRpcResponse answer) {
    try {
      transport.send(answer);
    } catch (RuntimeException e) {
      log.debug("Could not answer {} of {}: {}", request.method(), remote, e.toString());
    }
  }

  /**
   * Checks an {@code elicitation/create} and hands it to the handler's thread.
   *
   * @return an error to answer at once, or {@code null} when the handler will answer
   */
  private JsonRpcResponse startElicitation(JsonRpcRequest request) {
    ElicitRequestParams params;
    try {
      params =
          McpJson.read(
              request.params() == null ? JsonNodeFactory.instance.objectNode() : request.params(),
              ElicitRequestParams.class);
    } catch (McpSchemaException e) {
      return invalidParams(request, "Invalid params for elicitation/create: " + e.getMessage());
    }
    if (!params.isForm()) {
      return invalidParams(
          request, "This client supports form-mode elicitation only, not mode " + params.mode());
    }
    if (params.requestedSchema() == null) {
      return invalidParams(request, "elicitation/create in form mode needs a requestedSchema");
    }
    SchemaValidator validator;
    try {
      validator =
          SchemaValidator.compile("elicitation", "requestedSchema", params.requestedSchema());
    } catch (IllegalArgumentException e) {
      return invalidParams(request, e.getMessage());
    }
    ServerRequest pendingAnswer = new ServerRequest();
    if (serverRequests.putIfAbsent(request.id(), pendingAnswer) != null) {
      return invalidParams(request, "Request id " + request.id() + " is already in use");
    }
    try {
      pendingAnswer.future =
          elicitations.submit(() -> elicit(request, params, validator, pendingAnswer));
    } catch (RejectedExecutionException e) {
      serverRequests.remove(request.id(), pendingAnswer);
      return new JsonRpcErrorResponse(
          request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "The client is closing"));
    }
    return null;
  }

  private void elicit(
      JsonRpcRequest request,
      ElicitRequestParams params,
      SchemaValidator validator,
      ServerRequest pendingAnswer) {
    JsonRpcResponse answer;
    try {
      ElicitResult result = config.elicitation.elicit(params);
      answer = elicitationAnswer(request, params, validator, result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = internalError(request, "The elicitation was interrupted");
    } catch (Exception e) {
      if (!pendingAnswer.cancelled) {
        log.warn("The elicitation handler of the client of {} failed", remote, e);
      }
      answer = internalError(request, "The client could not ask the user: " + e.getMessage());
    }
    if (serverRequests.remove(request.id(), pendingAnswer) && !pendingAnswer.cancelled) {
      answer(request, answer);
    }
  }

  private JsonRpcResponse elicitationAnswer(
      JsonRpcRequest request,
      ElicitRequestParams params,
      SchemaValidator validator,
      ElicitResult result) {
    if (result == null) {
      log.warn("The elicitation handler of the client of {} returned null", remote);
      return internalError(request, "The client could not ask the user");
    }
    if (result.action() != ElicitResult.Action.ACCEPT) {
      return new JsonRpcSuccessResponse(
          request.id(), McpJson.write(new ElicitResult(result.action(), null, result.meta())));
    }
    ObjectNode content =
        result.content() == null
            ? JsonNodeFactory.instance.objectNode()
            : result.content().deepCopy();
    // SEP-1034: members the user left out take the schema's default.
    JsonNode properties = params.requestedSchema().path("properties");
    for (Map.Entry<String, JsonNode> member : properties.properties()) {
      JsonNode defaultValue = member.getValue().get("default");
      if (defaultValue != null && !content.has(member.getKey())) {
        content.set(member.getKey(), defaultValue.deepCopy());
      }
    }
    List<SchemaValidator.Violation> violations = validator.validate(content);
    if (!violations.isEmpty()) {
      log.warn(
          "The elicitation handler of the client of {} answered with content that breaks the"
              + " requestedSchema; not sent: {}",
          remote,
          violations);
      return internalError(
          request, "The user's answer does not satisfy the requestedSchema: " + violations);
    }
    return new JsonRpcSuccessResponse(
        request.id(),
        McpJson.write(new ElicitResult(ElicitResult.Action.ACCEPT, content, result.meta())));
  }

  private static JsonRpcErrorResponse invalidParams(JsonRpcRequest request, String message) {
    return new JsonRpcErrorResponse(
        request.id(), JsonRpcError.of(JsonRpcError.INVALID_PARAMS, message));
  }

  private static JsonRpcErrorResponse internalError(JsonRpcRequest request, String message) {
    return new JsonRpcErrorResponse(
        request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, message));
  }

  /** The server no longer wants the answer to one of its requests. */
  private void serverCancelled(JsonRpcNotification n) {
    if (n.params() == null) {
      return;
    }
    CancelledNotificationParams params =
        McpJson.read(n.params(), CancelledNotificationParams.class);
    if (params.requestId() == null) {
      return;
    }
    ServerRequest request = serverRequests.remove(params.requestId());
    if (request != null) {
      request.cancelled = true;
      Future<?> future = request.future;
      if (future != null) {
        future.cancel(true);
      }
      log.debug("{} cancelled its request {}: {}", remote, params.requestId(), params.reason());
    }
  }

  private static JsonRpcErrorResponse methodNotFound(JsonRpcRequest request) {
    return new JsonRpcErrorResponse(
        request.id(),
        JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method()));
  }

  private void handleNotification(JsonRpcNotification n) {
    try {
      switch (n.method()) {
        case McpMethods.NOTIFICATION_PROGRESS -> {
          ProgressNotificationParams p = McpJson.read(n.params(), ProgressNotificationParams.class);
          ProgressListener listener = progress.get(p.progressToken());
          if (listener != null) {
            listener.onProgress(p);
          }
        }
        case McpMethods.NOTIFICATION_MESSAGE -> {
          LoggingMessageNotificationParams m =
              McpJson.read(n.params(), LoggingMessageNotificationParams.class);
          logServerMessage(m);
          for (LoggingMessageListener l : loggingListeners) {
            l.onMessage(m);
          }
        }
        case McpMethods.NOTIFICATION_CANCELLED -> serverCancelled(n);
        case McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED -> {
          // The definitions may be stale now; results are checked again after the next listing.
          knownTools.clear();
          for (Runnable l : toolsChangedListeners) {
            l.run();
          }
        }
        default -> log.debug("{} sent {}; ignored", remote, n.method());
      }
    } catch (McpSchemaException e) {
      log.warn("{} sent a malformed {}: {}", remote, n.method(), e.getMessage());
    } catch (RuntimeException e) {
      log.warn("A listener for {} of {} failed", n.method(), remote, e);
    }
  }

  private void logServerMessage(LoggingMessageNotificationParams m) {
    String text = m.data().isString() ? m.data().stringValue() : m.data().toString();
    String logger = m.logger() == null ? "" : "[" + m.logger() + "] ";
    switch (m.level()) {
      case DEBUG -> serverLog.debug("{}{}", logger, text);
      case INFO, NOTICE -> serverLog.info("{}{}", logger, text);
      case WARNING -> serverLog.warn("{}{}", logger, text);
      default -> serverLog.error("{}{}", logger, text);
    }
  }

  private void recoverSession(JsonRpcId id) {
    Pending entry = pending.get(id);
    if (entry == null) {
      return;
    }
    if (entry.request.method().equals(McpMethods.INITIALIZE) || entry.resent) {
      fail(
          entry,
          new McpTransportException(
              "MCP_SESSION_EXPIRED", remote, remote + " ended the session again", true, null));
      return;
    }
    try {
      synchronized (connectLock) {
        if (transport.needsSession()) {
          log.info("{} ended the session; initializing a new one", remote);
          handshake();
        }
      }
    } catch (RuntimeException e) {
      fail(entry, e);
      return;
    }
    // The server refused the request unread (unknown session), so sending it again is safe.
    entry.resent = true;
    if (pending.get(id) == entry) {
      try {
        transport.send(entry.request);
      } catch (McpTransportException e) {
        fail(entry, e);
      }
    }
  }

  private void fail(Pending entry, Throwable cause) {
    if (pending.remove(entry.request.id(), entry)) {
      entry.future.completeExceptionally(cause);
    }
  }

  private final class TransportListener implements ClientTransport.Listener {
    @Override
    public void onMessage(JsonRpcMessage message) {
      if (message instanceof JsonRpcResponse response
          && response.id() != null
          && callbackBacklog.get() == 0) {
        Pending entry = pending.get(response.id());
        if (entry != null && entry.completeOnTransportThread) {
          // Nothing queued can come before it (a progress notification of the same request
          // would be in the queue), and only the client's own stages depend on the future.
          handleResponse(response);
          return;
        }
      }
      onCallbackThread(() -> handleInbound(message));
    }

    @Override
    public void onDecodeFailure(DecodeResult.Failure failure) {
      onCallbackThread(
          () -> {
            if (failure.looksLikeResponse() && failure.id() != null) {
              Pending entry = pending.get(failure.id());
              if (entry != null) {
                fail(
                    entry,
                    new McpProtocolException(
                        remote,
                        remote + " sent a malformed response: " + failure.error().message(),
                        null));
              }
            } else if (!failure.looksLikeResponse() && failure.id() != null) {
              try {
                transport.send(failure.toErrorResponse());
              } catch (RuntimeException e) {
                log.debug("Could not answer a malformed request of {}: {}", remote, e.toString());
              }
            } else {
              log.warn("{} sent a malformed message: {}", remote, failure.error().message());
            }
          });
    }

    @Override
    public void onRequestFailed(JsonRpcId id, McpTransportException cause) {
      onCallbackThread(
          () -> {
            Pending entry = pending.get(id);
            if (entry != null) {
              fail(entry, cause);
            }
          });
    }

    @Override
    public void onSessionExpired(JsonRpcId id) {
      recoveryThreads.newThread(() -> recoverSession(id)).start();
    }

    @Override
    public boolean isAwaiting(JsonRpcId id) {
      return pending.containsKey(id);
    }

    @Override
    public void onClosed(McpTransportException cause) {
      closedCause.compareAndSet(null, cause);
      Runnable failAll = () -> failAllPending(closedCause.get());
      try {
        // Behind the messages already queued, so responses that arrived are delivered first.
        callbacks.execute(failAll);
      } catch (RejectedExecutionException e) {
        failAll.run();
      }
      if (!cause.code().equals("MCP_CLOSED")) {
        log.warn("{}", cause.getMessage());
      }
    }
  }
}
