package io.github.aiplaybooks.dsl;

import io.github.aiplaybooks.core.condition.Condition;
import io.github.aiplaybooks.core.playbook.StepSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A step being written in the DSL: an action and the parameters its kind takes. Each subclass has
 * only the parameters of its kind, so the compiler rejects {@code horizon} on an approval step or a
 * {@code Duration} where a condition belongs. Get one from a factory of {@link Playbooks}, such as
 * {@code checkApprovalRequired()}, and pass it to {@code step(name, ...)}.
 *
 * <p>Mutable and not thread-safe: each method changes this definition and returns it. Conditions
 * are compiled when given, so a syntax error is thrown where it is written; which facts they read
 * is checked when the playbook is built.
 *
 * @param <S> the concrete definition, returned by the shared methods
 */
public abstract sealed class StepDefinition<S extends StepDefinition<S>>
    permits ReceiveStep,
        HealthCheckStep,
        CollectStep,
        ReasonStep,
        ForecastStep,
        PlanStep,
        AssessStep,
        CompareStep,
        DecideStep,
        ApproveStep,
        ExecuteStep,
        VerifyStep,
        ReportStep,
        NotifyStep,
        CustomStep {
  private final String action;
  private final Map<String, JsonNode> extensions = new LinkedHashMap<>();

  StepDefinition(String action) {
    this.action = Objects.requireNonNull(action, "action");
  }

  /** The action, such as {@code check_approval_required}. */
  public final String action() {
    return action;
  }

  /** The typed parameters as they stand now. */
  public abstract StepSpec spec();

  /** Adds an {@code x-} key with your own data to the step. */
  public final S extension(String key, JsonNode value) {
    extensions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return self();
  }

  /** The {@code x-} keys. */
  public final Map<String, JsonNode> extensions() {
    return Collections.unmodifiableMap(extensions);
  }

  @SuppressWarnings("unchecked")
  final S self() {
    return (S) this;
  }

  /** Compiles each condition now, so that a syntax error points at the line that wrote it. */
  static List<Condition> compile(String... conditions) {
    List<Condition> out = new ArrayList<>(conditions.length);
    for (String c : conditions) {
      out.add(Condition.compile(Objects.requireNonNull(c, "conditions: null element")));
    }
    return out;
  }
}
