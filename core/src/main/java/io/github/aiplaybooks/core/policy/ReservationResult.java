package io.github.aiplaybooks.core.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PolicyEngine#tryReserve(ActionRequest)} gives: a {@link Reserved} slot to execute the
 * action in, or why it was {@link Refused}.
 *
 * <pre>{@code
 * ReservationResult result = engine.tryReserve(request);
 * if (result instanceof ReservationResult.Reserved reserved) {
 *   try (RateLimitReservation slot = reserved.reservation()) {
 *     execute(request);
 *     slot.confirm();
 *   }
 * } else if (result instanceof ReservationResult.Refused refused) {
 *   switch (refused.cause()) {
 *     case RATE_LIMIT -> retryLater(refused.retryAt());
 *     case EMERGENCY_STOP -> abandon(refused.reason());
 *     default -> fail(refused.reason());
 *   }
 * }
 * }</pre>
 */
public sealed interface ReservationResult
    permits ReservationResult.Reserved, ReservationResult.Refused {

  /** Whether a slot was reserved. */
  boolean isReserved();

  /** The reservation if one was made: what {@link PolicyEngine#reserve} returns. */
  Optional<RateLimitReservation> toOptional();

  /**
   * A slot was taken: execute the action, then {@linkplain RateLimitReservation#confirm() confirm}
   * or {@linkplain RateLimitReservation#release() release} it.
   *
   * @param reservation the slot; one that counts nothing for an action no rate limit counts
   */
  record Reserved(RateLimitReservation reservation) implements ReservationResult {
    /** Checks the component. */
    public Reserved {
      Objects.requireNonNull(reservation, "reservation");
    }

    @Override
    public boolean isReserved() {
      return true;
    }

    @Override
    public Optional<RateLimitReservation> toOptional() {
      return Optional.of(reservation);
    }
  }

  /**
   * No slot was taken, and the action must not run now.
   *
   * @param cause why, for code
   * @param reason why, for people
   * @param rule the engine's rule that refused: {@code catalog}, {@code emergency_stop} or {@code
   *     rate_limits.CATEGORY}
   * @param retryAt for {@link Cause#RATE_LIMIT}, when a slot frees up; {@code null} otherwise and
   *     for a limit of zero, which never admits
   */
  record Refused(
      @JsonProperty("cause") Cause cause,
      @JsonProperty("reason") String reason,
      @JsonProperty("rule") RuleRef rule,
      @JsonProperty("retry_at") Instant retryAt)
      implements ReservationResult {

    /** Checks the components. */
    public Refused {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(rule, "rule");
    }

    /** When a slot frees up, for a refusal by a rate limit that ever admits. */
    public Optional<Instant> retryAfter() {
      return Optional.ofNullable(retryAt);
    }

    @Override
    public boolean isReserved() {
      return false;
    }

    @Override
    public Optional<RateLimitReservation> toOptional() {
      return Optional.empty();
    }
  }

  /** Why a reservation was refused. */
  enum Cause {
    /** The action is not in the policy's catalog. */
    UNKNOWN_ACTION,
    /** An emergency stop is engaged (or cannot be read), and the action is not READ. */
    EMERGENCY_STOP,
    /** The action's rate limit is reached. */
    RATE_LIMIT,
    /** The limit is counted per target or namespace, and the request names none. */
    NO_TARGET,
    /** The rate-limit store counts the key at another rate (another policy limits it). */
    RATE_LIMIT_CONFLICT
  }
}
