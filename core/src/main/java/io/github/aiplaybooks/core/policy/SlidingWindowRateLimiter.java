package io.github.aiplaybooks.core.policy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An exact sliding-window rate limit: {@code 5 per hour} admits at most 5 executions in any window
 * {@code (t - 1h, t]}, not about 5, and not 5 per clock hour. Each key ({@code pod_restarts}, or
 * {@code pod_restarts} of one deployment) is counted apart.
 *
 * <p>An execution is counted through a {@link RateLimitReservation}: {@link #tryReserve} takes a
 * slot if the window has room (atomically, so concurrent callers never overshoot), and the caller
 * {@linkplain RateLimitReservation#confirm() confirms} it once the action ran or {@linkplain
 * RateLimitReservation#release() releases} it if it did not; {@link #tryReserve(String, String)}
 * does so for an execution with an idempotency key, so that its retries count once. {@link
 * #tryAcquire} takes a slot that counts as executed at once, like a permit, without a reservation.
 * {@link #availableAt} only looks.
 *
 * <pre>{@code
 * SlidingWindowRateLimiter restarts = SlidingWindowRateLimiter.builder(Rate.parse("5 per hour"))
 *     .clock(clock)
 *     .build();
 * Optional<RateLimitReservation> slot = restarts.tryReserve("pod_restarts");
 * if (slot.isPresent()) {
 *   restartPod();
 *   slot.get().confirm();
 * } else {
 *   Instant retry = restarts.availableAt("pod_restarts");
 * }
 * }</pre>
 *
 * <p>Time comes from the injected {@link Clock} (or {@link NanoClock}). Instants may also be given,
 * as of executions read from a history, but never more than {@link #FUTURE_TOLERANCE} after the
 * clock's now: an instant from the future would move the window forward and free slots that still
 * count. The counts live in a {@link RateLimitStore}, which also defines what happens when the
 * clock steps back: time is taken to be the latest instant seen, so no slot is ever freed early.
 * Windows are at least one second long. Thread-safe.
 */
public final class SlidingWindowRateLimiter {
  /**
   * How far after the clock's now a given instant may be (skew between the clocks of replicas that
   * share a store); later ones are refused. Within it, a slot may leave its window up to this much
   * early.
   */
  public static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(1);

  /** The shortest window a limit may have. */
  public static final Duration MIN_WINDOW = Duration.ofSeconds(1);

  private static final long TOLERANCE_NANOS = FUTURE_TOLERANCE.toNanos();

  private final Rate rate;
  private final RateLimitStore store;
  private final NanoClock clock;

  /** The store, if it is in memory: its allocation-free paths are used. */
  private final InMemoryRateLimitStore memory;

  private SlidingWindowRateLimiter(Builder b) {
    this.rate = b.rate;
    this.clock = b.clock != null ? b.clock : NanoClock.of(Clock.systemUTC());
    this.store = b.store != null ? b.store : new InMemoryRateLimitStore(this.clock);
    this.memory = store instanceof InMemoryRateLimitStore ? (InMemoryRateLimitStore) store : null;
  }

  /** A limiter of {@code rate} with its own in-memory store and the system clock (UTC). */
  public static SlidingWindowRateLimiter of(Rate rate) {
    return builder(rate).build();
  }

  /**
   * A builder for a limiter of {@code rate}.
   *
   * @throws IllegalArgumentException if the rate's window is shorter than {@link #MIN_WINDOW}
   */
  public static Builder builder(Rate rate) {
    return new Builder(rate);
  }

  /** Checks that {@code rate}'s window is at least {@link #MIN_WINDOW}; the message names it. */
  static Rate requireWindow(Rate rate, String field) {
    Objects.requireNonNull(rate, field);
    if (rate.window().compareTo(MIN_WINDOW) < 0) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + rate
              + "' has a window of "
              + rate.window()
              + "; a rate-limit window is at least one second, such as '5 per second'");
    }
    return rate;
  }

  /** The limit. */
  public Rate rate() {
    return rate;
  }

  /** Takes a slot of {@code key} now, by the clock, if the window has room. */
  public Optional<RateLimitReservation> tryReserve(String key) {
    Objects.requireNonNull(key, "key");
    return reservation(key, admit(key, clock.epochNanos(), null));
  }

  /**
   * Takes a slot of {@code key} now for one execution, named by {@code idempotencyKey}, if the
   * window has room: a retry of the same execution (the same key and idempotency key, while its
   * slot still counts) gets that slot again and takes no other, so a retried step counts once. The
   * slot can then no longer be released by either holder: it counts until its window passes. With a
   * {@link RateLimitStore} that keeps no execution ids, a retry takes a new slot (safe, never
   * less).
   *
   * <pre>{@code
   * Optional<RateLimitReservation> slot = limiter.tryReserve("pod_restarts", "incident-42/step-6");
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code idempotencyKey} is blank
   */
  public Optional<RateLimitReservation> tryReserve(String key, String idempotencyKey) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey: must not be blank");
    }
    return reservation(key, admit(key, clock.epochNanos(), idempotencyKey));
  }

  /**
   * Takes a slot of {@code key} at {@code at} if the window has room; empty if it has none. An
   * instant before the key's latest counts from the latest (see {@link RateLimitStore}).
   *
   * @throws PolicyException ({@value PolicyException#REQUEST_INVALID}) if {@code at} is more than
   *     {@link #FUTURE_TOLERANCE} after the clock's now
   */
  public Optional<RateLimitReservation> tryReserve(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    return reservation(key, admit(key, notInTheFuture(at, "tryReserve"), null));
  }

  /**
   * Takes a slot of {@code key} now, by the clock, if the window has room, and counts it as
   * executed at once (it cannot be released): a permit, as other rate limiters give. Allocates
   * nothing with the in-memory store.
   *
   * @return whether a slot was taken
   */
  public boolean tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    long now = clock.epochNanos();
    if (memory != null) {
      return memory.tryAcquire(key, rate, now);
    }
    RateLimitStore.Admission a = store.tryAdmit(key, rate, EpochNanos.toInstant(now));
    if (a.admitted()) {
      store.confirm(key, a.slot());
    }
    return a.admitted();
  }

  /**
   * Admits an execution of {@code key} at {@code nanos} (a checked instant) for {@code executionId}
   * (or null): the engine's way in.
   */
  RateLimitStore.Admission admit(String key, long nanos, String executionId) {
    return store.tryAdmit(key, rate, EpochNanos.toInstant(nanos), executionId);
  }

  private Optional<RateLimitReservation> reservation(String key, RateLimitStore.Admission a) {
    if (!a.admitted()) {
      return Optional.empty();
    }
    return Optional.of(new RateLimitReservation(store, key, a.slot(), a.at()));
  }

  /** Now, by the clock, in nanoseconds. */
  long nanos() {
    return clock.epochNanos();
  }

  /** {@code at} in nanoseconds, if it is not after the clock's now by more than the tolerance. */
  long notInTheFuture(Instant at, String call) {
    long t = EpochNanos.of(at);
    long now = clock.epochNanos();
    if (t > EpochNanos.plus(now, TOLERANCE_NANOS)) {
      throw new PolicyException(
          PolicyException.REQUEST_INVALID,
          call,
          "the instant "
              + at
              + " is after the clock's now ("
              + EpochNanos.toInstant(now)
              + ") by more than "
              + FUTURE_TOLERANCE.toMillis()
              + " ms; a rate limit counts only what has happened, so an instant from the future"
              + " would free slots that still count");
    }
    return t;
  }

  /**
   * When {@code key} can next admit, by the clock: now itself if it can now, the instant a slot
   * frees up if it cannot, or {@link Instant#MAX} for a limit of zero. Takes nothing.
   */
  public Instant availableAt(String key) {
    return availableAt(key, EpochNanos.toInstant(clock.epochNanos()));
  }

  /**
   * When {@code key} can next admit, from {@code at}: {@code at} itself if it can at {@code at}.
   * Any instant may be asked about: looking changes nothing.
   */
  public Instant availableAt(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    return store.availableAt(key, rate, at);
  }

  /** How many executions of {@code key} count in the window ending now, by the clock. */
  public int held(String key) {
    return held(key, EpochNanos.toInstant(clock.epochNanos()));
  }

  /** How many executions of {@code key} count in the window ending at {@code at}. */
  public int held(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    return store.held(key, rate, at);
  }

  /**
   * Adds an execution of {@code key} that already happened at {@code at}, whether or not the window
   * had room: to load a history. It never moves the key's time forward.
   *
   * @throws PolicyException ({@value PolicyException#REQUEST_INVALID}) if {@code at} is more than
   *     {@link #FUTURE_TOLERANCE} after the clock's now
   */
  public void record(String key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    notInTheFuture(at, "record");
    store.record(key, rate, at);
  }

  @Override
  public String toString() {
    return "SlidingWindowRateLimiter[" + rate + "]";
  }

  /** Builds a {@link SlidingWindowRateLimiter}. Not thread-safe. */
  public static final class Builder {
    private final Rate rate;
    private RateLimitStore store;
    private NanoClock clock;

    private Builder(Rate rate) {
      this.rate = requireWindow(rate, "rate");
    }

    /**
     * Sets where counts are kept; a new {@link InMemoryRateLimitStore} on the limiter's clock
     * unless set.
     */
    public Builder store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Sets the clock; {@link Clock#systemUTC()} unless set. */
    public Builder clock(Clock clock) {
      this.clock = NanoClock.of(Objects.requireNonNull(clock, "clock"));
      return this;
    }

    /** Sets the clock as nanoseconds since 1970, read without making an {@link Instant}. */
    public Builder clock(NanoClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The limiter. */
    public SlidingWindowRateLimiter build() {
      return new SlidingWindowRateLimiter(this);
    }
  }
}
