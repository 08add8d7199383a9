package io.github.aiplaybooks.core.playbook;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.condition.FactSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles every condition of a valid playbook against the scope that reads it, so the model holds
 * (and the engine evaluates) exactly the conditions the checks validated: typed, aliases resolved,
 * facts and symbols decided. The sources, and so equality, are unchanged.
 */
final class ConditionBinding {
  private ConditionBinding() {}

  static Step bind(Step step, Scope scope) {
    FactSchema facts = scope.facts();
    StepSpec spec = step.spec();
    StepSpec bound;
    if (spec instanceof HealthCheckSpec) {
      HealthCheckSpec h = (HealthCheckSpec) spec;
      bound = new HealthCheckSpec(h.interval(), all(h.checks(), facts));
    } else if (spec instanceof DecideSpec) {
      DecideSpec d = (DecideSpec) spec;
      bound =
          d.toBuilder()
              .rollbackIf(all(d.rollbackIf(), facts))
              .condition(d.condition().map(c -> one(c, facts)).orElse(null))
              .build();
    } else if (spec instanceof ApproveSpec) {
      ApproveSpec a = (ApproveSpec) spec;
      bound = new ApproveSpec(all(a.autoApproveIf(), facts), all(a.requireHumanIf(), facts));
    } else if (spec instanceof ExecuteSpec) {
      ExecuteSpec e = (ExecuteSpec) spec;
      bound =
          e.toBuilder()
              .condition(e.condition().map(c -> one(c, facts)).orElse(null))
              .autoFixIf(all(e.autoFixIf(), facts))
              .autoApplyIf(all(e.autoApplyIf(), facts))
              .build();
    } else if (spec instanceof VerifySpec) {
      bound = new VerifySpec(all(((VerifySpec) spec).checks(), facts));
    } else if (spec instanceof PlanSpec) {
      PlanSpec p = (PlanSpec) spec;
      bound = p.toBuilder().constraints(all(p.constraints(), facts)).build();
    } else {
      return step;
    }
    return new Step(step.order(), step.name(), step.action(), bound, step.extensions());
  }

  static Trigger bind(Trigger trigger, Scope start) {
    if (trigger instanceof HealthCheckTrigger) {
      HealthCheckTrigger h = (HealthCheckTrigger) trigger;
      return new HealthCheckTrigger(h.interval(), all(h.checks(), start.facts()));
    }
    return trigger;
  }

  static Routing bind(Routing routing, Scope scope) {
    return new Routing(
        routes(routing.routes(), scope.facts()), routing.fallback(), routing.extensions());
  }

  private static List<Route> routes(List<Route> routes, FactSchema facts) {
    List<Route> out = new ArrayList<>(routes.size());
    for (Route r : routes) {
      out.add(
          new Route(
              r.label(),
              one(r.when(), facts),
              routes(r.routes(), facts),
              r.runbook(),
              r.extensions()));
    }
    return out;
  }

  private static List<Condition> all(List<Condition> conditions, FactSchema facts) {
    List<Condition> out = new ArrayList<>(conditions.size());
    conditions.forEach(c -> out.add(one(c, facts)));
    return out;
  }

  private static Condition one(Condition c, FactSchema facts) {
    return Condition.compile(c.source(), facts);
  }
}
