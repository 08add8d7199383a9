package io.github.aiplaybooks.mcp.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an MCP server as a child process for the stdio transport.
 *
 * <pre>{@code
 * StdioServerCommand cmd = StdioServerCommand.builder("node")
 *     .args("node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio")
 *     .env("LOG_LEVEL", "debug")
 *     .workingDirectory(Path.of("/opt/mcp"))
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} shows the command line but never environment values, which may hold
 * secrets.
 */
public final class StdioServerCommand {
  private final String command;
  private final List<String> args;
  private final Map<String, String> env;
  private final boolean inheritEnvironment;
  private final Path workingDirectory;
  private final Duration shutdownTimeout;

  private StdioServerCommand(Builder b) {
    this.command = b.command;
    this.args = List.copyOf(b.args);
    this.env = Map.copyOf(b.env);
    this.inheritEnvironment = b.inheritEnvironment;
    this.workingDirectory = b.workingDirectory;
    this.shutdownTimeout = b.shutdownTimeout;
  }

  /** A builder for {@code command}. */
  public static Builder builder(String command) {
    return new Builder(command);
  }

  /** A builder holding this command. */
  public Builder toBuilder() {
    Builder b = new Builder(command);
    b.args.addAll(args);
    b.env.putAll(env);
    b.inheritEnvironment = inheritEnvironment;
    b.workingDirectory = workingDirectory;
    b.shutdownTimeout = shutdownTimeout;
    return b;
  }

  /** The executable. */
  public String command() {
    return command;
  }

  /** Its arguments. */
  public List<String> args() {
    return args;
  }

  /** Environment variables set for the process (on top of this JVM's when inherited). */
  public Map<String, String> env() {
    return env;
  }

  /** Whether the process starts with this JVM's environment. */
  public boolean inheritEnvironment() {
    return inheritEnvironment;
  }

  /** The working directory, or {@code null} for this JVM's. */
  public Path workingDirectory() {
    return workingDirectory;
  }

  /** How long to wait for the process to exit after its stdin is closed, before terminating it. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** The command line: the command and its arguments. */
  public List<String> commandLine() {
    List<String> line = new ArrayList<>();
    line.add(command);
    line.addAll(args);
    return List.copyOf(line);
  }

  @Override
  public String toString() {
    return String.join(" ", commandLine());
  }

  /** Builds a {@link StdioServerCommand}. */
  public static final class Builder {
    private final String command;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean inheritEnvironment = true;
    private Path workingDirectory;
    private Duration shutdownTimeout = Duration.ofSeconds(2);

    private Builder(String command) {
      Objects.requireNonNull(command, "command");
      if (command.isBlank()) {
        throw new IllegalArgumentException("command must not be blank");
      }
      this.command = command;
    }

    /** Appends arguments. */
    public Builder args(String... args) {
      for (String a : args) {
        this.args.add(Objects.requireNonNull(a, "args"));
      }
      return this;
    }

    /** Appends arguments. */
    public Builder args(List<String> args) {
      return args(args.toArray(String[]::new));
    }

    /** Sets an environment variable. */
    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name, "env name"), Objects.requireNonNull(value, "env value"));
      return this;
    }

    /** Whether to start from this JVM's environment (default true). */
    public Builder inheritEnvironment(boolean inherit) {
      this.inheritEnvironment = inherit;
      return this;
    }

    /** Sets the working directory. */
    public Builder workingDirectory(Path dir) {
      this.workingDirectory = dir;
      return this;
    }

    /** How long to wait for a clean exit on close (default 2 seconds). */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + timeout);
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /** The command. */
    public StdioServerCommand build() {
      return new StdioServerCommand(this);
    }
  }
}
