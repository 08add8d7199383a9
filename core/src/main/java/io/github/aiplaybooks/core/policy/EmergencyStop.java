package io.github.aiplaybooks.core.policy;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A kill switch: while any emergency stop of a {@link PolicyEngine} is engaged, the engine refuses
 * every action that is not {@link Effect#READ}. The policy's {@code emergency_stop} is one source;
 * add others (a file, a flag in a shared store, an operator's button) with {@link
 * PolicyEngine.Builder#emergencyStop(EmergencyStop)}.
 *
 * <pre>{@code
 * AtomicBoolean stop = new AtomicBoolean();
 * PolicyEngine engine = PolicyEngine.builder(policy)
 *     .emergencyStop(EmergencyStop.of("operator switch", stop::get))
 *     .build();
 * stop.set(true);   // from now on only READ actions are allowed
 * }</pre>
 *
 * <p>{@link #engaged()} is called on every decision, from any thread: it must be fast and
 * thread-safe. If it throws, the engine treats the stop as engaged (fail closed).
 */
public interface EmergencyStop {

  /** Whether the stop is engaged now. */
  boolean engaged();

  /** A name for reasons and logs, such as {@code policy emergency_stop}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** A stop named {@code name} that is engaged whenever {@code engaged} says so. */
  static EmergencyStop of(String name, BooleanSupplier engaged) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(engaged, "engaged");
    return new EmergencyStop() {
      @Override
      public boolean engaged() {
        return engaged.getAsBoolean();
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String toString() {
        return "EmergencyStop[" + name + "]";
      }
    };
  }
}
