package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a {@link SlidingWindowRateLimiter} keeps its counts, so that several replicas can share
 * them: {@link InMemoryRateLimitStore} for one JVM; a shared store (Redis, DynamoDB) for many.
 *
 * <p>The contract every implementation keeps, for each key:
 *
 * <ul>
 *   <li><b>Exact sliding windows.</b> {@link #tryAdmit} admits at instant {@code t} only if fewer
 *       than {@code rate.count()} slots are held with instants in {@code (t - rate.window(), t]};
 *       the check and the taking of the slot are atomic, so concurrent callers never overshoot.
 *   <li><b>Time never runs backwards.</b> Each admission uses the later of the instant it is given
 *       and the latest instant the key has been given by an admission (its <em>effective
 *       instant</em>, reported in {@link Admission#at()}); so a clock that steps back never frees a
 *       slot early. A clock that jumps ahead and back holds the slots taken meanwhile until it
 *       catches up.
 *   <li><b>History never moves time forward.</b> {@link #record} adds a past execution where it
 *       lies, without advancing the key's time: an execution recorded after the key's latest
 *       instant counts at once and until it leaves its window.
 *   <li><b>Callers give only instants of their own clock.</b> The {@link SlidingWindowRateLimiter}
 *       refuses instants more than {@link SlidingWindowRateLimiter#FUTURE_TOLERANCE} after its
 *       clock's now; a store that forgets state (drops keys, expires entries) decides by its own
 *       clock, never by an instant a caller gave.
 *   <li><b>A slot counts from the instant it was admitted</b> until one window later, whether it
 *       was {@linkplain #confirm confirmed} or is still held; {@link #release} gives it back early
 *       (the action did not run). Releasing a slot that has expired or is unknown does nothing.
 * </ul>
 *
 * <p>A key is always used with the same rate; a store that can tell should refuse another rate for
 * a key it holds ({@link InMemoryRateLimitStore} does, with a {@link PolicyException}).
 * Implementations must be thread-safe.
 */
public interface RateLimitStore {

  /**
   * The result of {@link #tryAdmit}.
   *
   * @param slot the admitted slot's id, unique within its key for the store's life; -1 if refused
   * @param at the effective instant of the attempt (see the class description)
   * @param availableAt when the key can next admit: {@code at} itself if admitted, {@link
   *     Instant#MAX} if never (a rate of zero)
   */
  record Admission(long slot, Instant at, Instant availableAt) {
    /** Checks the components. */
    public Admission {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(availableAt, "availableAt");
      if (slot < -1) {
        throw new IllegalArgumentException("slot: must be -1 or an id, was " + slot);
      }
    }

    /** Whether a slot was admitted. */
    public boolean admitted() {
      return slot >= 0;
    }
  }

  /**
   * Takes a slot of {@code key} at {@code at} if the window has room: atomically checks and adds.
   */
  Admission tryAdmit(String key, Rate rate, Instant at);

  /**
   * As {@link #tryAdmit(String, Rate, Instant)}, for the execution {@code executionId} (or {@code
   * null} for none): if a slot taken for the same execution still counts, a store that keeps
   * execution ids admits it again without taking another (a retry of the same step counts once),
   * and must not let either holder release it. The default ignores the id and takes a new slot:
   * counting a retry twice is safe, never counting it is not.
   */
  default Admission tryAdmit(String key, Rate rate, Instant at, String executionId) {
    return tryAdmit(key, rate, at);
  }

  /**
   * When {@code key} can next admit: {@code at} (the same instance) if it can at {@code at}, else
   * the instant its oldest counted slot leaves the window, or {@link Instant#MAX} if never. Reads
   * only: takes nothing and does not advance the key's time.
   */
  Instant availableAt(String key, Rate rate, Instant at);

  /** How many slots of {@code key} count in the window ending at {@code at}. Reads only. */
  int held(String key, Rate rate, Instant at);

  /**
   * Adds an execution that already happened at {@code at} (such as one read from a history),
   * whether or not the window has room. Past executions may be given in any order.
   */
  void record(String key, Rate rate, Instant at);

  /** Marks a held slot as executed: it can no longer be released. */
  default void confirm(String key, long slot) {}

  /** Gives back a held slot whose action did not run. */
  void release(String key, long slot);
}
