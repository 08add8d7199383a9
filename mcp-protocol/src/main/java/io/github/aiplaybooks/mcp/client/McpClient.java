package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.McpErrorException;
import io.github.aiplaybooks.mcp.McpTimeoutException;
import io.github.aiplaybooks.mcp.McpTransportException;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import io.github.aiplaybooks.mcp.schema.CallToolRequestParams;
import io.github.aiplaybooks.mcp.schema.CallToolResult;
import io.github.aiplaybooks.mcp.schema.GetPromptResult;
import io.github.aiplaybooks.mcp.schema.Implementation;
import io.github.aiplaybooks.mcp.schema.InitializeResult;
import io.github.aiplaybooks.mcp.schema.ListToolsResult;
import io.github.aiplaybooks.mcp.schema.LoggingLevel;
import io.github.aiplaybooks.mcp.schema.Prompt;
import io.github.aiplaybooks.mcp.schema.ProtocolVersion;
import io.github.aiplaybooks.mcp.schema.ReadResourceResult;
import io.github.aiplaybooks.mcp.schema.Resource;
import io.github.aiplaybooks.mcp.schema.Root;
import io.github.aiplaybooks.mcp.schema.ServerCapabilities;
import io.github.aiplaybooks.mcp.schema.Tool;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of one MCP server, over stdio (a child process), Streamable HTTP or any pair of streams.
 *
 * <p>{@link #connect()} performs the handshake: {@code initialize} asking for {@link
 * ProtocolVersion#LATEST} (a server may answer with 2025-06-18, 2025-03-26 or 2024-11-05; any other
 * answer fails the connect with {@link io.github.aiplaybooks.mcp.McpProtocolException}), then
 * {@code notifications/initialized}. Requests are multiplexed by id, so many may be in flight from
 * many threads. Each request has a timeout (the client's default or {@link CallOptions}); when it
 * passes the client sends {@code notifications/cancelled} and the call fails with a retryable
 * {@link McpTimeoutException}. A JSON-RPC error from the server is an {@link McpErrorException}; a
 * dead process, lost connection or closed client an {@link McpTransportException}, which fails
 * every pending call. The client answers the server's {@code ping}, {@code roots/list} when roots
 * were configured and {@code elicitation/create} when an {@link ElicitationHandler} was; any other
 * server request gets {@code -32601}.
 *
 * <pre>{@code
 * try (McpClient client = McpClient.builder()
 *     .stdio(StdioServerCommand.builder("node").args("server.js", "stdio").build())
 *     .build()) {
 *   client.connect();
 *   List<Tool> tools = client.listTools();                 // every page
 *   CallToolResult r = client.callTool("echo", args);
 * }
 * }</pre>
 *
 * <p>Blocking methods must not be called from a listener (they run on the client's callback
 * thread); use the {@code ...Async} methods there. Implementations are thread-safe.
 */
public interface McpClient extends AutoCloseable {

  /**
   * A builder; choose a transport with {@code stdio}, {@code streamableHttp} or {@code streams}.
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Performs the handshake, once; later calls return the first result.
   *
   * @throws McpTransportException if the server cannot be started or reached
   * @throws McpErrorException if the server refuses {@code initialize}
   * @throws io.github.aiplaybooks.mcp.McpProtocolException if it answers a protocol revision this
   *     client does not speak
   */
  InitializeResult connect();

  /** The name used for this server in errors and logs ({@code mcp:<name>} is the remote). */
  String name();

  /**
   * The server's answer to {@code initialize}.
   *
   * @throws io.github.aiplaybooks.CallerFaultException (code {@code MCP_NOT_CONNECTED}) before
   *     {@link #connect()}
   */
  InitializeResult initializeResult();

  /** The negotiated revision (see {@link #initializeResult()}). */
  default ProtocolVersion protocolVersion() {
    return ProtocolVersion.parse(initializeResult().protocolVersion()).orElseThrow();
  }

  /** The server's capabilities (see {@link #initializeResult()}). */
  default ServerCapabilities serverCapabilities() {
    return initializeResult().capabilities();
  }

  /** The server's {@code serverInfo} (see {@link #initializeResult()}). */
  default Implementation serverInfo() {
    return initializeResult().serverInfo();
  }

  /** Sends {@code ping} and waits for the answer. */
  void ping();

  /** Every tool, following {@code nextCursor} across all pages. */
  List<Tool> listTools();

  /** One page of tools; {@code cursor} is {@code null} for the first. */
  ListToolsResult listTools(String cursor);

  /** Calls a tool with the client's default timeout. */
  default CallToolResult callTool(String name, ObjectNode arguments) {
    return callTool(CallToolRequestParams.of(name, arguments), CallOptions.defaults());
  }

  /**
   * Calls a tool.
   *
   * <p>When the tool's definition, as this client last listed it ({@link #listTools()}; a {@code
   * notifications/tools/list_changed} forgets the definitions until the next listing), declares an
   * {@code outputSchema}, a successful result must carry {@code structuredContent} that satisfies
   * it.
   *
   * @throws io.github.aiplaybooks.mcp.McpToolOutputException (code {@code MCP_TOOL_OUTPUT_INVALID},
   *     naming the tool) if it does not
   * @throws McpErrorException if the server answers with a JSON-RPC error
   * @throws McpTimeoutException if no answer comes in time (the call is then cancelled)
   */
  CallToolResult callTool(CallToolRequestParams params, CallOptions options);

  /**
   * Calls a tool without blocking, with the checks of {@link #callTool(CallToolRequestParams,
   * CallOptions)}. Cancelling the future sends {@code notifications/cancelled}. Dependent stages
   * run on the client's callback thread unless given an executor.
   */
  CompletableFuture<CallToolResult> callToolAsync(
      CallToolRequestParams params, CallOptions options);

  /** Every resource, across all pages. */
  List<Resource> listResources();

  /** Reads a resource. */
  ReadResourceResult readResource(String uri);

  /** Every prompt, across all pages. */
  List<Prompt> listPrompts();

  /** Gets a prompt with its arguments. */
  GetPromptResult getPrompt(String name, Map<String, String> arguments);

  /** Asks the server to send log messages at {@code level} and above. */
  void setLoggingLevel(LoggingLevel level);

  /**
   * Sends any request and returns its raw result, for methods this interface does not wrap (such as
   * the seed's {@code kubectl/get}).
   */
  JsonNode request(String method, JsonNode params, CallOptions options);

  /** Sends any request without blocking. */
  CompletableFuture<JsonNode> requestAsync(String method, JsonNode params, CallOptions options);

  /**
   * Calls {@code listener} on every {@code notifications/tools/list_changed}.
   *
   * @return closing it removes the listener
   */
  AutoCloseable onToolsListChanged(Runnable listener);

  /**
   * Calls {@code listener} on every {@code notifications/message}.
   *
   * @return closing it removes the listener
   */
  AutoCloseable onLoggingMessage(LoggingMessageListener listener);

  /** Whether the client is connected and not closed. */
  boolean isConnected();

  /**
   * Closes the connection: a stdio server's stdin is closed (then it is terminated if it does not
   * exit in its {@link StdioServerCommand#shutdownTimeout()}, and so is every process it started:
   * no process of the tree is left running), an HTTP session is ended with DELETE. Pending calls
   * fail with {@link McpTransportException} (code {@code MCP_CLOSED}).
   */
  @Override
  void close();

  /** Builds an {@link McpClient}. */
  final class Builder {
    String name;
    Implementation clientInfo = Implementation.of("ai-playbooks", "0.1.0");
    ProtocolVersion protocolVersion = ProtocolVersion.LATEST;
    Duration requestTimeout = Duration.ofSeconds(60);
    List<Root> roots;
    ElicitationHandler elicitation;
    int maxFrameBytes = JsonRpcCodec.DEFAULT_MAX_FRAME_BYTES;
    final List<LoggingMessageListener> loggingListeners = new ArrayList<>();
    final List<Runnable> toolsChangedListeners = new ArrayList<>();
    StdioServerCommand stdio;
    StreamableHttpOptions http;
    InputStream in;
    OutputStream out;

    private Builder() {}

    /** Talks to a server started as a child process. */
    public Builder stdio(StdioServerCommand command) {
      clearTransport();
      this.stdio = Objects.requireNonNull(command, "stdio");
      return this;
    }

    /** Talks Streamable HTTP to the MCP endpoint {@code endpoint}. */
    public Builder streamableHttp(URI endpoint) {
      return streamableHttp(StreamableHttpOptions.builder(endpoint).build());
    }

    /** Talks Streamable HTTP as {@code options} say. */
    public Builder streamableHttp(StreamableHttpOptions options) {
      clearTransport();
      this.http = Objects.requireNonNull(options, "streamableHttp");
      return this;
    }

    /**
     * Talks newline-delimited JSON over two streams (for example to a server in the same JVM);
     * {@code in} carries the server's messages, {@code out} takes the client's.
     */
    public Builder streams(InputStream in, OutputStream out) {
      clearTransport();
      this.in = Objects.requireNonNull(in, "in");
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    private void clearTransport() {
      stdio = null;
      http = null;
      in = null;
      out = null;
    }

    /** The name of the server in errors and logs (default: the command or host). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The {@code clientInfo} sent in {@code initialize}. */
    public Builder clientInfo(Implementation clientInfo) {
      this.clientInfo = Objects.requireNonNull(clientInfo, "clientInfo");
      return this;
    }

    /** The revision to ask for (default {@link ProtocolVersion#LATEST}). */
    public Builder protocolVersion(ProtocolVersion version) {
      this.protocolVersion = Objects.requireNonNull(version, "protocolVersion");
      return this;
    }

    /** The default timeout of every request (default 60 seconds). */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "requestTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /** Declares the {@code roots} capability and answers {@code roots/list} with these roots. */
    public Builder roots(List<Root> roots) {
      this.roots = List.copyOf(roots);
      return this;
    }

    /**
     * Declares the {@code elicitation} capability (form mode) and answers the server's {@code
     * elicitation/create} with {@code handler} (see {@link ElicitationHandler}).
     */
    public Builder onElicitation(ElicitationHandler handler) {
      this.elicitation = Objects.requireNonNull(handler, "elicitation handler");
      return this;
    }

    /** Frames longer than this are dropped (default 16 MiB). */
    public Builder maxFrameBytes(int maxFrameBytes) {
      JsonRpcCodec.builder().maxFrameBytes(maxFrameBytes);
      this.maxFrameBytes = maxFrameBytes;
      return this;
    }

    /** Adds a listener for the server's log messages. */
    public Builder onLoggingMessage(LoggingMessageListener listener) {
      loggingListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Adds a listener for {@code notifications/tools/list_changed}. */
    public Builder onToolsListChanged(Runnable listener) {
      toolsChangedListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The client, not yet connected.
     *
     * @throws IllegalStateException if no transport was chosen
     */
    public McpClient build() {
      if (stdio == null && http == null && in == null) {
        throw new IllegalStateException(
            "transport: choose one with stdio(..), streamableHttp(..) or streams(..)");
      }
      return new DefaultMcpClient(this);
    }

    /** Builds the client and connects it. */
    public McpClient connect() {
      McpClient client = build();
      try {
        client.connect();
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
      return client;
    }
  }
}
