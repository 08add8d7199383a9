package io.github.aiplaybooks.mcp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer process a test started (a server on a port): its output goes to a log file, and {@link
 * #close()} ends it with its whole process tree, also when the test failed.
 */
public final class PeerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private PeerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code builder}'s command, its stdout and stderr going to {@code log}. */
  public static PeerProcess start(String name, ProcessBuilder builder, Path log) {
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      return new PeerProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start peer " + name + ": " + builder.command(), e);
    }
  }

  /** A port that was free on 127.0.0.1 a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    }
  }

  /**
   * Waits until something accepts connections on {@code 127.0.0.1:port}.
   *
   * @throws IllegalStateException naming the log if the process exits or {@code timeout} passes
   */
  public PeerProcess awaitPort(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Peer " + name + " exited with code " + process.exitValue() + ": " + logTail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return this;
      } catch (IOException e) {
        sleep(50);
      }
    }
    throw new IllegalStateException(
        "Peer " + name + " did not listen on port " + port + " in " + timeout + ": " + logTail());
  }

  /**
   * Waits for the process to exit.
   *
   * @return its exit code, or -1 if it did not exit in time (it is then ended with its tree)
   */
  public int waitFor(long timeout, TimeUnit unit) {
    try {
      if (process.waitFor(timeout, unit)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    return -1;
  }

  /** The last lines of the peer's output, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The peer's whole output so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the process and every process it started. */
  @Override
  public void close() {
    destroyTree(process.toHandle());
  }

  /** Ends {@code root} and its descendants: SIGTERM, then SIGKILL for what is left after 5 s. */
  public static void destroyTree(ProcessHandle root) {
    List<ProcessHandle> tree =
        java.util.stream.Stream.concat(root.descendants(), java.util.stream.Stream.of(root))
            .toList();
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
