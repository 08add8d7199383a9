package io.github.aiplaybooks.core.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: how the engine waits (approval deadlines, verification polling)
 * without reading the system clock. The testkit's {@code FakeScheduler} moves a fake clock instead
 * of sleeping, so tests of timeouts take no time.
 *
 * <pre>{@code
 * Scheduler real = Scheduler.of(Executors.newSingleThreadScheduledExecutor());
 * }</pre>
 *
 * <p>Tasks must be quick (they complete futures); implementations must be thread-safe.
 */
@FunctionalInterface
public interface Scheduler {

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run; does nothing otherwise. */
    void cancel();
  }

  /** Runs {@code task} once, after {@code delay}. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduler on {@code service}, which the caller keeps and shuts down. */
  static Scheduler of(ScheduledExecutorService service) {
    Objects.requireNonNull(service, "service");
    return (delay, task) -> {
      ScheduledFuture<?> f =
          service.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }
}
