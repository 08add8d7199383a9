package io.github.aiplaybooks.testkit;

import io.github.aiplaybooks.core.engine.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Scheduler} on a {@link FakeClock}: the engine waits on it (approval deadlines,
 * verification polling) and tests move time instead of sleeping.
 *
 * <ul>
 *   <li>{@link #timeSkipping(FakeClock)}: a task is due as soon as it is scheduled — the clock
 *       jumps to its time and it runs on the scheduling thread, like a durable runner's time
 *       skipping. A five-minute verification with 15-second polls takes no time. An approval that
 *       is not answered synchronously times out at once, so use it with handlers that answer at
 *       once.
 *   <li>{@link #manual(FakeClock)}: tasks wait until the test calls {@link #advance}; {@link
 *       #awaitScheduled} waits (in real time, with a timeout) until the engine has scheduled
 *       something, such as an approval deadline.
 * </ul>
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at("2024-01-01T03:00:00Z");
 * FakeScheduler scheduler = FakeScheduler.manual(clock);
 * CompletableFuture<RunResult> run = engine.runAsync(playbook, trigger);
 * scheduler.awaitScheduled(1, Duration.ofSeconds(10));   // the approval deadline
 * scheduler.advance(Duration.ofMinutes(16));             // the approval times out
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeScheduler implements Scheduler {
  private record Task(Instant due, long seq, Runnable run) {}

  private final FakeClock clock;
  private final boolean skipping;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition scheduledSignal = lock.newCondition();
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(
          (a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
  private long seq;
  private long scheduled;

  private FakeScheduler(FakeClock clock, boolean skipping) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.skipping = skipping;
  }

  /** A scheduler whose tasks run as soon as they are scheduled, the clock jumping to their time. */
  public static FakeScheduler timeSkipping(FakeClock clock) {
    return new FakeScheduler(clock, true);
  }

  /** A scheduler whose tasks run only when the test moves time with {@link #advance}. */
  public static FakeScheduler manual(FakeClock clock) {
    return new FakeScheduler(clock, false);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(task, "task");
    Instant due = clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay);
    if (skipping) {
      lock.lock();
      try {
        scheduled++;
        scheduledSignal.signalAll();
      } finally {
        lock.unlock();
      }
      clock.advanceTo(due);
      task.run();
      return () -> {};
    }
    Task t;
    lock.lock();
    try {
      t = new Task(due, seq++, task);
      queue.add(t);
      scheduled++;
      scheduledSignal.signalAll();
    } finally {
      lock.unlock();
    }
    return () -> {
      lock.lock();
      try {
        queue.remove(t);
      } finally {
        lock.unlock();
      }
    };
  }

  /**
   * Moves the clock forward by {@code d}, running every task that falls due, in order, on this
   * thread.
   */
  public void advance(Duration d) {
    Instant until = clock.instant().plus(d);
    while (true) {
      Task next;
      lock.lock();
      try {
        next = queue.peek();
        if (next == null || next.due.isAfter(until)) {
          break;
        }
        queue.poll();
      } finally {
        lock.unlock();
      }
      clock.advanceTo(next.due);
      next.run.run();
    }
    clock.advanceTo(until);
  }

  /** How many tasks are waiting. */
  public int pending() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many tasks were ever scheduled. */
  public long scheduledCount() {
    lock.lock();
    try {
      return scheduled;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits, in real time, until at least {@code n} tasks were ever scheduled.
   *
   * @throws AssertionError if that does not happen within {@code timeout}
   */
  public void awaitScheduled(long n, Duration timeout) {
    lock.lock();
    try {
      long left = timeout.toNanos();
      while (scheduled < n) {
        if (left <= 0) {
          throw new AssertionError(
              "FakeScheduler: expected "
                  + n
                  + " scheduled task(s) within "
                  + timeout
                  + ", saw "
                  + scheduled);
        }
        left = scheduledSignal.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  /** The due times of the waiting tasks, in order. */
  public List<Instant> dueTimes() {
    lock.lock();
    try {
      List<Task> tasks = new ArrayList<>(queue);
      tasks.sort((a, b) -> a.due.compareTo(b.due));
      return tasks.stream().map(Task::due).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "FakeScheduler["
        + (skipping ? "time-skipping" : "manual")
        + ", "
        + pending()
        + " pending]";
  }
}
