package io.github.aiplaybooks.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aiplaybooks.core.condition.Facts;
import io.github.aiplaybooks.core.condition.Rate;
import io.github.aiplaybooks.core.policy.Decision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Taking rate-limit slots through the engine: tryReserve, reserve, authorize, recordExecution. */
class ReservationsTest {
  static final Instant T0 = Instant.parse("2024-01-02T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final ActionRequest restart =
      ActionRequest.of("restart_pod", Facts.builder().put("blast_radius", 1).build());

  PolicyEngine seed() {
    return PolicyEngine.builder(Policy.seed()).clock(clock).build();
  }

  static ReservationResult.Refused refused(ReservationResult r) {
    assertThat(r).isInstanceOf(ReservationResult.Refused.class);
    return (ReservationResult.Refused) r;
  }

  static RateLimitReservation reserved(ReservationResult r) {
    assertThat(r).isInstanceOf(ReservationResult.Reserved.class);
    return ((ReservationResult.Reserved) r).reservation();
  }

  @Nested
  class EmergencyStops {
    @Test
    void reserveRefusesWhileAStopIsEngaged() {
      AtomicBoolean stop = new AtomicBoolean(true);
      PolicyEngine e =
          PolicyEngine.builder(Policy.seed())
              .clock(clock)
              .emergencyStop(EmergencyStop.of("operator switch", stop::get))
              .build();
      assertThat(e.decide(restart).outcome()).isEqualTo(Outcome.DENY);
      assertThat(e.reserve(restart)).isEmpty();
      ReservationResult.Refused r = refused(e.tryReserve(restart));
      assertThat(r.cause()).isEqualTo(ReservationResult.Cause.EMERGENCY_STOP);
      assertThat(r.rule().name()).isEqualTo(RuleRef.EMERGENCY_STOP);
      assertThat(r.reason())
          .isEqualTo(
              "emergency stop 'operator switch' is engaged: only READ actions run, and restart_pod"
                  + " is MUTATE");
      assertThat(r.retryAfter()).isEmpty();
      assertThat(e.tryReserve(ActionRequest.of("get", Facts.empty())).isReserved())
          .as("reads run during a stop")
          .isTrue();
      stop.set(false);
      assertThat(e.reserve(restart)).isPresent();
    }

    @Test
    void aStopPulledWhileAHumanApprovesStopsTheAction() {
      AtomicBoolean stop = new AtomicBoolean();
      PolicyEngine e =
          PolicyEngine.builder(Policy.seed())
              .clock(clock)
              .emergencyStop(EmergencyStop.of("kill switch", stop::get))
              .build();
      ActionRequest delete =
          ActionRequest.of("delete_node", Facts.builder().put("blast_radius", 3).build());
      assertThat(e.decide(delete).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
      clock.advance(Duration.ofHours(1)); // the approval takes an hour; meanwhile:
      stop.set(true);
      assertThat(refused(e.tryReserve(delete)).cause())
          .isEqualTo(ReservationResult.Cause.EMERGENCY_STOP);
    }

    @Test
    void aStopWhoseNameThrowsStillStopsAndNothingEscapes() {
      EmergencyStop nameless =
          new EmergencyStop() {
            @Override
            public boolean engaged() {
              throw new IllegalStateException("flag store down");
            }

            @Override
            public String name() {
              throw new IllegalStateException("no name either");
            }
          };
      PolicyEngine e =
          PolicyEngine.builder(Policy.seed()).clock(clock).emergencyStop(nameless).build();
      Decision d = e.decide(restart);
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.reasons().get(0))
          .contains("whose name could not be read")
          .contains("no name either")
          .contains("flag store down")
          .contains("counts as engaged");
      assertThat(refused(e.tryReserve(restart)).cause())
          .isEqualTo(ReservationResult.Cause.EMERGENCY_STOP);
    }
  }

  @Nested
  class WhyARefusal {
    @Test
    void eachRefusalSaysWhy() {
      PolicyEngine e = seed();
      ReservationResult.Refused unknown =
          refused(e.tryReserve(ActionRequest.of("restrat_pod", Facts.empty())));
      assertThat(unknown.cause()).isEqualTo(ReservationResult.Cause.UNKNOWN_ACTION);
      assertThat(unknown.rule()).isEqualTo(new RuleRef("catalog", -1, "restrat_pod"));
      assertThat(unknown.reason()).contains("did you mean 'restart_pod'?");

      for (int i = 0; i < 5; i++) {
        reserved(e.tryReserve(restart)).confirm();
      }
      ReservationResult.Refused full = refused(e.tryReserve(restart));
      assertThat(full.cause()).isEqualTo(ReservationResult.Cause.RATE_LIMIT);
      assertThat(full.rule()).isEqualTo(new RuleRef("rate_limits.pod_restarts", -1, "5 per hour"));
      assertThat(full.retryAfter()).contains(T0.plus(Duration.ofHours(1)));
      assertThat(full.reason())
          .isEqualTo(
              "rate limit pod_restarts (5 per hour) reached: 5 executions in the last hour; a slot"
                  + " frees up at 2024-01-02T11:00:00Z");
      assertThat(e.reserve(restart)).isEmpty();

      PolicyEngine perTarget =
          PolicyEngine.builder(
                  Policy.parse(
                      "{\"rate_limits\": {\"deployments_modified\": {\"limit\": \"2 per hour\","
                          + " \"per\": \"target\"}}}",
                      "per-target.json"))
              .clock(clock)
              .build();
      ReservationResult.Refused noTarget =
          refused(perTarget.tryReserve(ActionRequest.of("rollback_deployment", Facts.empty())));
      assertThat(noTarget.cause()).isEqualTo(ReservationResult.Cause.NO_TARGET);
      assertThat(noTarget.reason())
          .isEqualTo(
              "the rate limit deployments_modified (2 per hour per target) is counted per target,"
                  + " and the request names no target");
    }
  }

  @Nested
  class Authorize {
    @Test
    void anAllowedActionComesWithItsPermit() {
      PolicyEngine e = seed();
      Authorization auth = e.authorize(restart);
      assertThat(auth.isAllowed()).isTrue();
      assertThat(auth.decision().outcome()).isEqualTo(Outcome.ALLOW);
      RateLimitReservation permit = auth.permit().orElseThrow();
      assertThat(permit.key()).contains("pod_restarts");
      permit.confirm();
      assertThat(e.decide(restart).facts().names()).contains("blast_radius");
    }

    @Test
    void anActionThatNeedsAHumanGetsNoPermit() {
      Authorization auth =
          seed()
              .authorize(
                  ActionRequest.of("delete_node", Facts.builder().put("blast_radius", 1).build()));
      assertThat(auth.isAllowed()).isFalse();
      assertThat(auth.permit()).isEmpty();
      assertThat(auth.decision().outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    }

    @Test
    void aStopPulledBetweenDecidingAndReservingTurnsTheDecisionIntoADenial() {
      AtomicInteger reads = new AtomicInteger();
      // Not engaged when the decision reads it, engaged when the reservation does.
      EmergencyStop flipping = EmergencyStop.of("flipping", () -> reads.incrementAndGet() > 1);
      PolicyEngine e =
          PolicyEngine.builder(Policy.seed()).clock(clock).emergencyStop(flipping).build();
      Authorization auth = e.authorize(restart);
      assertThat(auth.isAllowed()).isFalse();
      assertThat(auth.decision().outcome()).isEqualTo(Outcome.DENY);
      assertThat(auth.decision().rule().name()).isEqualTo(RuleRef.EMERGENCY_STOP);
      assertThat(auth.decision().reasons().get(0)).startsWith("emergency stop 'flipping'");
    }
  }

  @Nested
  class TimeFromTheCallerNeverMovesTheWindow {
    @Test
    void aFutureHistoryEntryIsRefusedAndTheLimitHolds() {
      PolicyEngine e = seed();
      int admitted = 0;
      for (int i = 0; i < 10; i++) {
        if (e.reserve(restart).isPresent()) {
          admitted++;
        }
      }
      assertThat(admitted).isEqualTo(5);
      assertThatThrownBy(() -> e.recordExecution(restart, T0.plus(Duration.ofHours(2))))
          .isInstanceOfSatisfying(
              PolicyException.class,
              x -> {
                assertThat(x.code()).isEqualTo(PolicyException.REQUEST_INVALID);
                assertThat(x.getMessage())
                    .startsWith(
                        "recordExecution: the instant 2024-01-02T12:00:00Z is after the clock's"
                            + " now (2024-01-02T10:00:00Z) by more than 1000 ms");
              });
      for (int i = 0; i < 10; i++) {
        assertThat(e.reserve(restart)).as("still the same real instant").isEmpty();
      }
      // Within the tolerance an instant counts, and still frees nothing.
      e.recordExecution(restart, T0.plusMillis(500));
      assertThat(e.reserve(restart)).isEmpty();
    }

    @Test
    void misuseOfRecordExecutionIsAPolicyException() {
      PolicyEngine e = seed();
      assertThatThrownBy(() -> e.recordExecution(ActionRequest.of("nope", Facts.empty()), T0))
          .isInstanceOf(PolicyException.class)
          .hasMessageStartingWith("recordExecution: unknown action 'nope'");
      PolicyEngine perTarget =
          PolicyEngine.builder(
                  Policy.parse(
                      "{\"rate_limits\": {\"deployments_modified\": {\"limit\": \"2 per hour\","
                          + " \"per\": \"target\"}}}",
                      "per-target.json"))
              .clock(clock)
              .build();
      assertThatThrownBy(
              () ->
                  perTarget.recordExecution(
                      ActionRequest.of("rollback_deployment", Facts.empty()), T0))
          .isInstanceOf(PolicyException.class)
          .hasMessageContaining("is counted per target, and the request names no target");
    }

    @Test
    void theLimiterRefusesFutureInstantsToo() {
      SlidingWindowRateLimiter limiter =
          SlidingWindowRateLimiter.builder(Rate.parse("5 per hour")).clock(clock).build();
      assertThatThrownBy(() -> limiter.tryReserve("k", T0.plusSeconds(2)))
          .isInstanceOf(PolicyException.class)
          .hasMessageStartingWith("tryReserve: the instant 2024-01-02T10:00:02Z is after");
      assertThatThrownBy(() -> limiter.record("k", T0.plus(Duration.ofDays(400_000))))
          .isInstanceOf(PolicyException.class)
          .hasMessageStartingWith("record: the instant");
      assertThat(limiter.tryReserve("k", T0.plusMillis(999))).isPresent();
      // Far in the past is fine: it counts from the key's latest instant.
      assertThat(limiter.tryReserve("k", Instant.parse("1500-01-01T00:00:00Z")).orElseThrow().at())
          .isEqualTo(T0.plusMillis(999));
      assertThat(limiter.availableAt("k", Instant.parse("2500-01-01T00:00:00Z")))
          .as("looking ahead changes nothing")
          .isEqualTo(Instant.parse("2500-01-01T00:00:00Z"));
    }

    @Test
    void theSweepReadsTheStoresClockNotACallersInstant() {
      InMemoryRateLimitStore store = new InMemoryRateLimitStore(NanoClock.of(clock), 1);
      Rate rate = Rate.parse("5 per hour");
      for (int i = 0; i < 5; i++) {
        assertThat(store.tryAdmit("busy", rate, T0).admitted()).isTrue();
      }
      // A caller of the store itself gives an instant two hours ahead, on another key.
      assertThat(store.tryAdmit("other", rate, T0.plus(Duration.ofHours(2))).admitted()).isTrue();
      store.sweepNow();
      assertThat(store.held("busy", rate, T0)).as("a live window is kept").isEqualTo(5);
      assertThat(store.tryAdmit("busy", rate, T0).admitted()).isFalse();
      // When the clock itself moves on, the sweep drops what emptied.
      clock.advance(Duration.ofHours(3));
      store.sweepNow();
      assertThat(store.keys()).isEqualTo(1);
      assertThat(store.held("busy", rate, T0.plus(Duration.ofHours(3)))).isZero();
    }
  }

  @Nested
  class Keys {
    @Test
    void aCategoryLimitCountsEachClusterApart() {
      PolicyEngine e = seed();
      ActionRequest eu =
          restart.toBuilder().target(Target.of("pod", "default", "a").inCluster("eu")).build();
      ActionRequest us =
          restart.toBuilder().target(Target.of("pod", "default", "a").inCluster("us")).build();
      for (int i = 0; i < 5; i++) {
        reserved(e.tryReserve(eu)).confirm();
      }
      assertThat(e.tryReserve(eu).isReserved()).isFalse();
      assertThat(e.decide(eu).reasons().get(0))
          .startsWith("rate limit pod_restarts (5 per hour) reached for pod_restarts@eu:");
      assertThat(e.tryReserve(us).isReserved()).isTrue();
    }

    @Test
    void twoPoliciesLimitingOneKeyDifferentlyAreRefusedClearly() {
      InMemoryRateLimitStore shared = new InMemoryRateLimitStore(clock);
      PolicyEngine five =
          PolicyEngine.builder(Policy.seed()).clock(clock).rateLimitStore(shared).build();
      PolicyEngine ten =
          PolicyEngine.builder(
                  Policy.builder()
                      .rateLimit("pod_restarts", "10 per hour")
                      .autoApprove("restart_pod")
                      .build())
              .clock(clock)
              .rateLimitStore(shared)
              .build();
      reserved(five.tryReserve(restart)).confirm();
      ReservationResult.Refused conflict = refused(ten.tryReserve(restart));
      assertThat(conflict.cause()).isEqualTo(ReservationResult.Cause.RATE_LIMIT_CONFLICT);
      assertThat(conflict.reason())
          .contains(
              "the rate-limit key 'pod_restarts' is counted at 5 per hour in this store, and cannot"
                  + " also be counted at 10 per hour");
      Decision d = ten.decide(restart);
      assertThat(d.outcome()).isEqualTo(Outcome.DENY);
      assertThat(d.rule().id()).isEqualTo("rate_limits.pod_restarts");
      assertThatThrownBy(() -> ten.recordExecution(restart, T0))
          .isInstanceOfSatisfying(
              PolicyException.class,
              x -> assertThat(x.code()).isEqualTo(PolicyException.RATE_LIMIT_CONFLICT));
      // With a key prefix each counts apart.
      PolicyEngine tenant =
          PolicyEngine.builder(ten.policy())
              .clock(clock)
              .rateLimitStore(shared)
              .rateLimitKeyPrefix("tenant-b/")
              .build();
      RateLimitReservation slot = reserved(tenant.tryReserve(restart));
      assertThat(slot.key()).contains("tenant-b/pod_restarts");
      assertThatThrownBy(() -> PolicyEngine.builder(Policy.seed()).rateLimitKeyPrefix("a b"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("prefix:");
    }

    @Test
    void theSameIdempotencyKeyActionAndTargetIsOneExecution() {
      PolicyEngine e = seed();
      Target pod = Target.of("pod", "default", "api-1");
      ActionRequest step =
          restart.toBuilder().target(pod).idempotencyKey("incident-42/step-6").build();
      RateLimitReservation first = reserved(e.tryReserve(step));
      RateLimitReservation retry = reserved(e.tryReserve(step));
      assertThat(retry.at()).isEqualTo(first.at());
      // The retry gives its slot back: the first still counts it, once.
      retry.release();
      first.confirm();
      // The same key on another target is another execution.
      reserved(e.tryReserve(step.toBuilder().target(Target.of("pod", "default", "api-2")).build()))
          .confirm();
      for (int i = 0; i < 3; i++) {
        reserved(e.tryReserve(restart.toBuilder().target(pod).build())).confirm();
      }
      assertThat(e.tryReserve(restart.toBuilder().target(pod).build()).isReserved())
          .as("step-6 once, step-6 on api-2, and three more: five")
          .isFalse();
      assertThat(e.tryReserve(step).isReserved())
          .as("a retry of step-6 still gets its slot")
          .isTrue();
    }

    @Test
    void kindsAreOneWhateverTheirCase() {
      assertThat(Target.of("Deployment", "default", "api").kind()).isEqualTo("deployment");
      assertThat(Target.of("Deployment", "default", "api"))
          .isEqualTo(Target.of("deployment", "default", "api"));
    }
  }

  @Test
  void windowsShorterThanASecondAreRefused() {
    assertThatThrownBy(() -> SlidingWindowRateLimiter.builder(Rate.parse("5 per 0.0001ms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a rate-limit window is at least one second");
    assertThatThrownBy(() -> RateLimit.of("pod_restarts", Rate.parse("5 per 500ms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rate: '5 per 500ms' has a window of PT0.5S");
    PolicyException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            PolicyException.class,
            () -> Policy.parse("{\"rate_limits\": {\"pod_restarts\": \"5 per 500ms\"}}", "p.json"));
    assertThat(e.problems())
        .extracting(PolicyException.Problem::toString)
        .containsExactly(
            "/rate_limits/pod_restarts: '5 per 500ms' has a window of PT0.5S; a rate-limit window"
                + " is at least one second, such as '5 per second'");
  }
}
