package io.github.aiplaybooks.mcp.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.aiplaybooks.mcp.internal.DaemonThreads;
import io.github.aiplaybooks.mcp.jsonrpc.DecodeResult;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcError;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcErrorResponse;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcId;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcMessage;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcRequest;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcResponse;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcSuccessResponse;
import io.github.aiplaybooks.mcp.schema.McpMethods;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Streamable HTTP endpoint of an {@link McpServer}, made by {@link
 * McpServer#startHttp(int)}.
 *
 * <p>It follows the transport of revision 2025-11-25: every client message is a POST to {@link
 * #endpoint()} with {@code Accept: application/json, text/event-stream}; a request is answered with
 * one JSON body or an SSE stream (see {@link HttpServerOptions.ResponseMode}); a notification or
 * response with {@code 202}. {@code initialize} opens a session whose id comes back in {@code
 * Mcp-Session-Id}; later requests without it get {@code 400}, with an unknown one {@code 404}. A
 * GET opens the session's stream for server-initiated messages; DELETE ends the session. A foreign
 * {@code Origin} or {@code Host} gets {@code 403}; an unsupported {@code MCP-Protocol-Version}
 * {@code 400}.
 *
 * <p>Loading this class sets the system property {@code sun.net.httpserver.nodelay} to {@code true}
 * unless it is set already: without it every response of the JDK's HTTP server on a keep-alive
 * connection waits about 40 ms for a delayed ACK. The JDK reads the property once, so an
 * application that started a {@code com.sun.net.httpserver.HttpServer} before this class loaded
 * should set it itself at start-up.
 *
 * <pre>{@code
 * try (McpHttpServer http = server.startHttp(0)) {
 *   McpClient client = McpClient.builder().streamableHttp(http.endpoint()).build();
 * }
 * }</pre>
 */
public final class McpHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpHttpServer.class);
  private static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final String VERSION_HEADER = "MCP-Protocol-Version";
  private static final Set<String> LOOPBACK_HOSTS =
      Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /** Marks the end of a stream; compared by identity, never sent. */
  private static final JsonRpcMessage END =
      new JsonRpcSuccessResponse(
          JsonRpcId.of("end-of-stream"), tools.jackson.databind.node.NullNode.getInstance());

  /** Wakes a superseded GET stream's handler so it ends; compared by identity, never sent. */
  private static final JsonRpcMessage TAKEN_OVER =
      new JsonRpcSuccessResponse(
          JsonRpcId.of("stream-taken-over"), tools.jackson.databind.node.NullNode.getInstance());

  /**
   * The JDK server writes a response's headers and its body as two packets; with Nagle's algorithm
   * on, the body waits for the client's delayed ACK of the headers, about 40 ms on every request of
   * a keep-alive connection (the MCP client's usual case). This property turns Nagle off on the
   * server's connections; the JDK reads it once, when its server classes load.
   */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  private static final long KEEP_ALIVE_MILLIS = 15_000;
  private static final int STANDALONE_BACKLOG = 256;

  private final McpServer server;
  private final HttpServerOptions options;
  private final HttpServer http;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService sweeper;
  private final JsonRpcCodec codec;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean closed;

  private McpHttpServer(McpServer server, HttpServerOptions options) throws IOException {
    this.server = server;
    this.options = options;
    this.codec = server.codec();
    this.http = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 0);
    this.pool =
        new ThreadPoolExecutor(
            options.maxThreads(),
            options.maxThreads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new DaemonThreads("mcp-http-" + server.serverInfo().name()));
    pool.allowCoreThreadTimeOut(true);
    http.setExecutor(pool);
    http.createContext("/", this::handle);
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            new DaemonThreads("mcp-http-" + server.serverInfo().name() + "-sweeper"));
    long period = Math.max(1_000, Math.min(60_000, options.sessionIdleTimeout().toMillis() / 2));
    sweeper.scheduleAtFixedRate(this::closeIdleSessions, period, period, TimeUnit.MILLISECONDS);
  }

  static McpHttpServer start(McpServer server, HttpServerOptions options) {
    try {
      McpHttpServer s = new McpHttpServer(server, options);
      s.http.start();
      log.info(
          "MCP server {} serves Streamable HTTP at {}", server.serverInfo().name(), s.endpoint());
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot serve MCP over HTTP on "
              + options.bindAddress().getHostAddress()
              + ":"
              + options.port(),
          e);
    }
  }

  /** The bound address (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** The URL of the MCP endpoint, such as {@code http://127.0.0.1:41234/mcp}. */
  public URI endpoint() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + options.path());
  }

  /** The ids of the open sessions. */
  public Set<String> sessionIds() {
    return Set.copyOf(sessions.keySet());
  }

  /**
   * Ends a session as if its idle time had run out: later requests with its id get {@code 404}.
   *
   * @return whether there was such a session
   */
  public boolean closeSession(String sessionId) {
    Session s = sessions.remove(sessionId);
    if (s == null) {
      return false;
    }
    s.close();
    return true;
  }

  /** Stops serving and closes every session. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (String id : Set.copyOf(sessions.keySet())) {
      closeSession(id);
    }
    sweeper.shutdownNow();
    http.stop(0);
    pool.shutdownNow();
    server.forget(this);
  }

  private boolean isIdle(Session s) {
    Instant cutoff = options.clock().instant().minus(options.sessionIdleTimeout());
    return s.requestStreams.isEmpty()
        && s.openGetStreams.get() == 0
        && s.lastActivity.isBefore(cutoff);
  }

  private void closeIdleSessions() {
    for (Session s : sessions.values()) {
      if (isIdle(s)) {
        log.debug("Closing idle MCP session {}", s.id);
        closeSession(s.id);
      }
    }
  }

  /** One session: the MCP connection and the HTTP streams its messages travel on. */
  private final class Session implements McpServerConnection.Outbound {
    final String id;
    final McpServerConnection connection;
    final Map<JsonRpcId, RequestStream> requestStreams = new ConcurrentHashMap<>();

    /**
     * Messages for the GET stream. They wait here while no GET stream is open (a client opens it
     * just after initializing), up to a bound beyond which they are dropped.
     */
    final LinkedBlockingDeque<JsonRpcMessage> standalone =
        new LinkedBlockingDeque<>(STANDALONE_BACKLOG);

    /**
     * The newest GET stream. A client that lost its stream opens another; the newest takes over,
     * and an older one's handler ends without taking a message.
     */
    final java.util.concurrent.atomic.AtomicLong getStreamGeneration =
        new java.util.concurrent.atomic.AtomicLong();

    final java.util.concurrent.atomic.AtomicInteger openGetStreams =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile Instant lastActivity;

    Session(String id) {
      this.id = id;
      this.lastActivity = options.clock().instant();
      this.connection = server.open(this, id);
    }

    @Override
    public void send(JsonRpcMessage message, JsonRpcId related) {
      if (message instanceof JsonRpcResponse r && r.id() != null) {
        RequestStream stream = requestStreams.get(r.id());
        if (stream != null) {
          stream.queue.add(message);
          return;
        }
      } else if (related != null) {
        RequestStream stream = requestStreams.get(related);
        if (stream != null && stream.sse) {
          stream.queue.add(message);
          return;
        }
      }
      if (!standalone.offer(message)) {
        log.debug("Session {} has no open stream and a full backlog; dropping {}", id, message);
      }
    }

    @Override
    public boolean mayRunOnReceivingThread(JsonRpcId requestId) {
      // A request answered with one JSON body: its exchange thread only waits for the response.
      RequestStream stream = requestStreams.get(requestId);
      return stream != null && !stream.sse;
    }

    @Override
    public void abandoned(JsonRpcId requestId) {
      RequestStream stream = requestStreams.get(requestId);
      if (stream != null) {
        stream.queue.add(END);
      }
    }

    void close() {
      connection.close();
      for (RequestStream stream : requestStreams.values()) {
        stream.queue.add(END);
      }
      standalone.clear();
      standalone.offer(END);
    }
  }

  private record RequestStream(BlockingQueue<JsonRpcMessage> queue, boolean sse) {}

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String problem = checkOriginAndHost(exchange.getRequestHeaders());
      if (problem != null) {
        sendError(exchange, 403, null, JsonRpcError.INVALID_REQUEST, problem);
        return;
      }
      if (!exchange.getRequestURI().getPath().equals(options.path())) {
        sendText(exchange, 404, "Not found: the MCP endpoint is " + options.path());
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "POST" -> post(exchange);
        case "GET" -> get(exchange);
        case "DELETE" -> delete(exchange);
        default -> {
          exchange.getResponseHeaders().set("Allow", "GET, POST, DELETE");
          sendText(exchange, 405, "Method not allowed");
        }
      }
    } catch (IOException e) {
      log.debug("HTTP exchange ended: {}", e.toString());
    } catch (RuntimeException e) {
      log.error("HTTP exchange failed", e);
    }
  }

  private String checkOriginAndHost(Headers headers) {
    String origin = headers.getFirst("Origin");
    if (origin != null && !originAllowed(origin.toLowerCase(Locale.ROOT))) {
      return "Origin " + origin + " is not allowed";
    }
    String host = headers.getFirst("Host");
    if (host != null && !hostAllowed(host.toLowerCase(Locale.ROOT))) {
      return "Host " + host + " is not allowed";
    }
    return null;
  }

  private boolean originAllowed(String origin) {
    if (options.allowedOrigins().contains(origin)) {
      return true;
    }
    try {
      URI uri = URI.create(origin);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && LOOPBACK_HOSTS.contains(uri.getHost());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean hostAllowed(String hostHeader) {
    String host = hostHeader;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      host = close < 0 ? host : host.substring(0, close + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (!options.allowedHosts().isEmpty()) {
      return options.allowedHosts().contains(host);
    }
    if (!options.bindAddress().isLoopbackAddress()) {
      return true;
    }
    return LOOPBACK_HOSTS.contains(host);
  }

  private void post(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String accept =
        String.join(",", headers.getOrDefault("Accept", java.util.List.of()))
            .toLowerCase(Locale.ROOT);
    if (!(accepts(accept, "application/json") && accepts(accept, "text/event-stream"))) {
      sendError(
          exchange,
          406,
          null,
          JsonRpcError.INVALID_REQUEST,
          "Accept must list application/json and text/event-stream");
      return;
    }
    String contentType = headers.getFirst("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      sendError(
          exchange,
          415,
          null,
          JsonRpcError.INVALID_REQUEST,
          "Content-Type must be application/json");
      return;
    }
    byte[] body = readBody(exchange);
    if (body == null) {
      sendError(
          exchange,
          413,
          null,
          JsonRpcError.PARSE_ERROR,
          "Body larger than " + codec.maxFrameBytes() + " bytes refused");
      return;
    }
    DecodeResult decoded = codec.decode(body);
    if (decoded instanceof DecodeResult.Failure f) {
      sendJson(exchange, 400, codec.encode(f.toErrorResponse()), null);
      return;
    }
    JsonRpcMessage message = ((DecodeResult.Decoded) decoded).message();
    if (message instanceof JsonRpcRequest r && r.method().equals(McpMethods.INITIALIZE)) {
      initialize(exchange, r);
      return;
    }
    Session session = session(exchange);
    if (session == null) {
      return;
    }
    String version = headers.getFirst(VERSION_HEADER);
    if (version != null && !server.supports(version)) {
      sendError(
          exchange,
          400,
          message instanceof JsonRpcRequest r ? r.id() : null,
          JsonRpcError.INVALID_REQUEST,
          "Unsupported " + VERSION_HEADER + ": " + version);
      return;
    }
    session.lastActivity = options.clock().instant();
    if (!(message instanceof JsonRpcRequest request)) {
      session.connection.receive(message);
      exchange.sendResponseHeaders(202, -1);
      return;
    }
    boolean sse =
        switch (options.responseMode()) {
          case SSE -> true;
          case JSON -> false;
          case AUTO -> hasProgressToken(request);
        };
    RequestStream stream = new RequestStream(new LinkedBlockingQueue<>(), sse);
    if (session.requestStreams.putIfAbsent(request.id(), stream) != null) {
      sendError(
          exchange,
          400,
          request.id(),
          JsonRpcError.INVALID_REQUEST,
          "Request id " + request.id() + " is already in use");
      return;
    }
    // Done once, before the answer goes out: the client may send its next request the moment it
    // reads the answer, and that request must find this one finished (its id free, the session
    // idle since the answer, not since whenever this thread got to run again).
    AtomicBoolean done = new AtomicBoolean();
    Runnable finished =
        () -> {
          if (done.compareAndSet(false, true)) {
            session.requestStreams.remove(request.id(), stream);
            session.lastActivity = options.clock().instant();
          }
        };
    try {
      session.connection.receive(message);
      if (sse) {
        streamUntilResponse(exchange, stream, finished);
      } else {
        JsonRpcMessage response = awaitResponse(stream);
        finished.run();
        if (response == END) {
          exchange.sendResponseHeaders(204, -1);
        } else {
          sendJson(exchange, 200, codec.encode(response), null);
        }
      }
    } finally {
      finished.run();
    }
  }

  private static boolean accepts(String accept, String type) {
    return accept.contains(type) || accept.contains("*/*");
  }

  private static boolean hasProgressToken(JsonRpcRequest request) {
    return request.params() != null && request.params().path("_meta").has("progressToken");
  }

  private void initialize(HttpExchange exchange, JsonRpcRequest request) throws IOException {
    if (sessions.size() >= options.maxSessions()) {
      sendError(exchange, 503, request.id(), JsonRpcError.INTERNAL_ERROR, "Too many sessions");
      return;
    }
    String id = newSessionId();
    Session session = new Session(id);
    RequestStream stream = new RequestStream(new LinkedBlockingQueue<>(), false);
    session.requestStreams.put(request.id(), stream);
    session.connection.receive(request);
    JsonRpcMessage response = awaitResponse(stream);
    session.requestStreams.remove(request.id());
    if (response instanceof JsonRpcSuccessResponse) {
      sessions.put(id, session);
      sendJson(exchange, 200, codec.encode(response), id);
    } else {
      session.connection.close();
      sendJson(exchange, 200, codec.encode(response), null);
    }
  }

  private String newSessionId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private Session session(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
    if (id == null) {
      sendError(
          exchange,
          400,
          null,
          JsonRpcError.INVALID_REQUEST,
          "Missing " + SESSION_HEADER + " header");
      return null;
    }
    Session session = sessions.get(id);
    if (session != null && isIdle(session)) {
      // Expire on access too, so expiry follows the injected clock, not the sweeper's schedule.
      closeSession(id);
      session = null;
    }
    if (session == null) {
      sendError(
          exchange, 404, null, JsonRpcError.INVALID_REQUEST, "Session not found: initialize again");
      return null;
    }
    return session;
  }

  private JsonRpcMessage awaitResponse(RequestStream stream) {
    try {
      while (true) {
        JsonRpcMessage m = stream.queue.take();
        if (m == END || m instanceof JsonRpcResponse) {
          return m;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return END;
    }
  }

  /** Streams the request's messages until its response; runs {@code finished} before that. */
  private void streamUntilResponse(HttpExchange exchange, RequestStream stream, Runnable finished)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      while (true) {
        JsonRpcMessage m = stream.queue.take();
        if (m == END) {
          return;
        }
        if (m instanceof JsonRpcResponse) {
          finished.run();
          writeEvent(out, m);
          return;
        }
        writeEvent(out, m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeEvent(OutputStream out, JsonRpcMessage message) throws IOException {
    out.write("event: message\ndata: ".getBytes(StandardCharsets.UTF_8));
    out.write(codec.encode(message));
    out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void get(HttpExchange exchange) throws IOException {
    String accept =
        String.join(",", exchange.getRequestHeaders().getOrDefault("Accept", java.util.List.of()));
    if (!accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
      sendText(exchange, 406, "Accept must list text/event-stream");
      return;
    }
    Session session = session(exchange);
    if (session == null) {
      return;
    }
    LinkedBlockingDeque<JsonRpcMessage> queue = session.standalone;
    long generation = session.getStreamGeneration.incrementAndGet();
    session.openGetStreams.incrementAndGet();
    if (generation > 1) {
      // Wake an older stream's handler waiting for a message, so it ends now and takes none.
      queue.offerFirst(TAKEN_OVER);
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.flush();
      while (!closed
          && session.connection.isOpen()
          && session.getStreamGeneration.get() == generation) {
        JsonRpcMessage m = queue.poll(KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
        if (m == TAKEN_OVER) {
          continue; // meant for an older stream, which has ended; the loop checks whose turn it is
        }
        if (m != null && session.getStreamGeneration.get() != generation) {
          requeue(queue, m, session); // a newer stream took over while this one waited
          return;
        }
        if (m == END) {
          return;
        }
        if (m == null) {
          // A comment line: keeps proxies from timing out and finds a vanished client.
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
        } else {
          try {
            writeEvent(out, m);
          } catch (IOException e) {
            requeue(queue, m, session); // the client went away: the next GET stream gets it
            throw e;
          }
        }
        session.lastActivity = options.clock().instant();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      session.openGetStreams.decrementAndGet();
    }
  }

  /** Puts {@code m} back at the head of the GET stream's queue, for the next stream to send. */
  private static void requeue(
      LinkedBlockingDeque<JsonRpcMessage> queue, JsonRpcMessage m, Session s) {
    if (!queue.offerFirst(m)) {
      log.debug("Session {} has a full backlog; dropping {}", s.id, m);
    }
  }

  private void delete(HttpExchange exchange) throws IOException {
    Session session = session(exchange);
    if (session == null) {
      return;
    }
    closeSession(session.id);
    exchange.sendResponseHeaders(200, -1);
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    int max = codec.maxFrameBytes();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    InputStream in = exchange.getRequestBody();
    if (length != null) {
      long announced;
      try {
        announced = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        return null;
      }
      if (announced < 0 || announced > max) {
        return null;
      }
      // The usual case: read exactly the announced bytes into one array.
      return in.readNBytes((int) announced);
    }
    byte[] body = in.readNBytes(max + 1);
    return body.length > max ? null : body;
  }

  private void sendError(HttpExchange exchange, int status, JsonRpcId id, int code, String message)
      throws IOException {
    sendJson(
        exchange,
        status,
        codec.encode(new JsonRpcErrorResponse(id, JsonRpcError.of(code, message))),
        null);
  }

  private static void sendJson(HttpExchange exchange, int status, byte[] body, String sessionId)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (sessionId != null) {
      exchange.getResponseHeaders().set(SESSION_HEADER, sessionId);
    }
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
