package io.github.aiplaybooks.mcp.server;

import io.github.aiplaybooks.PlaybooksException;
import io.github.aiplaybooks.mcp.McpErrorException;
import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.McpTransportException;
import io.github.aiplaybooks.mcp.internal.SchemaValidator;
import io.github.aiplaybooks.mcp.jsonrpc.DecodeResult;
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
import io.github.aiplaybooks.mcp.schema.GetPromptRequestParams;
import io.github.aiplaybooks.mcp.schema.Implementation;
import io.github.aiplaybooks.mcp.schema.InitializeRequestParams;
import io.github.aiplaybooks.mcp.schema.InitializeResult;
import io.github.aiplaybooks.mcp.schema.ListPromptsResult;
import io.github.aiplaybooks.mcp.schema.ListResourcesResult;
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
import io.github.aiplaybooks.mcp.schema.Resource;
import io.github.aiplaybooks.mcp.schema.SetLevelRequestParams;
import io.github.aiplaybooks.mcp.schema.Tool;
import io.github.aiplaybooks.mcp.tool.ToolRef;
import io.github.aiplaybooks.mcp.tool.ToolRefException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client's session with an {@link McpServer}, over any transport.
 *
 * <p>{@link McpServer#connect(FrameSink)} makes one for a custom transport: feed it every frame the
 * client sends with {@link #receive(byte[])}; it writes its answers and notifications to the sink.
 * {@link McpServer#serveStdio} and the Streamable HTTP endpoint use the same class. Bad frames are
 * answered with the JSON-RPC error they deserve and the session stays usable; nothing a client
 * sends makes {@code receive} throw.
 *
 * <pre>{@code
 * McpServerConnection c = server.connect(frame -> socket.write(frame));
 * c.receive(bytesFromClient);
 * JsonNode roots = c.request("roots/list", null, Duration.ofSeconds(5)).join();
 * }</pre>
 */
public final class McpServerConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpServerConnection.class);
  private static final Pattern REVISION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Where a connection's messages go; {@code related} is the client request they belong to. */
  interface Outbound {
    void send(JsonRpcMessage message, JsonRpcId related) throws IOException;

    /** The request {@code id} ended without a response (it was cancelled). */
    default void abandoned(JsonRpcId id) {}

    /**
     * Whether the request {@code id} may run on the thread that delivered it: true when that thread
     * only waits for the one response anyway (an HTTP exchange answered with JSON), so handing the
     * work to the server's executor would only add two thread switches.
     */
    default boolean mayRunOnReceivingThread(JsonRpcId id) {
      return false;
    }
  }

  private enum State {
    NEW,
    OPEN,
    CLOSED
  }

  private final McpServer server;
  private final Outbound outbound;
  private final String sessionId;
  private final AtomicBoolean initializeSeen = new AtomicBoolean();
  private volatile State state = State.NEW;
  private volatile ProtocolVersion version = ProtocolVersion.LATEST;
  private volatile ClientCapabilities clientCapabilities;
  private volatile Implementation clientInfo;
  private volatile LoggingLevel logLevel = LoggingLevel.INFO;
  private final Map<JsonRpcId, InFlight> inFlight = new ConcurrentHashMap<>();
  private final Map<JsonRpcId, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();

  /**
   * A request being worked on. It is queued, then running, then done; a cancellation of a queued
   * request cleans up at once, one of a running request interrupts its thread and leaves the
   * clean-up to it, so it stays in flight (and its id in use) until its work returns.
   */
  private static final class InFlight {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DROPPED = 2;

    final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private Thread runner; // guarded by this
    volatile Future<?> future;

    /** Claims the work for the current thread; false if it was cancelled while queued. */
    boolean start() {
      if (!state.compareAndSet(QUEUED, RUNNING)) {
        return false;
      }
      synchronized (this) {
        runner = Thread.currentThread();
      }
      return true;
    }

    /** Ends the run; no interrupt of this request reaches the thread after it. */
    void finish() {
      synchronized (this) {
        runner = null;
      }
      // An interrupt meant for this request must not leak into the thread's next work.
      Thread.interrupted();
    }

    /** Drops the work if still queued; otherwise interrupts it. Returns whether it was queued. */
    boolean dropOrInterrupt() {
      if (state.compareAndSet(QUEUED, DROPPED)) {
        return true;
      }
      synchronized (this) {
        if (runner != null) {
          runner.interrupt();
        }
      }
      return false;
    }
  }

  McpServerConnection(McpServer server, Outbound outbound, String sessionId) {
    this.server = server;
    this.outbound = outbound;
    this.sessionId = sessionId;
  }

  /** The HTTP session id, or empty for a stream connection. */
  public Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  /** The negotiated protocol revision, once {@code initialize} was answered. */
  public Optional<ProtocolVersion> protocolVersion() {
    return initializeSeen.get() ? Optional.of(version) : Optional.empty();
  }

  /** The client's {@code clientInfo}, once it initialized. */
  public Optional<Implementation> clientInfo() {
    return Optional.ofNullable(clientInfo);
  }

  /** The client's capabilities, once it initialized. */
  public Optional<ClientCapabilities> clientCapabilities() {
    return Optional.ofNullable(clientCapabilities);
  }

  /** Whether the session has not been closed. */
  public boolean isOpen() {
    return state != State.CLOSED;
  }

  /** How many client requests are being worked on now. */
  public int requestsInFlight() {
    return inFlight.size();
  }

  /** Reads one frame from the client and answers it. Never throws for bad input. */
  public void receive(byte[] frame) {
    receive(server.codec().decode(frame));
  }

  /** Handles the result of decoding one frame. */
  void receive(DecodeResult decoded) {
    if (decoded instanceof DecodeResult.Failure failure) {
      if (failure.looksLikeResponse()) {
        log.debug("Dropping a malformed response from the client: {}", failure.error().message());
        if (failure.id() != null) {
          failPending(failure.id(), failure.error());
        }
      } else {
        send(failure.toErrorResponse(), failure.id());
      }
      return;
    }
    receive(((DecodeResult.Decoded) decoded).message());
  }

  /** Handles one decoded message from the client. Never throws for bad input. */
  public void receive(JsonRpcMessage message) {
    if (state == State.CLOSED) {
      if (message instanceof JsonRpcRequest r) {
        send(error(r.id(), JsonRpcError.INVALID_REQUEST, "Session is closed"), r.id());
      }
      return;
    }
    try {
      if (message instanceof JsonRpcRequest request) {
        handleRequest(request);
      } else if (message instanceof JsonRpcNotification notification) {
        handleNotification(notification);
      } else {
        handleResponse((JsonRpcResponse) message);
      }
    } catch (RuntimeException e) {
      // A bug here must not kill the transport's reader: answer what can be answered.
      log.error("Failed to handle {}", message, e);
      if (message instanceof JsonRpcRequest r) {
        send(error(r.id(), JsonRpcError.INTERNAL_ERROR, "Internal error"), r.id());
      }
    }
  }

  private void handleRequest(JsonRpcRequest request) {
    String method = request.method();
    if (request.params() != null && !request.params().isObject()) {
      reply(
          request,
          error(request.id(), JsonRpcError.INVALID_PARAMS, "MCP params must be an object"));
      return;
    }
    if (method.equals(McpMethods.INITIALIZE)) {
      initialize(request);
      return;
    }
    if (method.equals(McpMethods.PING)) {
      reply(request, success(request.id(), NODES.objectNode()));
      return;
    }
    if (!initializeSeen.get()) {
      reply(
          request,
          error(
              request.id(),
              JsonRpcError.INVALID_REQUEST,
              "Session not initialized: send initialize before " + method));
      return;
    }
    if (inFlight.containsKey(request.id())) {
      reply(
          request,
          error(
              request.id(),
              JsonRpcError.INVALID_REQUEST,
              "Request id " + request.id() + " is already in use by a request in progress"));
      return;
    }
    try {
      switch (method) {
        case McpMethods.TOOLS_LIST -> reply(request, success(request.id(), listTools(request)));
        case McpMethods.TOOLS_CALL -> {
          CallToolRequestParams params = read(request, CallToolRequestParams.class);
          callTool(request, params.name(), params.arguments(), params.meta());
        }
        case McpMethods.LOGGING_SET_LEVEL -> {
          logLevel = read(request, SetLevelRequestParams.class).level();
          reply(request, success(request.id(), NODES.objectNode()));
        }
        case McpMethods.RESOURCES_LIST -> {
          List<Resource> all = server.resourceList();
          reply(request, success(request.id(), page(request, all, ListResourcesResult::new)));
        }
        case McpMethods.RESOURCES_READ -> readResource(request);
        case McpMethods.PROMPTS_LIST -> {
          List<Prompt> all = server.promptList();
          reply(request, success(request.id(), page(request, all, ListPromptsResult::new)));
        }
        case McpMethods.PROMPTS_GET -> getPrompt(request);
        default -> seedMethodOrNotFound(request);
      }
    } catch (InvalidParams e) {
      reply(request, error(request.id(), JsonRpcError.INVALID_PARAMS, e.getMessage(), e.data));
    }
  }

  /** A request whose params are not what its method needs. */
  private static final class InvalidParams extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient JsonNode data;

    InvalidParams(String message, JsonNode data) {
      super(message, null, false, false);
      this.data = data;
    }
  }

  private static <T> T read(JsonRpcRequest request, Class<T> type) {
    JsonNode params = request.params() == null ? NODES.objectNode() : request.params();
    try {
      return McpJson.read(params, type);
    } catch (McpSchemaException e) {
      throw new InvalidParams(
          "Invalid params for " + request.method() + ": " + e.getMessage(), null);
    }
  }

  private void initialize(JsonRpcRequest request) {
    InitializeRequestParams params;
    try {
      params = read(request, InitializeRequestParams.class);
    } catch (InvalidParams e) {
      reply(request, error(request.id(), JsonRpcError.INVALID_PARAMS, e.getMessage()));
      return;
    }
    Optional<ProtocolVersion> chosen = server.negotiate(params.protocolVersion());
    if (chosen.isEmpty() && !REVISION.matcher(params.protocolVersion()).matches()) {
      ObjectNode data = NODES.objectNode();
      data.putArray("supported")
          .addAll(server.supportedVersionIds().stream().map(NODES::stringNode).toList());
      data.put("requested", params.protocolVersion());
      reply(
          request,
          error(request.id(), JsonRpcError.INVALID_PARAMS, "Unsupported protocol version", data));
      return;
    }
    if (!initializeSeen.compareAndSet(false, true)) {
      reply(
          request,
          error(request.id(), JsonRpcError.INVALID_REQUEST, "Session is already initialized"));
      return;
    }
    // A revision we do not speak but that looks like one: answer with our newest, as the spec says.
    version = chosen.orElse(server.latestSupported());
    clientCapabilities = params.capabilities();
    clientInfo = params.clientInfo();
    InitializeResult result =
        new InitializeResult(
            version.id(), server.capabilities(), server.serverInfo(), server.instructions(), null);
    reply(request, success(request.id(), McpJson.write(result)));
  }

  private ObjectNode listTools(JsonRpcRequest request) {
    List<Tool> all = server.toolList();
    return page(
        request,
        all.stream().map(t -> VersionAdapter.tool(t, version)).toList(),
        ListToolsResult::new);
  }

  @FunctionalInterface
  private interface PageMaker<T> {
    Object make(List<T> items, String nextCursor, ObjectNode meta);
  }

  private <T> ObjectNode page(JsonRpcRequest request, List<T> all, PageMaker<T> maker) {
    String cursor = read(request, PaginatedRequestParams.class).cursor();
    int from = 0;
    if (cursor != null) {
      from = decodeCursor(cursor);
      if (from < 0 || from > all.size()) {
        throw new InvalidParams("Invalid cursor: " + cursor, null);
      }
    }
    int to = Math.min(all.size(), from + server.pageSize());
    String next = to < all.size() ? encodeCursor(to) : null;
    return McpJson.write(maker.make(all.subList(from, to), next, null));
  }

  private static String encodeCursor(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      return text.startsWith("o:") ? Integer.parseInt(text.substring(2)) : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private void seedMethodOrNotFound(JsonRpcRequest request) {
    if (server.seedMethodCompatibility() && !McpMethods.isMcpMethod(request.method())) {
      try {
        ToolRef ref = ToolRef.of(request.method(), (ObjectNode) request.params());
        if (ref.form() == ToolRef.Form.METHOD && server.toolRegistration(ref.name()) != null) {
          callTool(request, ref.name(), ref.arguments(), null);
          return;
        }
      } catch (ToolRefException e) {
        // Not a seed method either: fall through to "method not found".
      }
    }
    reply(
        request,
        error(
            request.id(), JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method()));
  }

  private void callTool(
      JsonRpcRequest request, String name, ObjectNode arguments, ObjectNode meta) {
    McpServer.ToolRegistration reg = server.toolRegistration(name);
    if (reg == null) {
      reply(request, error(request.id(), JsonRpcError.INVALID_PARAMS, "Unknown tool: " + name));
      return;
    }
    ObjectNode args = arguments == null ? NODES.objectNode() : arguments;
    List<SchemaValidator.Violation> violations = reg.input().validate(args);
    if (!violations.isEmpty()) {
      reply(request, invalidArguments(request.id(), name, violations));
      return;
    }
    JsonRpcId progressToken = progressToken(meta);
    InFlight flight = new InFlight();
    if (inFlight.putIfAbsent(request.id(), flight) != null) {
      reply(
          request,
          error(
              request.id(),
              JsonRpcError.INVALID_REQUEST,
              "Request id " + request.id() + " is in use"));
      return;
    }
    Invocation invocation =
        new Invocation(reg.tool(), args, meta, request.id(), progressToken, flight);
    dispatch(request, flight, () -> runTool(request, reg, invocation, flight));
  }

  @FunctionalInterface
  private interface Work {
    JsonRpcResponse run();
  }

  /**
   * Runs a request's work: on this thread when the transport allows it and a handler slot is free,
   * else on the server's executor.
   */
  private void dispatch(JsonRpcRequest request, InFlight flight, Work work) {
    if (outbound.mayRunOnReceivingThread(request.id()) && server.tryTakeHandlerSlot()) {
      try {
        runAndReply(request, flight, work);
      } finally {
        server.releaseHandlerSlot();
      }
      return;
    }
    try {
      flight.future =
          server
              .executor()
              .submit(
                  () -> {
                    if (!server.takeHandlerSlot()) {
                      // Interrupted while waiting for a slot: the server is closing.
                      inFlight.remove(request.id(), flight);
                      return;
                    }
                    try {
                      runAndReply(request, flight, work);
                    } finally {
                      server.releaseHandlerSlot();
                    }
                  });
    } catch (RejectedExecutionException e) {
      inFlight.remove(request.id(), flight);
      reply(
          request,
          error(
              request.id(),
              JsonRpcError.INTERNAL_ERROR,
              "Server busy: too many requests in progress, try again later"));
    }
  }

  private void runAndReply(JsonRpcRequest request, InFlight flight, Work work) {
    if (!flight.start()) {
      return; // cancelled while queued; cancel() cleaned up
    }
    JsonRpcResponse response;
    try {
      response = work.run();
    } finally {
      inFlight.remove(request.id(), flight);
      flight.finish();
    }
    // A cancelled request is not answered (the spec says SHOULD NOT).
    if (!flight.cancelled.get()) {
      reply(request, response);
    } else {
      outbound.abandoned(request.id());
    }
  }

  private static JsonRpcErrorResponse invalidArguments(
      JsonRpcId id, String tool, List<SchemaValidator.Violation> violations) {
    ObjectNode data = NODES.objectNode();
    data.put("tool", tool);
    var errors = data.putArray("errors");
    StringBuilder message =
        new StringBuilder("Invalid arguments for tool ").append(tool).append(": ");
    for (int i = 0; i < violations.size(); i++) {
      SchemaValidator.Violation v = violations.get(i);
      errors
          .addObject()
          .put("pointer", v.pointer())
          .put("keyword", v.keyword())
          .put("message", v.message());
      if (i > 0) {
        message.append("; ");
      }
      message
          .append(v.pointer().isEmpty() ? "(arguments)" : v.pointer())
          .append(": ")
          .append(v.message());
    }
    return new JsonRpcErrorResponse(
        id, JsonRpcError.of(JsonRpcError.INVALID_PARAMS, message.toString(), data));
  }

  private JsonRpcResponse runTool(
      JsonRpcRequest request,
      McpServer.ToolRegistration reg,
      Invocation invocation,
      InFlight flight) {
    String name = reg.tool().name();
    try {
      CallToolResult result = reg.handler().call(invocation);
      return toolResponse(request.id(), reg, result);
    } catch (McpErrorException e) {
      return new JsonRpcErrorResponse(request.id(), e.error());
    } catch (PlaybooksException e) {
      return success(request.id(), McpJson.write(CallToolResult.error(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(request.id(), JsonRpcError.INTERNAL_ERROR, "Tool " + name + " was interrupted");
    } catch (Exception | StackOverflowError | AssertionError | LinkageError e) {
      if (!flight.cancelled.get()) {
        log.error("Tool {} failed", name, e);
      }
      return error(request.id(), JsonRpcError.INTERNAL_ERROR, "Internal error in tool " + name);
    }
  }

  private JsonRpcResponse toolResponse(
      JsonRpcId id, McpServer.ToolRegistration reg, CallToolResult result) {
    String name = reg.tool().name();
    if (result == null) {
      log.error("Tool {} returned null", name);
      return error(id, JsonRpcError.INTERNAL_ERROR, "Internal error in tool " + name);
    }
    if (reg.output() != null && !result.failed()) {
      if (result.structuredContent() == null) {
        log.error("Tool {} declares an outputSchema but returned no structuredContent", name);
        return error(id, JsonRpcError.INTERNAL_ERROR, "Internal error in tool " + name);
      }
      List<SchemaValidator.Violation> violations =
          reg.output().validate(result.structuredContent());
      if (!violations.isEmpty()) {
        log.error(
            "Tool {} returned structuredContent that breaks its outputSchema: {}",
            name,
            violations);
        return error(id, JsonRpcError.INTERNAL_ERROR, "Internal error in tool " + name);
      }
    }
    return success(id, McpJson.write(VersionAdapter.result(result, version)));
  }

  private void readResource(JsonRpcRequest request) {
    String uri = read(request, ReadResourceRequestParams.class).uri();
    McpServer.ResourceRegistration reg = server.resourceRegistration(uri);
    if (reg == null) {
      ObjectNode data = NODES.objectNode().put("uri", uri);
      // -32002 is the code the resources page of the spec gives for "resource not found".
      reply(request, error(request.id(), -32002, "Resource not found", data));
      return;
    }
    submit(request, () -> McpJson.write(reg.handler().read(uri)));
  }

  private void getPrompt(JsonRpcRequest request) {
    GetPromptRequestParams params = read(request, GetPromptRequestParams.class);
    McpServer.PromptRegistration reg = server.promptRegistration(params.name());
    if (reg == null) {
      reply(
          request,
          error(request.id(), JsonRpcError.INVALID_PARAMS, "Unknown prompt: " + params.name()));
      return;
    }
    Map<String, String> args = params.arguments() == null ? Map.of() : params.arguments();
    if (reg.prompt().arguments() != null) {
      for (var argument : reg.prompt().arguments()) {
        if (Boolean.TRUE.equals(argument.required()) && !args.containsKey(argument.name())) {
          reply(
              request,
              error(
                  request.id(),
                  JsonRpcError.INVALID_PARAMS,
                  "Missing required argument '"
                      + argument.name()
                      + "' of prompt "
                      + params.name()));
          return;
        }
      }
    }
    submit(request, () -> McpJson.write(reg.handler().get(args)));
  }

  @FunctionalInterface
  private interface Result {
    JsonNode get() throws Exception;
  }

  private void submit(JsonRpcRequest request, Result result) {
    InFlight flight = new InFlight();
    if (inFlight.putIfAbsent(request.id(), flight) != null) {
      reply(
          request,
          error(
              request.id(),
              JsonRpcError.INVALID_REQUEST,
              "Request id " + request.id() + " is in use"));
      return;
    }
    dispatch(
        request,
        flight,
        () -> {
          try {
            return success(request.id(), result.get());
          } catch (McpErrorException e) {
            return new JsonRpcErrorResponse(request.id(), e.error());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(request.id(), JsonRpcError.INTERNAL_ERROR, "Interrupted");
          } catch (Exception | StackOverflowError | AssertionError e) {
            if (!flight.cancelled.get()) {
              log.error("{} failed", request.method(), e);
            }
            return error(request.id(), JsonRpcError.INTERNAL_ERROR, "Internal error");
          }
        });
  }

  private void handleNotification(JsonRpcNotification notification) {
    switch (notification.method()) {
      case McpMethods.NOTIFICATION_INITIALIZED -> state = State.OPEN;
      case McpMethods.NOTIFICATION_CANCELLED -> {
        if (notification.params() == null) {
          return;
        }
        CancelledNotificationParams params;
        try {
          params = McpJson.read(notification.params(), CancelledNotificationParams.class);
        } catch (McpSchemaException e) {
          log.debug("Ignoring a malformed cancellation: {}", e.getMessage());
          return;
        }
        if (params.requestId() != null) {
          cancel(params.requestId(), params.reason());
        }
      }
      default -> log.debug("Ignoring notification {}", notification.method());
    }
  }

  private void cancel(JsonRpcId id, String reason) {
    InFlight flight = inFlight.get(id);
    if (flight == null) {
      return;
    }
    log.debug("Client cancelled request {}: {}", id, reason);
    flight.cancelled.set(true);
    if (flight.dropOrInterrupt()) {
      // Cancelled while queued: its work will never run, so nothing else will clean up.
      Future<?> future = flight.future;
      if (future != null) {
        future.cancel(false);
      }
      inFlight.remove(id, flight);
      outbound.abandoned(id);
    }
  }

  private void handleResponse(JsonRpcResponse response) {
    if (response.id() == null) {
      log.debug("Client sent an error without id: {}", response);
      return;
    }
    CompletableFuture<JsonNode> future = pending.remove(response.id());
    if (future == null) {
      log.debug("Dropping a response to unknown request {}", response.id());
      return;
    }
    if (response instanceof JsonRpcSuccessResponse ok) {
      future.complete(ok.result());
    } else {
      future.completeExceptionally(
          new McpErrorException(
              remote(), "request " + response.id(), ((JsonRpcErrorResponse) response).error()));
    }
  }

  private void failPending(JsonRpcId id, JsonRpcError error) {
    CompletableFuture<JsonNode> future = pending.remove(id);
    if (future != null) {
      future.completeExceptionally(new McpErrorException(remote(), "request " + id, error));
    }
  }

  private String remote() {
    Implementation info = clientInfo;
    return "mcp-client:" + (info == null ? "unknown" : info.name());
  }

  /**
   * Sends a request to the client, such as {@code ping} or {@code roots/list}.
   *
   * @return the result; fails with {@link McpErrorException} when the client answers with an error,
   *     {@link McpTimeoutException} when it does not answer in time, {@link McpTransportException}
   *     when the session closes first
   */
  public CompletableFuture<JsonNode> request(String method, JsonNode params, Duration timeout) {
    return request(method, params, timeout, null);
  }

  CompletableFuture<JsonNode> request(
      String method, JsonNode params, Duration timeout, JsonRpcId related) {
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    if (state == State.CLOSED) {
      future.completeExceptionally(closedException());
      return future;
    }
    JsonRpcId id = JsonRpcId.of("s-" + nextId.incrementAndGet());
    pending.put(id, future);
    ScheduledFuture<?> timer =
        server
            .scheduler()
            .schedule(
                () -> {
                  if (pending.remove(id, future)) {
                    send(
                        new JsonRpcNotification(
                            McpMethods.NOTIFICATION_CANCELLED,
                            McpJson.write(new CancelledNotificationParams(id, "timeout", null))),
                        related);
                    future.completeExceptionally(
                        new McpTimeoutException(remote(), method, timeout));
                  }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    future.whenComplete((r, e) -> timer.cancel(false));
    send(new JsonRpcRequest(id, method, params), related);
    return future;
  }

  /** Sends a notification to the client. */
  public void notify(String method, JsonNode params) {
    send(new JsonRpcNotification(method, params), null);
  }

  void notifyIfInitialized(String method) {
    if (initializeSeen.get() && state != State.CLOSED) {
      notify(method, null);
    }
  }

  private McpTransportException closedException() {
    return new McpTransportException(
        "MCP_CLOSED", remote(), "The session with " + remote() + " is closed", false, null);
  }

  /** Closes the session: running requests are cancelled and pending requests to the client fail. */
  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    for (JsonRpcId id : new ArrayList<>(inFlight.keySet())) {
      cancel(id, "session closed");
    }
    for (JsonRpcId id : new ArrayList<>(pending.keySet())) {
      CompletableFuture<JsonNode> f = pending.remove(id);
      if (f != null) {
        f.completeExceptionally(closedException());
      }
    }
    server.forget(this);
  }

  private void reply(JsonRpcRequest request, JsonRpcResponse response) {
    send(response, request.id());
  }

  private void send(JsonRpcMessage message, JsonRpcId related) {
    try {
      outbound.send(message, related);
    } catch (IOException | RuntimeException e) {
      log.debug("Could not send to {}: {}", remote(), e.toString());
      if (e instanceof IOException) {
        close();
      }
    }
  }

  private static JsonRpcSuccessResponse success(JsonRpcId id, JsonNode result) {
    return new JsonRpcSuccessResponse(id, result);
  }

  private static JsonRpcErrorResponse error(JsonRpcId id, int code, String message) {
    return new JsonRpcErrorResponse(id, JsonRpcError.of(code, message));
  }

  private static JsonRpcErrorResponse error(JsonRpcId id, int code, String message, JsonNode data) {
    return new JsonRpcErrorResponse(id, JsonRpcError.of(code, message, data));
  }

  private static JsonRpcId progressToken(ObjectNode meta) {
    return meta == null ? null : JsonRpcId.fromJson(meta.get("progressToken"));
  }

  /** What a handler sees of its call. */
  private final class Invocation implements ToolInvocation {
    private final Tool tool;
    private final ObjectNode arguments;
    private final ObjectNode meta;
    private final JsonRpcId requestId;
    private final JsonRpcId progressToken;
    private final InFlight flight;

    Invocation(
        Tool tool,
        ObjectNode arguments,
        ObjectNode meta,
        JsonRpcId requestId,
        JsonRpcId progressToken,
        InFlight flight) {
      this.tool = tool;
      this.arguments = arguments;
      this.meta = meta;
      this.requestId = requestId;
      this.progressToken = progressToken;
      this.flight = flight;
    }

    @Override
    public Tool tool() {
      return tool;
    }

    @Override
    public ObjectNode arguments() {
      return arguments.deepCopy();
    }

    @Override
    public ObjectNode meta() {
      return meta == null ? null : meta.deepCopy();
    }

    @Override
    public ProtocolVersion protocolVersion() {
      return version;
    }

    @Override
    public void progress(double progress, Double total, String message) {
      if (progressToken == null || flight.cancelled.get()) {
        return;
      }
      ProgressNotificationParams params =
          new ProgressNotificationParams(progressToken, progress, total, message, null);
      send(
          new JsonRpcNotification(McpMethods.NOTIFICATION_PROGRESS, McpJson.write(params)),
          requestId);
    }

    @Override
    public boolean isCancelled() {
      return flight.cancelled.get();
    }

    @Override
    public JsonNode requestClient(String method, JsonNode params, Duration timeout)
        throws InterruptedException {
      CompletableFuture<JsonNode> future = request(method, params, timeout, requestId);
      try {
        return future.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      }
    }

    @Override
    public void log(LoggingLevel level, String logger, JsonNode data) {
      if (!level.isAtLeast(logLevel)) {
        return;
      }
      LoggingMessageNotificationParams params =
          new LoggingMessageNotificationParams(level, logger, data, null);
      send(
          new JsonRpcNotification(McpMethods.NOTIFICATION_MESSAGE, McpJson.write(params)),
          requestId);
    }
  }
}
