package io.github.aiplaybooks.core.tool;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link IdempotencyStore} in this process's memory: enough for one JVM, lost on restart. Keys
 * are kept until the store is dropped; create one per engine. Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private enum Held {
    IN_PROGRESS,
    DONE,
    FAILED
  }

  private record Entry(Held held, Execution execution, String fingerprint) {}

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryIdempotencyStore() {}

  @Override
  public Claim claim(String key, String fingerprint) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Claim[] result = new Claim[1];
    entries.compute(
        key,
        (k, e) -> {
          if (e == null || e.held == Held.FAILED) {
            String first = e == null ? fingerprint : e.fingerprint;
            result[0] = new Claim(State.CLAIMED, null, first);
            return new Entry(Held.IN_PROGRESS, null, first);
          }
          result[0] =
              new Claim(
                  e.held == Held.DONE ? State.DONE : State.IN_PROGRESS, e.execution, e.fingerprint);
          return e;
        });
    return result[0];
  }

  @Override
  public void complete(String key, Execution execution) {
    Objects.requireNonNull(execution, "execution");
    entries.computeIfPresent(key, (k, e) -> new Entry(Held.DONE, execution, e.fingerprint));
  }

  @Override
  public void fail(String key, String error) {
    entries.computeIfPresent(key, (k, e) -> new Entry(Held.FAILED, null, e.fingerprint));
  }

  @Override
  public void release(String key) {
    entries.computeIfPresent(key, (k, e) -> e.held == Held.IN_PROGRESS ? null : e);
  }

  /** How many keys are held. */
  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return "InMemoryIdempotencyStore[" + entries.size() + " keys]";
  }
}
