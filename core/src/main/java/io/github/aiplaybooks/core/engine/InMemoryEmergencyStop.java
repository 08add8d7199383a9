package io.github.aiplaybooks.core.engine;

import io.github.aiplaybooks.core.policy.EmergencyStop;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A kill switch in memory, which the host flips at runtime: an operator's button, a signal handler,
 * a test.
 *
 * <pre>{@code
 * InMemoryEmergencyStop stop = new InMemoryEmergencyStop("operator");
 * PlaybookEngine engine = PlaybookEngine.builder()...emergencyStop(stop).build();
 * stop.engage("bad deploy in progress");   // every run stops before its next change
 * stop.release();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryEmergencyStop implements EmergencyStop {
  private final String name;
  private final AtomicReference<String> reason = new AtomicReference<>();

  /** A released stop called {@code name}. */
  public InMemoryEmergencyStop(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Engages the stop, saying why. */
  public void engage(String why) {
    reason.set(Objects.requireNonNull(why, "why"));
  }

  /** Releases the stop. */
  public void release() {
    reason.set(null);
  }

  @Override
  public boolean engaged() {
    return reason.get() != null;
  }

  @Override
  public String name() {
    String why = reason.get();
    return why == null ? name : name + " (" + why + ")";
  }

  @Override
  public String toString() {
    return "InMemoryEmergencyStop[" + name() + (engaged() ? ", engaged" : "") + "]";
  }
}
