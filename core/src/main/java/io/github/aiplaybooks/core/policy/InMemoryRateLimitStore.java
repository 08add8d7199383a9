package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link RateLimitStore} in this JVM's memory: one sliding log per key, holding the instants of
 * the slots that count (at most the rate's count, more only when {@link #record} adds history).
 * Each key is locked on its own, so keys do not contend. Keys whose logs have emptied are dropped
 * now and then, so per-target keys do not pile up.
 *
 * <pre>{@code
 * RateLimitStore store = new InMemoryRateLimitStore();
 * SlidingWindowRateLimiter limiter = SlidingWindowRateLimiter.builder(Rate.parse("5 per hour"))
 *     .store(store)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. Instants must lie within about 292 years of 1970 (they are held as nanoseconds).
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
  private static final int MIN_SWEEP_SIZE = 1024;

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** Gives each window the high bits of its slot ids, so ids are never reused within a key. */
  private final AtomicLong windowIds = new AtomicLong();

  /**
   * The latest effective instant of any window dropped, in nanoseconds: a new window starts there,
   * so that the executions a dropped window held never count again.
   */
  private final AtomicLong droppedLatest = new AtomicLong(Long.MIN_VALUE);

  private volatile int sweepAt = MIN_SWEEP_SIZE;

  /** An empty store. */
  public InMemoryRateLimitStore() {}

  @Override
  public Admission tryAdmit(String key, Rate rate, Instant at) {
    long t = EpochNanos.of(at);
    long window = EpochNanos.windowOf(rate);
    while (true) {
      Window w = windowFor(key, t);
      w.lock();
      try {
        if (w.dropped) {
          continue;
        }
        long now = w.advance(t);
        w.expire(now, window);
        Instant effective = now == t ? at : EpochNanos.toInstant(now);
        if (w.size < rate.count()) {
          return new Admission(w.append(now), effective, effective);
        }
        return new Admission(-1, effective, w.freeAt(rate.count(), window));
      } finally {
        w.unlock();
      }
    }
  }

  @Override
  public Instant availableAt(String key, Rate rate, Instant at) {
    Window w = windows.get(key);
    if (w == null) {
      return rate.count() > 0 ? at : Instant.MAX;
    }
    long window = EpochNanos.windowOf(rate);
    w.lock();
    try {
      long now = Math.max(EpochNanos.of(at), w.latest);
      int counted = w.countAfter(EpochNanos.minus(now, window));
      if (counted < rate.count()) {
        return at;
      }
      return w.freeAt(rate.count(), window);
    } finally {
      w.unlock();
    }
  }

  @Override
  public int held(String key, Rate rate, Instant at) {
    Window w = windows.get(key);
    if (w == null) {
      return 0;
    }
    long window = EpochNanos.windowOf(rate);
    w.lock();
    try {
      long now = Math.max(EpochNanos.of(at), w.latest);
      return w.countAfter(EpochNanos.minus(now, window));
    } finally {
      w.unlock();
    }
  }

  @Override
  public void record(String key, Rate rate, Instant at) {
    long t = EpochNanos.of(at);
    long window = EpochNanos.windowOf(rate);
    while (true) {
      Window w = windowFor(key, t);
      w.lock();
      try {
        if (w.dropped) {
          continue;
        }
        if (t > w.latest) {
          w.latest = t;
        }
        w.expire(w.latest, window);
        if (t > EpochNanos.minus(w.latest, window)) {
          w.insertSorted(t);
        }
        return;
      } finally {
        w.unlock();
      }
    }
  }

  @Override
  public void release(String key, long slot) {
    Window w = windows.get(key);
    if (w == null) {
      return;
    }
    w.lock();
    try {
      w.remove(slot);
    } finally {
      w.unlock();
    }
  }

  /** How many keys have a window now; for tests of the sweep. */
  int keys() {
    return windows.size();
  }

  private Window windowFor(String key, long now) {
    Window w = windows.get(key);
    if (w != null) {
      return w;
    }
    if (windows.size() >= sweepAt) {
      sweep(now);
    }
    return windows.computeIfAbsent(
        key, k -> new Window(windowIds.incrementAndGet() << 32, droppedLatest.get()));
  }

  /**
   * Drops the windows that hold nothing that counts at {@code now} (an instant a caller gave), or
   * at their own latest instant if later. New windows start no earlier than the latest such
   * instant, so what a dropped window held never counts again, even if the clock steps back.
   */
  private synchronized void sweep(long now) {
    if (windows.size() < sweepAt) {
      return;
    }
    windows.forEach(
        (key, w) -> {
          w.lock();
          try {
            long at = Math.max(now, w.latest);
            if (w.lastWindow != Long.MAX_VALUE
                && w.countAfter(EpochNanos.minus(at, w.lastWindow)) == 0) {
              w.dropped = true;
              droppedLatest.accumulateAndGet(at, Math::max);
              windows.remove(key, w);
            }
          } finally {
            w.unlock();
          }
        });
    sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * windows.size());
  }

  /**
   * The sliding log of one key: instants (nanoseconds) and slot ids, oldest first, in a circular
   * buffer. Guarded by itself, a lock (one compare-and-set to take, none to give back).
   */
  private static final class Window extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    private final long slotBase;
    private int nextSeq;

    /** The latest instant this key has been given. */
    long latest;

    /** The window length used last, for the sweep; {@link Long#MAX_VALUE} before any. */
    long lastWindow = Long.MAX_VALUE;

    private long[] times = new long[4];
    private long[] slots = new long[4];
    private int head;
    int size;

    /** Set when the sweep removed this window from the map; callers then fetch a new one. */
    boolean dropped;

    Window(long slotBase, long latest) {
      this.slotBase = slotBase;
      this.latest = latest;
    }

    long advance(long t) {
      if (t > latest) {
        latest = t;
      }
      return latest;
    }

    private int index(int i) {
      return (head + i) & (times.length - 1);
    }

    /** Drops the slots that left the window ending at {@code now}. */
    void expire(long now, long window) {
      lastWindow = window;
      long boundary = EpochNanos.minus(now, window);
      while (size > 0 && times[head] <= boundary) {
        head = (head + 1) & (times.length - 1);
        size--;
      }
    }

    /** How many slots are after {@code boundary}; does not change the log. */
    int countAfter(long boundary) {
      int expired = 0;
      while (expired < size && times[index(expired)] <= boundary) {
        expired++;
      }
      return size - expired;
    }

    /**
     * When the slots counted fall below {@code count}; {@link Instant#MAX} if {@code count} is 0.
     */
    Instant freeAt(long count, long window) {
      if (count <= 0) {
        return Instant.MAX;
      }
      // Slots are sorted, so the (size - count)-th oldest must leave for one to be free.
      long oldestThatMustLeave = times[index((int) (size - count))];
      return EpochNanos.toInstant(EpochNanos.plus(oldestThatMustLeave, window));
    }

    long append(long t) {
      grow();
      int i = index(size);
      long slot = slotBase | (nextSeq++ & 0xFFFF_FFFFL);
      times[i] = t;
      slots[i] = slot;
      size++;
      return slot;
    }

    void insertSorted(long t) {
      grow();
      int pos = size;
      while (pos > 0 && times[index(pos - 1)] > t) {
        times[index(pos)] = times[index(pos - 1)];
        slots[index(pos)] = slots[index(pos - 1)];
        pos--;
      }
      times[index(pos)] = t;
      slots[index(pos)] = slotBase | (nextSeq++ & 0xFFFF_FFFFL);
      size++;
    }

    void remove(long slot) {
      for (int k = 0; k < size; k++) {
        if (slots[index(k)] == slot) {
          for (int j = k; j < size - 1; j++) {
            times[index(j)] = times[index(j + 1)];
            slots[index(j)] = slots[index(j + 1)];
          }
          size--;
          return;
        }
      }
    }

    private void grow() {
      if (size < times.length) {
        return;
      }
      long[] t = new long[times.length * 2];
      long[] s = new long[times.length * 2];
      for (int k = 0; k < size; k++) {
        t[k] = times[index(k)];
        s[k] = slots[index(k)];
      }
      times = t;
      slots = s;
      head = 0;
    }
  }
}
