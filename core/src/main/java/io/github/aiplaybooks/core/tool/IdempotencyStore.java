package io.github.aiplaybooks.core.tool;

import java.util.Optional;

/**
 * Remembers which mutations ran, by idempotency key, so that a retried step never applies one
 * twice. {@link MutationGate} claims a key before it applies a mutation and records the outcome
 * after. Share one store between replicas (Redis, DynamoDB) to make that hold across processes.
 *
 * <p>States of a key: free; {@code IN_PROGRESS} (claimed, not finished: if it stays so, the process
 * died during the mutation, whose outcome is then unknown and is never applied again
 * automatically); {@code DONE} (finished: later claims get the recorded {@link Execution}); {@code
 * FAILED} (the attempt threw: a later claim may try again, and the adapter gets the same key).
 *
 * <pre>{@code
 * MutationGate gate = MutationGate.builder(policyEngine)
 *     .idempotencyStore(new InMemoryIdempotencyStore())
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and make {@link #claim} atomic.
 */
public interface IdempotencyStore {

  /** What a claim found. */
  enum State {
    /** The key was free or its last attempt failed: the caller now holds it. */
    CLAIMED,
    /** Another attempt holds the key and has not finished. */
    IN_PROGRESS,
    /** An attempt finished: see its execution. */
    DONE
  }

  /**
   * The result of a claim.
   *
   * @param state what the claim found
   * @param execution the recorded execution, for {@link State#DONE}
   * @param fingerprint what the key was first claimed for
   */
  record Claim(State state, Execution execution, String fingerprint) {
    /** The recorded execution, for {@link State#DONE}. */
    public Optional<Execution> recorded() {
      return Optional.ofNullable(execution);
    }
  }

  /**
   * Claims {@code key} for a mutation described by {@code fingerprint} (the same for every retry of
   * it), atomically.
   */
  Claim claim(String key, String fingerprint);

  /** Records that the mutation holding {@code key} finished with {@code execution}. */
  void complete(String key, Execution execution);

  /** Records that the attempt holding {@code key} failed, so a retry may try again. */
  void fail(String key, String error);

  /** Frees {@code key}: the mutation did not start (rate limit, emergency stop). */
  void release(String key);
}
