import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Installs the third-party MCP peers (package.json and package-lock.json beside this file) with
 * {@code npm ci} into a directory under target, for the peer tests. The Maven build runs it as a
 * single-file program ({@code java InstallPeers.java <this directory> <target/peers>}) before the
 * tests, so it needs no compilation step and no other tool than the JDK and npm.
 *
 * <ul>
 *   <li>Up to date (the lockfile installed last time is the one here, and node_modules is there):
 *       nothing is done, so repeated builds stay fast.
 *   <li>No npm on the PATH, or npm ci fails: a message says the peer tests will be skipped, and the
 *       build goes on, unless the environment variable {@code PLAYBOOKS_REQUIRE_PEERS} is {@code
 *       true} (CI sets it): then the build fails here.
 * </ul>
 */
public final class InstallPeers {
  private static final String STAMP = ".installed-lock-sha256";

  private InstallPeers() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: java InstallPeers.java <peers source dir> <install dir>");
      System.exit(2);
    }
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    boolean required = "true".equalsIgnoreCase(System.getenv("PLAYBOOKS_REQUIRE_PEERS"));
    Path lock = source.resolve("package-lock.json");
    String lockHash = sha256(Files.readAllBytes(lock));
    Path stamp = target.resolve(STAMP);
    if (Files.isDirectory(target.resolve("node_modules"))
        && Files.isRegularFile(stamp)
        && Files.readString(stamp).strip().equals(lockHash)) {
      System.out.println("[peers] up to date in " + target + " (lockfile " + shortHash(lockHash) + ")");
      return;
    }
    Path npm = findOnPath(isWindows() ? List.of("npm.cmd", "npm.exe", "npm") : List.of("npm"));
    if (npm == null) {
      giveUp(required, "npm is not on the PATH");
      return;
    }
    Files.createDirectories(target);
    Files.deleteIfExists(stamp);
    Files.copy(source.resolve("package.json"), target.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(lock, target.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
    List<String> command =
        List.of(
            npm.toString(),
            "ci",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--loglevel=error");
    System.out.println("[peers] " + String.join(" ", command) + " in " + target);
    Process npmCi = new ProcessBuilder(command).directory(target.toFile()).inheritIO().start();
    int exit = npmCi.waitFor();
    if (exit != 0) {
      giveUp(required, "npm ci exited with code " + exit);
      return;
    }
    Files.writeString(stamp, lockHash + "\n");
    System.out.println("[peers] installed in " + target + " (lockfile " + shortHash(lockHash) + ")");
  }

  private static void giveUp(boolean required, String why) {
    if (required) {
      System.err.println(
          "[peers] " + why + ": PLAYBOOKS_REQUIRE_PEERS=true, so the build fails here.");
      System.exit(1);
    }
    System.out.println(
        "[peers] " + why + ": the tests against third-party MCP peers will be skipped."
            + " Install Node.js 20+ with npm to run them (CI requires them).");
  }

  private static Path findOnPath(List<String> names) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      for (String name : names) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String shortHash(String hash) {
    return hash.substring(0, 12);
  }
}
