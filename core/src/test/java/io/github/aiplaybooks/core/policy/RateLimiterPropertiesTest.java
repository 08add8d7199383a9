package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.condition.Rate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Property (a) of the issue: a sliding-window limiter of N per W never admits more than N in any
 * window {@code (t - W, t]}, and refuses only when N count, so it counts exactly. Checked against a
 * model that works out every slot's instant from the fake clock itself (never from what the limiter
 * reports), for random schedules with the clock jumping ahead and back, history recorded in any
 * order (and refused from the future), instants given by callers, releases, sweeps of emptied keys;
 * and on several threads at once, with a sweep that runs while they count.
 */
class RateLimiterPropertiesTest {
  private static final Instant START = Instant.parse("2024-01-02T10:00:00Z");
  private static final List<String> KEYS = List.of("a", "b", "c");
  private static final long TOLERANCE = SlidingWindowRateLimiter.FUTURE_TOLERANCE.toNanos();

  /** One step of a schedule. */
  sealed interface Op permits Tick, Reserve, ReserveAt, Record, Confirm, Release, Look, Sweep {}

  /** The clock moves by {@code millis}, which may be negative. */
  record Tick(long millis) implements Op {}

  record Reserve(int key) implements Op {}

  /** A caller gives the instant: the clock's now plus {@code millis} (may be in the future). */
  record ReserveAt(int key, long millis) implements Op {}

  /** A past execution at the clock's now plus {@code millis} (may be in the future). */
  record Record(int key, long millis) implements Op {}

  /** Confirms the {@code index}-th reservation taken (modulo how many there are). */
  record Confirm(int index) implements Op {}

  record Release(int index) implements Op {}

  record Look(int key) implements Op {}

  record Sweep() implements Op {}

  @Property(tries = 400)
  void theLimiterCountsExactlyAsTheModelSaysByTheRealClock(
      @ForAll @IntRange(min = 0, max = 4) int count,
      @ForAll @IntRange(min = 1, max = 20) int windowSeconds,
      @ForAll("schedules") List<Op> schedule) {
    Duration window = Duration.ofSeconds(windowSeconds);
    MutableClock clock = new MutableClock(START);
    InMemoryRateLimitStore store = new InMemoryRateLimitStore(NanoClock.of(clock), 1024);
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.builder(new Rate(count, window)).store(store).clock(clock).build();
    Model model = new Model(count, window.toNanos());

    for (Op op : schedule) {
      long now = EpochNanos.of(clock.instant());
      if (op instanceof Tick) {
        clock.advance(Duration.ofMillis(((Tick) op).millis()));
      } else if (op instanceof Reserve) {
        String key = KEYS.get(((Reserve) op).key());
        reserve(model, key, now, limiter.tryReserve(key));
      } else if (op instanceof ReserveAt) {
        ReserveAt r = (ReserveAt) op;
        String key = KEYS.get(r.key());
        long at = now + r.millis() * 1_000_000;
        if (at > now + TOLERANCE) {
          assertThatThrownBy(() -> limiter.tryReserve(key, EpochNanos.toInstant(at)))
              .isInstanceOf(PolicyException.class);
          Statistics.label("future").collect("refused");
        } else {
          reserve(model, key, at, limiter.tryReserve(key, EpochNanos.toInstant(at)));
        }
      } else if (op instanceof Record) {
        Record r = (Record) op;
        String key = KEYS.get(r.key());
        long at = now + r.millis() * 1_000_000;
        if (at > now + TOLERANCE) {
          assertThatThrownBy(() -> limiter.record(key, EpochNanos.toInstant(at)))
              .isInstanceOf(PolicyException.class);
        } else {
          limiter.record(key, EpochNanos.toInstant(at));
          model.record(key, at);
        }
      } else if (op instanceof Confirm && !model.taken.isEmpty()) {
        Slot s = model.taken.get(((Confirm) op).index() % model.taken.size());
        if (!s.reservation.isReleased()) {
          s.reservation.confirm();
        }
      } else if (op instanceof Release && !model.taken.isEmpty()) {
        Slot s = model.taken.get(((Release) op).index() % model.taken.size());
        if (!s.reservation.isConfirmed()) {
          s.reservation.release();
          s.released = true;
        }
      } else if (op instanceof Look) {
        String key = KEYS.get(((Look) op).key());
        assertThat(limiter.availableAt(key, clock.instant()))
            .as("availableAt %s at %s", key, clock.instant())
            .isEqualTo(model.availableAt(key, now));
      } else if (op instanceof Sweep) {
        int before = store.keys();
        store.sweepNow();
        model.sweep(now);
        Statistics.label("sweep").collect(store.keys() < before ? "dropped" : "kept");
        assertThat(store.keys()).as("keys after a sweep").isEqualTo(model.windows());
      }
      for (String key : KEYS) {
        model.assertAtMostCountAdmittedInEveryWindow(key);
      }
    }
    Statistics.label("sweep").coverage(check -> check.check("dropped").count(n -> n > 0));
    Statistics.label("reserve")
        .coverage(
            check -> {
              check.check("admitted").percentage(p -> p > 10);
              check.check("refused").percentage(p -> p > 10);
            });
    Statistics.label("future").coverage(check -> check.check("refused").count(n -> n > 0));
  }

  private static void reserve(
      Model model, String key, long at, Optional<RateLimitReservation> actual) {
    long effective = model.effective(key, at);
    boolean room = model.counting(key, effective) < model.count;
    assertThat(actual.isPresent())
        .as(
            "%s at %s: %s counting",
            key, EpochNanos.toInstant(effective), model.counting(key, effective))
        .isEqualTo(room);
    model.touch(key, effective);
    if (actual.isPresent()) {
      assertThat(actual.get().at())
          .as("the slot counts from the latest instant the key was given")
          .isEqualTo(EpochNanos.toInstant(effective));
      model.admit(key, effective, actual.get());
    }
    Statistics.label("reserve").collect(room ? "admitted" : "refused");
  }

  /** A slot the model knows of: admitted (with its reservation) or recorded history. */
  private static final class Slot {
    final String key;
    final long at;
    final int generation;
    final RateLimitReservation reservation;
    boolean released;

    Slot(String key, long at, int generation, RateLimitReservation reservation) {
      this.key = key;
      this.at = at;
      this.generation = generation;
      this.reservation = reservation;
    }
  }

  /**
   * What the store's contract says, in the plainest terms: per key the latest instant it was given
   * by an admission (never moved by history), every slot with its instant, keys dropped by a sweep
   * when nothing of theirs counts at the earlier of the clock's now and the latest instant held,
   * and new keys starting at the latest instant of a dropped one.
   */
  private static final class Model {
    final int count;
    final long window;
    final List<Slot> slots = new ArrayList<>();
    final List<Slot> taken = new ArrayList<>();
    final Map<String, Long> latest = new HashMap<>();
    final Map<String, Integer> generation = new HashMap<>();
    long dropFloor = Long.MIN_VALUE;

    Model(int count, long window) {
      this.count = count;
      this.window = window;
    }

    int windows() {
      return latest.size();
    }

    /** The key's latest instant, opening its window (at the drop floor) if it has none. */
    private long open(String key) {
      return latest.computeIfAbsent(key, k -> dropFloor);
    }

    long effective(String key, long at) {
      return Math.max(at, open(key));
    }

    void touch(String key, long effective) {
      latest.put(key, effective);
    }

    private List<Slot> live(String key) {
      int gen = generation.getOrDefault(key, 0);
      List<Slot> out = new ArrayList<>();
      for (Slot s : slots) {
        if (s.key.equals(key) && !s.released && s.generation == gen) {
          out.add(s);
        }
      }
      return out;
    }

    long counting(String key, long effective) {
      long boundary = EpochNanos.minus(effective, window);
      return live(key).stream().filter(s -> s.at > boundary).count();
    }

    void admit(String key, long at, RateLimitReservation r) {
      Slot s = new Slot(key, at, generation.getOrDefault(key, 0), r);
      slots.add(s);
      taken.add(s);
    }

    void record(String key, long at) {
      long l = open(key);
      if (at > EpochNanos.minus(l, window)) {
        slots.add(new Slot(key, at, generation.getOrDefault(key, 0), null));
      }
    }

    Instant availableAt(String key, long at) {
      if (!latest.containsKey(key)) {
        return count > 0 ? EpochNanos.toInstant(at) : Instant.MAX;
      }
      long e = Math.max(at, latest.get(key));
      long boundary = EpochNanos.minus(e, window);
      List<Long> times = new ArrayList<>();
      for (Slot s : live(key)) {
        if (s.at > boundary) {
          times.add(s.at);
        }
      }
      if (times.size() < count) {
        return EpochNanos.toInstant(at);
      }
      if (count == 0) {
        return Instant.MAX;
      }
      Collections.sort(times);
      return EpochNanos.toInstant(EpochNanos.plus(times.get(times.size() - count), window));
    }

    void sweep(long clockNow) {
      long given = dropFloor;
      for (String key : latest.keySet()) {
        given = Math.max(given, latest.get(key));
        for (Slot s : live(key)) {
          given = Math.max(given, s.at);
        }
      }
      long now = Math.min(clockNow, given);
      for (String key : new ArrayList<>(latest.keySet())) {
        long at = Math.max(now, latest.get(key));
        if (counting(key, at) == 0) {
          latest.remove(key);
          generation.merge(key, 1, Integer::sum);
          dropFloor = Math.max(dropFloor, at);
        }
      }
    }

    /** At most {@code count} admitted slots of {@code key} that still hold, in any window. */
    void assertAtMostCountAdmittedInEveryWindow(String key) {
      List<Long> at = new ArrayList<>();
      for (Slot s : taken) {
        if (s.key.equals(key) && !s.released) {
          at.add(s.at);
        }
      }
      Collections.sort(at);
      for (int end = 0, start = 0; end < at.size(); end++) {
        while (at.get(start) <= EpochNanos.minus(at.get(end), window)) {
          start++;
        }
        assertThat(end - start + 1)
            .as("admitted slots of %s in the window ending %s", key, at.get(end))
            .isLessThanOrEqualTo(count);
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> schedules() {
    Arbitrary<Long> forward = Arbitraries.longs().between(0, 3_000);
    Arbitrary<Long> jump = Arbitraries.longs().between(0, 25_000);
    Arbitrary<Long> back = Arbitraries.longs().between(-30_000, -1);
    Arbitrary<Long> millis =
        Arbitraries.frequencyOf(weight(6, forward), weight(2, jump), weight(1, back));
    // Instants callers give: mostly past, some within the tolerance, some beyond it.
    Arbitrary<Long> given =
        Arbitraries.frequencyOf(
            weight(5, Arbitraries.longs().between(-40_000, 0)),
            weight(2, Arbitraries.longs().between(1, 1_000)),
            weight(1, Arbitraries.longs().between(1_001, 7_200_000)));
    Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.size() - 1);
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 1000);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            weight(4, millis.map(Tick::new)),
            weight(6, key.map(Reserve::new)),
            weight(2, net.jqwik.api.Combinators.combine(key, given).as(ReserveAt::new)),
            weight(2, net.jqwik.api.Combinators.combine(key, given).as(Record::new)),
            weight(2, index.map(Confirm::new)),
            weight(2, index.map(Release::new)),
            weight(2, key.map(Look::new)),
            weight(1, Arbitraries.just(new Sweep())));
    return op.list().ofMaxSize(150);
  }

  private static <T> Tuple2<Integer, Arbitrary<? extends T>> weight(
      int weight, Arbitrary<? extends T> a) {
    return Tuple.of(weight, a);
  }

  /**
   * What one thread saw of one admission: the clock's reading for it, the latest reading after it,
   * the slot.
   */
  private record Seen(String key, long before, long after, RateLimitReservation reservation) {}

  /**
   * Threads share a limiter, a store that sweeps as soon as it holds four keys, and a clock they
   * move ahead and back as they go; each slot's instant must lie between the clock's reading for
   * its call and the latest reading so far, and no window of any key may hold more than N slots.
   */
  @Property(tries = 25)
  void onManyThreadsWithASweepNoWindowEverHoldsMoreThanTheCount(
      @ForAll @IntRange(min = 1, max = 6) int count, @ForAll long seed) throws Exception {
    long window = Duration.ofSeconds(10).toNanos();
    AtomicLong clock = new AtomicLong(EpochNanos.of(START));
    AtomicLong latestReading = new AtomicLong(clock.get());
    ThreadLocal<Long> myReading = new ThreadLocal<>();
    NanoClock nanos =
        () -> {
          long t = clock.get();
          latestReading.accumulateAndGet(t, Math::max);
          myReading.set(t);
          return t;
        };
    // The store reads the same clock, but its readings (for sweeps) are not the limiter's.
    InMemoryRateLimitStore store = new InMemoryRateLimitStore(clock::get, 4);
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.builder(new Rate(count, Duration.ofNanos(window)))
            .store(store)
            .clock(nanos)
            .build();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        SplittableRandom random = new SplittableRandom(seed + t);
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < 400; i++) {
                    int r = random.nextInt(100);
                    if (r < 15) {
                      clock.addAndGet(random.nextLong(0, 2_000_000_000L));
                    } else if (r < 17) {
                      clock.addAndGet(-random.nextLong(0, 20_000_000_000L));
                    } else if (r < 22) {
                      long now = clock.get();
                      try {
                        limiter.record(
                            "k" + random.nextInt(12),
                            EpochNanos.toInstant(now - random.nextLong(0, window)));
                      } catch (PolicyException e) {
                        // Another thread moved the clock back meanwhile: now is the future.
                      }
                    } else {
                      String key = "k" + random.nextInt(12);
                      Optional<RateLimitReservation> slot = limiter.tryReserve(key);
                      long before = myReading.get();
                      long after = latestReading.get();
                      if (slot.isPresent()) {
                        if (random.nextInt(5) == 0) {
                          slot.get().release();
                        } else {
                          slot.get().confirm();
                          seen.add(new Seen(key, before, after, slot.get()));
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
    Map<String, List<Long>> byKey = new HashMap<>();
    for (Seen s : seen) {
      long at = EpochNanos.of(s.reservation().at());
      assertThat(at).as("not before the clock's reading for it").isGreaterThanOrEqualTo(s.before());
      assertThat(at).as("never past the clock").isLessThanOrEqualTo(s.after());
      byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(at);
    }
    for (Map.Entry<String, List<Long>> e : byKey.entrySet()) {
      List<Long> at = e.getValue();
      Collections.sort(at);
      for (int end = 0, start = 0; end < at.size(); end++) {
        while (at.get(start) <= at.get(end) - window) {
          start++;
        }
        assertThat(end - start + 1)
            .as("confirmed slots of %s in the window ending %s", e.getKey(), at.get(end))
            .isLessThanOrEqualTo(count);
      }
    }
    assertThat(seen).as("the run admitted something").isNotEmpty();
    assertThat(store.sweeps()).as("the store swept while the threads counted").isPositive();
  }
}
