package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.policy.EmergencyStop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A kill switch in a file, which operators flip with {@code touch} and {@code rm}: engaged while
 * the file exists, unless its first line says {@code off}, {@code false}, {@code 0} or {@code
 * released} (any case), so a runbook can also write the state into it. A file that exists but
 * cannot be read counts as engaged (fail closed).
 *
 * <pre>{@code
 * EmergencyStop stop = new FileEmergencyStop(Path.of("/etc/playbooks/STOP"));
 * // $ echo "bad deploy, INC-42" > /etc/playbooks/STOP     -> engaged
 * // $ rm /etc/playbooks/STOP                              -> released
 * }</pre>
 *
 * <p>The file is read on every check (before every change), which is a small read of a local file.
 * Thread-safe.
 */
public final class FileEmergencyStop implements EmergencyStop {
  private static final Set<String> RELEASED = Set.of("off", "false", "0", "released");

  private final Path file;

  /** A stop engaged while {@code file} exists. */
  public FileEmergencyStop(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The file. */
  public Path file() {
    return file;
  }

  @Override
  public boolean engaged() {
    String first;
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      int nl = content.indexOf('\n');
      first = (nl < 0 ? content : content.substring(0, nl)).strip().toLowerCase(Locale.ROOT);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
    return !RELEASED.contains(first);
  }

  @Override
  public String name() {
    return "file " + file;
  }

  @Override
  public String toString() {
    return "FileEmergencyStop[" + file + "]";
  }
}
