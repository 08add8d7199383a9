package io.github.aiplaybooks.mcp.client;

import io.github.aiplaybooks.mcp.McpTransportException;
import io.github.aiplaybooks.mcp.internal.BoundedLineReader;
import io.github.aiplaybooks.mcp.internal.DaemonThreads;
import io.github.aiplaybooks.mcp.jsonrpc.DecodeResult;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcCodec;
import io.github.aiplaybooks.mcp.jsonrpc.JsonRpcMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdio transport: newline-delimited JSON over a child process's stdin and stdout (its stderr
 * goes to the log), or over any pair of streams.
 */
final class StreamTransport implements ClientTransport {
  private static final Logger log = LoggerFactory.getLogger(StreamTransport.class);
  private static final int MAX_STDERR_LINE = 8192;
  private static final Duration KILL_GRACE = Duration.ofSeconds(2);

  private final StdioServerCommand command;
  private final String name;
  private final JsonRpcCodec codec;
  private final Object writeLock = new Object();
  private InputStream in;
  private OutputStream out;
  private Process process;
  private Listener listener;
  private volatile boolean closing;

  private StreamTransport(
      StdioServerCommand command,
      InputStream in,
      OutputStream out,
      String name,
      JsonRpcCodec codec) {
    this.command = command;
    this.in = in;
    this.out = out;
    this.name = name;
    this.codec = codec;
  }

  static StreamTransport forProcess(StdioServerCommand command, String name, JsonRpcCodec codec) {
    return new StreamTransport(command, null, null, name, codec);
  }

  static StreamTransport forStreams(
      InputStream in, OutputStream out, String name, JsonRpcCodec codec) {
    return new StreamTransport(null, in, out, name, codec);
  }

  @Override
  public String describe() {
    return name;
  }

  private String remote() {
    return "mcp:" + name;
  }

  @Override
  public void start(Listener listener) {
    this.listener = listener;
    if (command != null) {
      ProcessBuilder pb = new ProcessBuilder(command.commandLine());
      Map<String, String> env = pb.environment();
      if (!command.inheritEnvironment()) {
        env.clear();
      }
      env.putAll(command.env());
      if (command.workingDirectory() != null) {
        pb.directory(command.workingDirectory().toFile());
      }
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new McpTransportException(
            "MCP_PROCESS_START_FAILED",
            remote(),
            "Cannot start MCP server process '" + command + "': " + e.getMessage(),
            false,
            e);
      }
      in = process.getInputStream();
      out = process.getOutputStream();
      Thread stderr =
          new DaemonThreads("mcp-stderr-" + name)
              .newThread(() -> pumpStderr(process.getErrorStream()));
      stderr.start();
    }
    new DaemonThreads("mcp-reader-" + name).newThread(this::readLoop).start();
  }

  private void readLoop() {
    BoundedLineReader reader = new BoundedLineReader(in, codec.maxFrameBytes());
    IOException failure = null;
    try {
      BoundedLineReader.Line line;
      while ((line = reader.next()) != null) {
        if (line.oversized()) {
          log.warn(
              "{} sent a frame of {} bytes, over the limit of {}; dropped",
              remote(),
              line.length(),
              codec.maxFrameBytes());
          continue;
        }
        if (line.bytes().length == 0) {
          continue;
        }
        DecodeResult decoded = codec.decode(line.bytes());
        if (decoded instanceof DecodeResult.Decoded d) {
          listener.onMessage(d.message());
        } else {
          listener.onDecodeFailure((DecodeResult.Failure) decoded);
        }
      }
    } catch (IOException e) {
      failure = e;
    }
    listener.onClosed(endedException(failure));
  }

  private McpTransportException endedException(IOException failure) {
    if (closing) {
      return new McpTransportException(
          "MCP_CLOSED", remote(), "The client closed its connection to " + remote(), false, null);
    }
    if (process != null) {
      try {
        if (process.waitFor(2, TimeUnit.SECONDS)) {
          return new McpTransportException(
              "MCP_PROCESS_EXITED",
              remote(),
              "MCP server process '"
                  + command
                  + "' (pid "
                  + process.pid()
                  + ") exited with code "
                  + process.exitValue(),
              true,
              failure);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new McpTransportException(
          "MCP_PROCESS_EXITED",
          remote(),
          "MCP server process '" + command + "' (pid " + process.pid() + ") closed its stdout",
          true,
          failure);
    }
    return new McpTransportException(
        "MCP_CONNECTION_FAILED",
        remote(),
        "The input stream from "
            + remote()
            + " ended"
            + (failure == null ? "" : ": " + failure.getMessage()),
        true,
        failure);
  }

  private void pumpStderr(InputStream err) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      Logger serverLog = LoggerFactory.getLogger("io.github.aiplaybooks.mcp.server-stderr." + name);
      String line;
      while ((line = r.readLine()) != null) {
        if (line.length() > MAX_STDERR_LINE) {
          line = line.substring(0, MAX_STDERR_LINE) + "...";
        }
        serverLog.info("{}", line);
      }
    } catch (IOException e) {
      log.debug("stderr of {} ended: {}", remote(), e.toString());
    }
  }

  @Override
  public void send(JsonRpcMessage message) {
    byte[] frame = codec.encode(message);
    synchronized (writeLock) {
      try {
        out.write(frame);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new McpTransportException(
            process != null ? "MCP_PROCESS_EXITED" : "MCP_CONNECTION_FAILED",
            remote(),
            "Cannot write to " + remote() + ": " + e.getMessage(),
            true,
            e);
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    // Taken before stdin closes: once the server exits, its children are no longer its
    // descendants, and a wrapper (sh, npx, uvx) may leave one behind that ignores stdin.
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    if (process != null) {
      process.descendants().forEach(tree::add);
    }
    try {
      synchronized (writeLock) {
        out.close();
      }
    } catch (IOException e) {
      log.debug("Closing the output to {}: {}", remote(), e.toString());
    }
    if (process == null) {
      try {
        in.close();
      } catch (IOException e) {
        log.debug("Closing the input from {}: {}", remote(), e.toString());
      }
      return;
    }
    // The spec's shutdown: close stdin, wait, then SIGTERM, then SIGKILL; for the whole tree.
    try {
      if (!process.waitFor(command.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(tree::add);
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      }
      endLeftovers(tree);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }

  /** Ends what the server's process tree left running: SIGTERM, then SIGKILL after a grace. */
  private void endLeftovers(Set<ProcessHandle> tree) throws InterruptedException {
    List<ProcessHandle> alive = tree.stream().filter(ProcessHandle::isAlive).toList();
    if (alive.isEmpty()) {
      return;
    }
    log.debug("{} left {} processes running; ending them", remote(), alive.size());
    alive.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    for (ProcessHandle p : alive) {
      long left = deadline - System.nanoTime();
      try {
        p.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        p.destroyForcibly();
      }
    }
  }
}
