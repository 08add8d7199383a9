package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link RateLimitStore} in this JVM's memory: one sliding log per key, holding the instants of
 * the slots that count (at most the rate's count, more only when {@link #record} adds history).
 * Each key is locked on its own, so keys do not contend. Keys whose logs have emptied are dropped
 * now and then, so per-target keys do not pile up.
 *
 * <pre>{@code
 * RateLimitStore store = new InMemoryRateLimitStore(clock);
 * SlidingWindowRateLimiter limiter = SlidingWindowRateLimiter.builder(Rate.parse("5 per hour"))
 *     .store(store)
 *     .clock(clock)
 *     .build();
 * }</pre>
 *
 * <p>Besides the contract of {@link RateLimitStore}:
 *
 * <ul>
 *   <li>Each key remembers its rate; using it with another rate is a {@link PolicyException} (code
 *       {@value PolicyException#RATE_LIMIT_CONFLICT}), so two policies that limit one key
 *       differently are refused, not mixed.
 *   <li>Executions are deduplicated by their execution id (see {@link #tryAdmit(String, Rate,
 *       Instant, String)}).
 *   <li>Dropping emptied keys reads the store's own clock, never an instant a caller gave: a key is
 *       dropped only when nothing it holds counts at the earlier of the clock's now and the latest
 *       instant any caller gave. Give the store the clock of the engines and limiters that use it.
 * </ul>
 *
 * <p>Thread-safe. Instants are held as nanoseconds since 1970; those more than about 292 years away
 * are clamped.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
  private static final int MIN_SWEEP_SIZE = 1024;

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final NanoClock clock;
  private final int minSweepSize;

  /** Gives each window the high bits of its slot ids, so ids are never reused within a key. */
  private final AtomicLong windowIds = new AtomicLong();

  /**
   * The latest effective instant of any window dropped, in nanoseconds: a new window starts there,
   * so that the executions a dropped window held never count again.
   */
  private final AtomicLong droppedLatest = new AtomicLong(Long.MIN_VALUE);

  private volatile int sweepAt;

  /** How many sweeps ran; for tests. */
  private volatile int sweeps;

  /** An empty store whose sweep reads the system clock (UTC). */
  public InMemoryRateLimitStore() {
    this(Clock.systemUTC());
  }

  /** An empty store whose sweep reads {@code clock}. */
  public InMemoryRateLimitStore(Clock clock) {
    this(NanoClock.of(clock), MIN_SWEEP_SIZE);
  }

  /** An empty store whose sweep reads {@code clock}. */
  public InMemoryRateLimitStore(NanoClock clock) {
    this(clock, MIN_SWEEP_SIZE);
  }

  /** For tests: sweeps once {@code minSweepSize} keys are held. */
  InMemoryRateLimitStore(NanoClock clock, int minSweepSize) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (minSweepSize < 1) {
      throw new IllegalArgumentException("minSweepSize: must be at least 1, was " + minSweepSize);
    }
    this.minSweepSize = minSweepSize;
    this.sweepAt = minSweepSize;
  }

  @Override
  public Admission tryAdmit(String key, Rate rate, Instant at) {
    return tryAdmit(key, rate, at, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>With an {@code executionId}: if a slot of {@code key} taken with the same id still counts,
   * it is admitted again (the same execution, retried), taking nothing more; that slot can no
   * longer be released, since two holders share it.
   */
  @Override
  public Admission tryAdmit(String key, Rate rate, Instant at, String executionId) {
    long t = EpochNanos.of(at);
    while (true) {
      Window w = windowFor(key, rate, t);
      w.lock();
      try {
        if (w.dropped) {
          continue;
        }
        w.checkRate(rate);
        long now = w.advance(t);
        w.expire(now);
        Instant effective = now == t ? at : EpochNanos.toInstant(now);
        if (executionId != null) {
          int same = w.indexOf(executionId);
          if (same >= 0) {
            w.pin(same);
            return new Admission(w.slotAt(same), w.instantAt(same), effective);
          }
        }
        if (w.size < rate.count()) {
          return new Admission(w.add(now, executionId), effective, effective);
        }
        return new Admission(-1, effective, w.freeAt(rate.count()));
      } finally {
        w.unlock();
      }
    }
  }

  /**
   * Takes a slot of {@code key} at {@code nanos} if the window has room, without allocating: the
   * fast path of {@link SlidingWindowRateLimiter#tryAcquire}. The slot counts as executed.
   */
  boolean tryAcquire(String key, Rate rate, long nanos) {
    while (true) {
      Window w = windowFor(key, rate, nanos);
      w.lock();
      try {
        if (w.dropped) {
          continue;
        }
        w.checkRate(rate);
        long now = w.advance(nanos);
        w.expire(now);
        if (w.size < rate.count()) {
          w.add(now, null);
          return true;
        }
        return false;
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
    w.lock();
    try {
      w.checkRate(rate);
      long now = Math.max(EpochNanos.of(at), w.latest);
      int counted = w.countAfter(EpochNanos.minus(now, w.window));
      if (counted < rate.count()) {
        return at;
      }
      return w.freeAt(rate.count());
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
    w.lock();
    try {
      w.checkRate(rate);
      long now = Math.max(EpochNanos.of(at), w.latest);
      return w.countAfter(EpochNanos.minus(now, w.window));
    } finally {
      w.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>History never moves the key's time forward: a past execution counts where it lies, and one
   * after the latest instant the key was given counts at once, until it leaves the window.
   */
  @Override
  public void record(String key, Rate rate, Instant at) {
    long t = EpochNanos.of(at);
    while (true) {
      Window w = windowFor(key, rate, t);
      w.lock();
      try {
        if (w.dropped) {
          continue;
        }
        w.checkRate(rate);
        w.expire(w.latest);
        if (t > EpochNanos.minus(w.latest, w.window)) {
          w.insert(t);
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

  /** How many sweeps ran; for tests of the sweep. */
  int sweeps() {
    return sweeps;
  }

  private Window windowFor(String key, Rate rate, long given) {
    Window w = windows.get(key);
    if (w != null) {
      return w;
    }
    if (windows.size() >= sweepAt) {
      sweep();
    }
    return windows.computeIfAbsent(
        key, k -> new Window(k, rate, windowIds.incrementAndGet() << 32, droppedLatest.get()));
  }

  /**
   * Drops the windows that hold nothing that counts at the store's now: the earlier of its clock's
   * instant and the latest instant a caller gave that the store holds (or at a window's own latest
   * instant, if later). New windows start no earlier than the latest such instant, so what a
   * dropped window held never counts again, even if the clock steps back. Package-private so tests
   * can sweep at will.
   */
  synchronized void sweep() {
    if (windows.size() < sweepAt) {
      return;
    }
    sweepNow();
    sweepAt = Math.max(minSweepSize, 2 * windows.size());
  }

  /** Sweeps whatever the number of keys; for tests. */
  synchronized void sweepNow() {
    // The latest instant any caller gave that the store still knows of: the sweep never looks
    // past it, so a store whose clock runs ahead of its callers' drops nothing that counts.
    long given = droppedLatest.get();
    for (Window w : windows.values()) {
      w.lock();
      try {
        given = Math.max(given, w.last());
      } finally {
        w.unlock();
      }
    }
    long now = Math.min(clock.epochNanos(), given);
    sweeps++;
    windows.forEach(
        (key, w) -> {
          w.lock();
          try {
            long at = Math.max(now, w.latest);
            if (w.countAfter(EpochNanos.minus(at, w.window)) == 0) {
              w.dropped = true;
              droppedLatest.accumulateAndGet(at, Math::max);
              windows.remove(key, w);
            }
          } finally {
            w.unlock();
          }
        });
  }

  @Override
  public String toString() {
    return "InMemoryRateLimitStore[" + windows.size() + " keys]";
  }

  /**
   * The sliding log of one key: instants (nanoseconds), slot ids and execution ids, oldest first,
   * in circular buffers. Guarded by its own lock (one compare-and-set to take, one release store to
   * give back), which sits in the same object as the fields it guards.
   */
  private static final class Window {
    private static final VarHandle LOCKED;

    static {
      try {
        LOCKED = MethodHandles.lookup().findVarHandle(Window.class, "locked", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** 1 while a thread holds this window's lock. */
    @SuppressWarnings("unused") // through LOCKED
    private volatile int locked;

    private final String key;
    private final Rate rate;
    final long window;
    private final long slotBase;
    private int nextSeq;

    /** The latest instant this key has been given by an admission. */
    long latest;

    /**
     * The log: slot {@code i} (a position in the circular buffer) has its instant at {@code 2i} and
     * its id at {@code 2i + 1}, so the two share a cache line.
     */
    private long[] log = new long[8];

    /** The execution id of each slot, or {@code null}; allocated on first use. */
    private String[] ids;

    /** Whether each slot was admitted more than once, so cannot be released; with {@link #ids}. */
    private boolean[] pinned;

    private int head;
    int size;

    /** Set when the sweep removed this window from the map; callers then fetch a new one. */
    boolean dropped;

    Window(String key, Rate rate, long slotBase, long latest) {
      this.key = key;
      this.rate = rate;
      this.window = EpochNanos.windowOf(rate);
      this.slotBase = slotBase;
      this.latest = latest;
    }

    /**
     * Takes this window's lock: one compare-and-set when it is free. Not reentrant; every holder
     * runs a few dozen instructions (more only to insert history), so a waiter spins briefly, then
     * yields, then sleeps in short naps in case the holder's thread was descheduled.
     */
    void lock() {
      if (!LOCKED.compareAndSet(this, 0, 1)) {
        lockContended();
      }
    }

    private void lockContended() {
      // Back off exponentially between attempts, so that the holder keeps the lock's cache line
      // for a run of calls instead of losing it to every waiter's attempt.
      int backoff = 1;
      for (int attempts = 0; ; attempts++) {
        for (int i = 0; i < backoff; i++) {
          Thread.onSpinWait();
        }
        if ((int) LOCKED.getOpaque(this) == 0 && LOCKED.compareAndSet(this, 0, 1)) {
          return;
        }
        if (backoff < 256) {
          backoff <<= 1;
        } else if (attempts < 64) {
          Thread.yield();
        } else {
          LockSupport.parkNanos(this, 20_000);
        }
      }
    }

    /** Gives the lock back: a release store, which publishes what the holder wrote. */
    void unlock() {
      LOCKED.setRelease(this, 0);
    }

    void checkRate(Rate asked) {
      if (asked != rate && !asked.equals(rate)) {
        throw new PolicyException(
            PolicyException.RATE_LIMIT_CONFLICT,
            "rate-limit store",
            "the rate-limit key '"
                + key
                + "' is counted at "
                + rate
                + " in this store, and cannot also be counted at "
                + asked
                + ": two policies limit it differently; give each its own key prefix or store");
      }
    }

    /** The latest instant this key was given, by an admission or in its history. */
    long last() {
      return size == 0 ? latest : Math.max(latest, time(index(size - 1)));
    }

    long advance(long t) {
      if (t > latest) {
        latest = t;
      }
      return latest;
    }

    /** The position in the buffer of the {@code i}-th oldest slot. */
    private int index(int i) {
      return (head + i) & ((log.length >> 1) - 1);
    }

    /** The instant of the slot at position {@code p}. */
    private long time(int p) {
      return log[p << 1];
    }

    /** The capacity of the buffer, in slots. */
    private int capacity() {
      return log.length >> 1;
    }

    /** Drops the slots that left the window ending at {@code now}. */
    void expire(long now) {
      long boundary = EpochNanos.minus(now, window);
      while (size > 0 && log[head << 1] <= boundary) {
        if (ids != null) {
          ids[head] = null;
          pinned[head] = false;
        }
        head = (head + 1) & (capacity() - 1);
        size--;
      }
    }

    /** How many slots are after {@code boundary}; does not change the log. */
    int countAfter(long boundary) {
      int expired = 0;
      while (expired < size && time(index(expired)) <= boundary) {
        expired++;
      }
      return size - expired;
    }

    /** When the slots counted fall below {@code count}; {@link Instant#MAX} if it is 0. */
    Instant freeAt(long count) {
      if (count <= 0) {
        return Instant.MAX;
      }
      // Slots are sorted, so the (size - count)-th oldest must leave for one to be free.
      long oldestThatMustLeave = time(index((int) (size - count)));
      return EpochNanos.toInstant(EpochNanos.plus(oldestThatMustLeave, window));
    }

    /** The position of the slot taken for {@code executionId}, or -1. */
    int indexOf(String executionId) {
      if (ids == null) {
        return -1;
      }
      for (int k = 0; k < size; k++) {
        if (executionId.equals(ids[index(k)])) {
          return k;
        }
      }
      return -1;
    }

    long slotAt(int k) {
      return log[(index(k) << 1) + 1];
    }

    Instant instantAt(int k) {
      return EpochNanos.toInstant(time(index(k)));
    }

    void pin(int k) {
      pinned[index(k)] = true;
    }

    /** Adds a slot at {@code t}, the latest instant, unless history lies after it. */
    long add(long t, String executionId) {
      if (size > 0 && time(index(size - 1)) > t) {
        return insertAt(t, executionId);
      }
      grow(executionId);
      return put(index(size++), t, executionId);
    }

    void insert(long t) {
      insertAt(t, null);
    }

    private long insertAt(long t, String executionId) {
      grow(executionId);
      int pos = size;
      while (pos > 0 && time(index(pos - 1)) > t) {
        move(pos - 1, pos);
        pos--;
      }
      size++;
      return put(index(pos), t, executionId);
    }

    /** Writes a new slot at position {@code p}; returns its id. */
    private long put(int p, long t, String executionId) {
      long slot = slotBase | (nextSeq++ & 0xFFFF_FFFFL);
      log[p << 1] = t;
      log[(p << 1) + 1] = slot;
      if (ids != null) {
        ids[p] = executionId;
        pinned[p] = false;
      }
      return slot;
    }

    private void move(int from, int to) {
      int f = index(from);
      int d = index(to);
      log[d << 1] = log[f << 1];
      log[(d << 1) + 1] = log[(f << 1) + 1];
      if (ids != null) {
        ids[d] = ids[f];
        pinned[d] = pinned[f];
      }
    }

    void remove(long slot) {
      for (int k = 0; k < size; k++) {
        int p = index(k);
        if (log[(p << 1) + 1] == slot) {
          if (ids != null && pinned[p]) {
            // Two holders share this execution: one giving it back does not undo the other.
            return;
          }
          for (int j = k; j < size - 1; j++) {
            move(j + 1, j);
          }
          if (ids != null) {
            ids[index(size - 1)] = null;
            pinned[index(size - 1)] = false;
          }
          size--;
          return;
        }
      }
    }

    /** Makes room for one more slot, and for execution ids if {@code executionId} is one. */
    private void grow(String executionId) {
      int capacity = capacity();
      if (size == capacity) {
        long[] l = new long[log.length * 2];
        String[] is = ids == null ? null : new String[capacity * 2];
        boolean[] ps = ids == null ? null : new boolean[capacity * 2];
        for (int k = 0; k < size; k++) {
          int p = index(k);
          l[k << 1] = log[p << 1];
          l[(k << 1) + 1] = log[(p << 1) + 1];
          if (is != null) {
            is[k] = ids[p];
            ps[k] = pinned[p];
          }
        }
        log = l;
        ids = is;
        pinned = ps;
        head = 0;
      }
      if (executionId != null && ids == null) {
        ids = new String[capacity()];
        pinned = new boolean[capacity()];
      }
    }
  }
}
