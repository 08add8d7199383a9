package io.github.aiplaybooks.cli;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.policy.ActionRequest;
import io.github.aiplaybooks.core.policy.BusinessHours;
import io.github.aiplaybooks.core.policy.Decision;
import io.github.aiplaybooks.core.policy.Policy;
import io.github.aiplaybooks.core.policy.PolicyEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ApprovalPreview} by the policy engine: loads the policy and decides each action with no
 * trusted facts, on a fresh rate-limit store.
 *
 * <p>So the preview is the most cautious reading of the policy, not a promise: a rule that requires
 * a human and reads a fact that is missing here (such as {@code blast_radius > 50_pods}) requires
 * approval (fail closed), and a rule that allows only on a fact (such as {@code blast_radius <
 * 10_pods}) does not allow. "Allowed" means allowed by a rule that reads no missing fact, such as a
 * bare action name, or by the default for read-only actions; at run time real facts may still
 * require approval or deny (a rate limit, an emergency stop, a require rule that then holds).
 *
 * <p>The clock is never read: {@code off_hours} is computed at {@code --now} when given, else the
 * action is decided twice, at the first business-hours and the first off-hours instant of the week
 * of Monday 2024-01-01 by the policy's {@link BusinessHours}; both outcomes are shown when they
 * differ.
 */
final class PolicyApprovalPreview implements ApprovalPreview {

  /** The Monday whose week gives the business-hours and off-hours instants. */
  private static final Instant REFERENCE_WEEK =
      LocalDate.of(2024, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  @Override
  public Map<String, String> preview(Path policyFile, Set<String> actions, Instant now) {
    Policy policy = Policy.load(policyFile);
    Map<String, String> out = new TreeMap<>();
    if (now != null) {
      PolicyEngine engine = engine(policy, now);
      actions.forEach(a -> out.put(a, describe(engine.decide(request(a)))));
      return out;
    }
    Instant business = first(policy.businessHours(), true);
    Instant off = first(policy.businessHours(), false);
    PolicyEngine inHours = business == null ? null : engine(policy, business);
    PolicyEngine offHours = off == null ? null : engine(policy, off);
    for (String a : actions) {
      String during = inHours == null ? null : describe(inHours.decide(request(a)));
      String outside = offHours == null ? null : describe(offHours.decide(request(a)));
      if (during == null || outside == null || during.equals(outside)) {
        out.put(a, during != null ? during : outside);
      } else {
        out.put(a, "business hours: " + during + "; off hours: " + outside);
      }
    }
    return out;
  }

  private static ActionRequest request(String action) {
    return ActionRequest.of(action, Facts.empty());
  }

  private static PolicyEngine engine(Policy policy, Instant at) {
    return PolicyEngine.builder(policy).clock(Clock.fixed(at, ZoneOffset.UTC)).build();
  }

  /** The first quarter hour of the reference week in (or out of) business hours, or null. */
  private static Instant first(BusinessHours hours, boolean business) {
    for (int q = 0; q < 7 * 24 * 4; q++) {
      Instant at = REFERENCE_WEEK.plus(Duration.ofMinutes(15L * q));
      if (hours.isBusinessHours(at) == business) {
        return at;
      }
    }
    return null;
  }

  private static String describe(Decision d) {
    switch (d.outcome()) {
      case ALLOW:
        return "allowed (" + d.rule() + ")";
      case DENY:
        return "denied (" + d.reasons().get(0) + ")";
      default:
        return "could need approval (" + d.reasons().get(0) + ")";
    }
  }
}
