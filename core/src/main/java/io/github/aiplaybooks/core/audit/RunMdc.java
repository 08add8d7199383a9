package io.github.aiplaybooks.core.audit;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Puts a run id in the SLF4J MDC under {@value #KEY} for a block of code, and restores what was
 * there before when closed, so every log line of a run can be found by its id. The MDC is per
 * thread: use {@link #wrap(Runnable)} or {@link #wrap(Executor)} to carry the run id to the threads
 * that run a step's parallel work.
 *
 * <pre>{@code
 * try (RunMdc mdc = RunMdc.open(runId)) {
 *   log.info("classifying");                       // carries run_id
 *   executor = RunMdc.wrap(executor);              // tasks carry it too
 * }
 * }</pre>
 */
public final class RunMdc implements AutoCloseable {
  /** The MDC key: {@code run_id}. */
  public static final String KEY = "run_id";

  private final String previous;
  private final Thread owner;
  private boolean closed;

  private RunMdc(String runId) {
    this.previous = MDC.get(KEY);
    this.owner = Thread.currentThread();
    MDC.put(KEY, runId);
  }

  /** Puts {@code runId} in this thread's MDC until {@link #close()}. */
  public static RunMdc open(String runId) {
    Objects.requireNonNull(runId, "runId");
    return new RunMdc(runId);
  }

  /** The run id in this thread's MDC, or {@code null}. */
  public static String current() {
    return MDC.get(KEY);
  }

  /** Restores the MDC value that was there before {@link #open}. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "RunMdc must be closed on the thread that opened it (" + owner.getName() + ")");
    }
    closed = true;
    restore(previous);
  }

  /** {@code task}, run with the caller's current run id (if any) in the MDC of its thread. */
  public static Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    String runId = current();
    return () -> {
      String before = MDC.get(KEY);
      put(runId);
      try {
        task.run();
      } finally {
        restore(before);
      }
    };
  }

  /** {@code task}, called with the caller's current run id (if any) in the MDC of its thread. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    String runId = current();
    return () -> {
      String before = MDC.get(KEY);
      put(runId);
      try {
        return task.call();
      } finally {
        restore(before);
      }
    };
  }

  /**
   * An executor that runs each task with the run id that was current when the task was submitted.
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return task -> executor.execute(wrap(task));
  }

  private static void put(String runId) {
    if (runId == null) {
      MDC.remove(KEY);
    } else {
      MDC.put(KEY, runId);
    }
  }

  private static void restore(String value) {
    put(value);
  }
}
