package io.github.aiplaybooks.core.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PolicyEngine#authorize(ActionRequest)} gives: the decision and, when it is {@code
 * ALLOW}, the permit (a rate-limit slot) to execute the action in. If the action was allowed but
 * its slot could not be taken (the limit filled, an emergency stop was pulled in between), the
 * decision is a {@code DENY} that says why, and there is no permit.
 *
 * <pre>{@code
 * Authorization auth = engine.authorize(request);
 * if (auth.isAllowed()) {
 *   try (RateLimitReservation permit = auth.permit().orElseThrow()) {
 *     execute(request);
 *     permit.confirm();
 *   }
 * } else if (auth.decision().requiresApproval()) {
 *   askHuman(request, auth.decision().reasons());  // then engine.tryReserve(request)
 * }
 * }</pre>
 */
public final class Authorization {
  private final Decision decision;
  private final RateLimitReservation permit;

  Authorization(Decision decision, RateLimitReservation permit) {
    this.decision = Objects.requireNonNull(decision, "decision");
    if ((permit != null) != decision.isAllowed()) {
      throw new IllegalArgumentException("permit: given exactly when the decision is ALLOW");
    }
    this.permit = permit;
  }

  /** The decision: the engine's, or a {@code DENY} if the slot could not be taken. */
  public Decision decision() {
    return decision;
  }

  /** Whether the action may run now, in {@link #permit()}. */
  public boolean isAllowed() {
    return permit != null;
  }

  /** The slot to execute the action in, when allowed: confirm or release it. */
  public Optional<RateLimitReservation> permit() {
    return Optional.ofNullable(permit);
  }

  @Override
  public String toString() {
    return "Authorization[" + decision + (permit == null ? "" : ", " + permit) + "]";
  }
}
