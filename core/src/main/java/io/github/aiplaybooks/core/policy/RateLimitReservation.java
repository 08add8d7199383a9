package io.github.aiplaybooks.core.policy;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A slot of a rate limit, taken for one execution by {@link SlidingWindowRateLimiter#tryReserve} or
 * {@link PolicyEngine#reserve}. It counts from the moment it was taken: {@link #confirm()} it once
 * the action ran, or {@link #release()} it if the action did not run, to give the slot back. A
 * reservation that is neither confirmed nor released still counts until its window passes, so a
 * crash can never let more executions through than the limit.
 *
 * <pre>{@code
 * Optional<RateLimitReservation> taken = limiter.tryReserve("pod_restarts");
 * if (taken.isPresent()) {
 *   try (RateLimitReservation slot = taken.get()) {
 *     restartPod();
 *     slot.confirm();
 *   } // released by close() if restartPod() threw
 * } // else the window is full: limiter.availableAt("pod_restarts") says when it frees up
 * }</pre>
 *
 * <p>Thread-safe: confirming and releasing race safely, and the first wins.
 */
public final class RateLimitReservation implements AutoCloseable {
  private static final int HELD = 0;
  private static final int CONFIRMED = 1;
  private static final int RELEASED = 2;

  private static final AtomicIntegerFieldUpdater<RateLimitReservation> STATE =
      AtomicIntegerFieldUpdater.newUpdater(RateLimitReservation.class, "state");

  private final RateLimitStore store;
  private final String key;
  private final long slot;
  private final Instant at;
  private volatile int state;

  RateLimitReservation(RateLimitStore store, String key, long slot, Instant at) {
    this.store = store;
    this.key = key;
    this.slot = slot;
    this.at = at;
  }

  /** A reservation of nothing, for an action that no rate limit counts. */
  static RateLimitReservation unlimited(Instant at) {
    return new RateLimitReservation(null, null, -1, at);
  }

  /** The key the slot was taken from, such as {@code pod_restarts}; empty if nothing is counted. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /**
   * The instant the slot counts from: the effective instant of the limiter (see {@link
   * RateLimitStore}), which is the clock's instant unless the clock stepped back.
   */
  public Instant at() {
    return at;
  }

  /** Whether a rate limit counts this reservation (false for an action that none counts). */
  public boolean isCounted() {
    return store != null;
  }

  /** Whether {@link #confirm()} was called first. */
  public boolean isConfirmed() {
    return state == CONFIRMED;
  }

  /** Whether {@link #release()} was called first. */
  public boolean isReleased() {
    return state == RELEASED;
  }

  /**
   * Records that the action ran: the slot counts until its window passes and can no longer be
   * released. Confirming twice does nothing.
   *
   * @throws IllegalStateException if the reservation was released
   */
  public void confirm() {
    if (STATE.compareAndSet(this, HELD, CONFIRMED)) {
      if (store != null) {
        store.confirm(key, slot);
      }
    } else if (state == RELEASED) {
      throw new IllegalStateException("reservation " + this + " was released; it cannot confirm");
    }
  }

  /**
   * Gives the slot back: the action did not run. Releasing twice does nothing.
   *
   * @throws IllegalStateException if the reservation was confirmed: an execution that happened
   *     cannot be taken back
   */
  public void release() {
    if (STATE.compareAndSet(this, HELD, RELEASED)) {
      if (store != null) {
        store.release(key, slot);
      }
    } else if (state == CONFIRMED) {
      throw new IllegalStateException(
          "reservation " + this + " was confirmed; an execution cannot be released");
    }
  }

  /** Releases the slot unless it was confirmed; for try-with-resources. */
  @Override
  public void close() {
    if (STATE.compareAndSet(this, HELD, RELEASED) && store != null) {
      store.release(key, slot);
    }
  }

  /** {@code pod_restarts@2024-01-01T00:00:00Z held}. */
  @Override
  public String toString() {
    String s = state == HELD ? "held" : state == CONFIRMED ? "confirmed" : "released";
    return (key == null ? "(not counted)" : key) + "@" + at + " " + s;
  }
}
