package io.github.aiplaybooks.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand, in UTC. Give it to the engine (and the policy engine) and move it to
 * test rate-limit windows, {@code off_hours}, deadlines and budgets without waiting.
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.at("2024-01-01T03:00:00Z");   // a Monday, off hours
 * clock.advance(Duration.ofMinutes(61));
 * }</pre>
 *
 * <p>Thread-safe; it never goes backwards unless {@link #set} is told to.
 */
public final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;

  private FakeClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** A clock at {@code start}. */
  public static FakeClock at(Instant start) {
    return new FakeClock(start);
  }

  /** A clock at the ISO-8601 instant {@code start}, such as {@code 2024-01-01T00:00:00Z}. */
  public static FakeClock at(String start) {
    return new FakeClock(Instant.parse(start));
  }

  /** Moves the clock forward by {@code d}. */
  public Instant advance(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("d: must not be negative, was " + d);
    }
    return now.updateAndGet(t -> t.plus(d));
  }

  /** Moves the clock to {@code t} if that is later than now; returns the time now. */
  public Instant advanceTo(Instant t) {
    return now.updateAndGet(cur -> t.isAfter(cur) ? t : cur);
  }

  /** Sets the clock to {@code t}, forward or back. */
  public void set(Instant t) {
    now.set(Objects.requireNonNull(t, "t"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("FakeClock is UTC only; asked for " + zone);
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
